package ferry.codepipeline.engine;

import ferry.codepipeline.ArtifactLocation;
import ferry.codepipeline.SourceRevision;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a finished action produced; {@code awaitingApproval} says the action is a manual approval
 * that stays in progress until PutApprovalResult answers it.
 */
public record ActionResult(
    List<ArtifactLocation> outputArtifacts,
    Map<String, String> outputVariables,
    @Nullable String summary,
    @Nullable SourceRevision revision,
    boolean awaitingApproval) {

  public ActionResult {
    outputArtifacts = List.copyOf(outputArtifacts);
    outputVariables = Map.copyOf(outputVariables);
  }

  public static ActionResult awaitApproval() {
    return new ActionResult(List.of(), Map.of(), null, null, true);
  }
}
