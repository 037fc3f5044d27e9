package ferry.codepipeline;

import ferry.aws.Region;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A pipeline's structure as CreatePipeline takes it and GetPipeline returns it.
 *
 * @param artifactStore the single store, or null when {@code artifactStores} is used
 * @param artifactStores per-region stores for pipelines with cross-region actions
 * @param executionMode null when the declaration did not say (an update then keeps the stored one)
 * @param pipelineType null when the declaration did not say
 * @param variables null when the declaration did not say
 * @see <a
 *     href="https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-pipeline-structure.html">Pipeline
 *     structure</a>
 */
public record PipelineDeclaration(
    String name,
    String roleArn,
    @Nullable ArtifactStore artifactStore,
    Map<String, ArtifactStore> artifactStores,
    List<StageDeclaration> stages,
    int version,
    @Nullable ExecutionMode executionMode,
    @Nullable PipelineType pipelineType,
    @Nullable List<PipelineVariable> variables,
    int triggerCount) {

  public PipelineDeclaration {
    artifactStores = Map.copyOf(artifactStores);
    stages = List.copyOf(stages);
    variables = variables == null ? null : List.copyOf(variables);
  }

  /** The store that holds artifacts of actions in {@code region}. */
  public @Nullable ArtifactStore storeFor(Region region) {
    return artifactStore != null ? artifactStore : artifactStores.get(region.name());
  }

  public ExecutionMode effectiveMode() {
    return executionMode == null ? ExecutionMode.SUPERSEDED : executionMode;
  }

  public PipelineType effectiveType() {
    return pipelineType == null ? PipelineType.V1 : pipelineType;
  }

  public List<PipelineVariable> effectiveVariables() {
    return variables == null ? List.of() : variables;
  }

  public PipelineDeclaration withVersion(int other) {
    return new PipelineDeclaration(
        name,
        roleArn,
        artifactStore,
        artifactStores,
        stages,
        other,
        executionMode,
        pipelineType,
        variables,
        triggerCount);
  }

  /** The declaration with the V2 members it left out taken from {@code stored}. */
  public PipelineDeclaration keepingUnstated(PipelineDeclaration stored) {
    return new PipelineDeclaration(
        name,
        roleArn,
        artifactStore,
        artifactStores,
        stages,
        version,
        executionMode == null ? stored.executionMode : executionMode,
        pipelineType == null ? stored.pipelineType : pipelineType,
        variables == null ? stored.variables : variables,
        triggerCount);
  }

  /** The declaration with its type and mode made explicit, as stored. */
  public PipelineDeclaration withDefaults() {
    boolean v2Members =
        (variables != null && !variables.isEmpty())
            || executionMode == ExecutionMode.QUEUED
            || executionMode == ExecutionMode.PARALLEL;
    PipelineType type =
        pipelineType != null ? pipelineType : v2Members ? PipelineType.V2 : PipelineType.V1;
    return new PipelineDeclaration(
        name,
        roleArn,
        artifactStore,
        artifactStores,
        stages,
        version,
        effectiveMode(),
        type,
        variables,
        triggerCount);
  }

  public @Nullable StageDeclaration stage(String stageName) {
    return stages.stream().filter(s -> s.name().equals(stageName)).findFirst().orElse(null);
  }
}
