package ferry.app;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * This node among the nodes sharing one database.
 *
 * @param id this node's name; null to generate one
 * @param pipelineLease how long a pipeline execution claimed by a node that stopped renewing its
 *     claims (killed, lost) stays claimed before another node fails its in-flight actions as
 *     interrupted; a node renews every quarter of it
 */
public record NodeSettings(@Nullable String id, Duration pipelineLease) {

  public static final Duration DEFAULT_PIPELINE_LEASE = Duration.ofSeconds(10);

  /** A generated name and the default lease. */
  public static final NodeSettings DEFAULT = new NodeSettings(null, DEFAULT_PIPELINE_LEASE);

  public NodeSettings {
    if (pipelineLease.isNegative() || pipelineLease.isZero()) {
      throw new IllegalArgumentException("pipelineLease must be positive, not " + pipelineLease);
    }
  }
}
