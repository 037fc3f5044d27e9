package ferry.codepipeline.engine;

import ferry.aws.Caller;
import ferry.codepipeline.ActionDeclaration;
import ferry.codepipeline.ArtifactLocation;
import ferry.codepipeline.ArtifactStore;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One action to run: its declaration and resolved configuration, the session it runs as, its input
 * artifacts, the artifact store for its outputs, the source revision an execution was started with
 * (an S3 version id), if any, and the runner's claim, which the action checks before each object it
 * writes.
 */
public record ActionJob(
    String pipelineName,
    String executionId,
    ActionDeclaration action,
    Map<String, String> configuration,
    Caller caller,
    List<ArtifactLocation> inputArtifacts,
    ArtifactStore artifactStore,
    @Nullable String sourceRevision,
    Claim claim) {

  public ActionJob {
    configuration = Map.copyOf(configuration);
    inputArtifacts = List.copyOf(inputArtifacts);
  }
}
