package ferry.codepipeline;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Whether a stage's inbound or outbound transition lets executions through, and who last changed
 * it, when and why it was disabled. A transition nobody changed is enabled with no history.
 */
public record TransitionState(
    String stageName,
    String type,
    boolean enabled,
    @Nullable String lastChangedBy,
    @Nullable Instant lastChangedAt,
    @Nullable String disabledReason) {

  public static TransitionState initial(String stageName, String type) {
    return new TransitionState(stageName, type, true, null, null, null);
  }
}
