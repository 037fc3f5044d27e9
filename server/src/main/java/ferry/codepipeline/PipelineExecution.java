package ferry.codepipeline;

import ferry.aws.AccountId;
import ferry.aws.Region;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One run of a pipeline, pinned to the pipeline version it started with.
 *
 * @param sourceRevisions overrides asked for at start, by source action name (S3 version ids)
 * @param variables pipeline-level variable values of this execution
 */
public record PipelineExecution(
    String id,
    AccountId account,
    Region region,
    String pipelineName,
    int pipelineVersion,
    ExecutionStatus status,
    @Nullable String statusSummary,
    ExecutionTrigger trigger,
    ExecutionMode mode,
    Instant startTime,
    Instant lastUpdateTime,
    @Nullable String stopReason,
    Map<String, String> sourceRevisions,
    Map<String, String> variables) {

  public PipelineExecution {
    sourceRevisions = Map.copyOf(sourceRevisions);
    variables = Map.copyOf(variables);
  }
}
