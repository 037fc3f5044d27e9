package ferry.codepipeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One run of one action, as ListActionExecutions reports it: what went in (configuration, resolved
 * configuration, role, input artifacts), what came out (artifacts, variables, summary), and how it
 * ended.
 *
 * @param token the approval token of a manual approval waiting for a result
 */
public record ActionExecution(
    String id,
    String executionId,
    int pipelineVersion,
    String stageName,
    String actionName,
    ActionStatus status,
    Instant startTime,
    Instant lastUpdateTime,
    String updatedBy,
    ActionTypeId actionTypeId,
    Map<String, String> configuration,
    Map<String, String> resolvedConfiguration,
    @Nullable String roleArn,
    @Nullable String region,
    @Nullable String namespace,
    List<ArtifactLocation> inputArtifacts,
    List<ArtifactLocation> outputArtifacts,
    Map<String, String> outputVariables,
    @Nullable String summary,
    @Nullable ErrorDetails errorDetails,
    @Nullable SourceRevision revision,
    @Nullable String token) {

  public ActionExecution {
    configuration = Map.copyOf(configuration);
    resolvedConfiguration = Map.copyOf(resolvedConfiguration);
    inputArtifacts = List.copyOf(inputArtifacts);
    outputArtifacts = List.copyOf(outputArtifacts);
    outputVariables = Map.copyOf(outputVariables);
  }
}
