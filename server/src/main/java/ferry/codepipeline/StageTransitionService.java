package ferry.codepipeline;

import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.Verdict;
import ferry.aws.Caller;
import ferry.codepipeline.store.PipelineRepository;
import ferry.codepipeline.store.StageTransitionRepository;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * EnableStageTransition and DisableStageTransition: a disabled inbound transition keeps executions
 * out of its stage, and a disabled outbound one keeps them from leaving it for the next; they wait
 * in front of it (the newest one, in SUPERSEDED mode) until the transition is enabled again.
 */
public final class StageTransitionService {
  private static final Pattern REASON = Pattern.compile("[a-zA-Z0-9!@ \\(\\)\\.\\*\\?\\-]{1,300}");
  private static final List<String> TYPES = List.of("Inbound", "Outbound");

  private final PipelineRepository pipelines;
  private final StageTransitionRepository transitions;
  private final Authorizer authorizer;
  private final Clock clock;

  public StageTransitionService(
      PipelineRepository pipelines,
      StageTransitionRepository transitions,
      Authorizer authorizer,
      Clock clock) {
    this.pipelines = pipelines;
    this.transitions = transitions;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  public void enableStageTransition(
      Caller caller, String pipelineName, String stageName, String type) {
    Pipeline pipeline =
        stage(caller, "codepipeline:EnableStageTransition", pipelineName, stageName, type);
    transitions.put(
        pipeline, new TransitionState(stageName, type, true, caller.arn(), clock.instant(), null));
  }

  public void disableStageTransition(
      Caller caller, String pipelineName, String stageName, String type, String reason) {
    if (!REASON.matcher(reason).matches()) {
      throw CodePipelineErrors.validation(
          "1 validation error detected: Value '"
              + reason
              + "' at 'reason' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [a-zA-Z0-9!@ \\(\\)\\.\\*\\?\\-]+ and have length between 1"
              + " and 300");
    }
    Pipeline pipeline =
        stage(caller, "codepipeline:DisableStageTransition", pipelineName, stageName, type);
    transitions.put(
        pipeline,
        new TransitionState(stageName, type, false, caller.arn(), clock.instant(), reason));
  }

  /** Each stage's inbound transition, for GetPipelineState (which the caller was allowed). */
  public Map<String, TransitionState> inbound(Pipeline pipeline) {
    Map<String, TransitionState> states = new HashMap<>();
    for (StageDeclaration stage : pipeline.declaration().stages()) {
      states.put(stage.name(), TransitionState.initial(stage.name(), "Inbound"));
    }
    for (TransitionState state : transitions.list(pipeline)) {
      if (state.type().equals("Inbound") && states.containsKey(state.stageName())) {
        states.put(state.stageName(), state);
      }
    }
    return states;
  }

  private Pipeline stage(
      Caller caller, String action, String pipelineName, String stageName, String type) {
    if (!TYPES.contains(type)) {
      throw CodePipelineErrors.validation(
          "1 validation error detected: Value '"
              + type
              + "' at 'transitionType' failed to satisfy constraint: Member must satisfy enum"
              + " value set: [Inbound, Outbound]");
    }
    Pipeline pipeline =
        pipelines
            .find(caller.account(), caller.region(), pipelineName)
            .orElseThrow(() -> CodePipelineErrors.pipelineNotFound(caller.account(), pipelineName));
    Verdict verdict =
        authorizer.authorize(
            caller, AccessRequest.of(action, pipeline.arn() + "/" + stageName, pipeline.account()));
    if (!verdict.allowed()) {
      throw CodePipelineErrors.accessDenied(verdict.message())
          .withHeader("x-ferry-decision-id", verdict.id());
    }
    List<StageDeclaration> stages = pipeline.declaration().stages();
    if (pipeline.declaration().stage(stageName) == null) {
      throw CodePipelineErrors.stageNotFound(stageName, pipelineName);
    }
    if (type.equals("Inbound") && stages.getFirst().name().equals(stageName)) {
      throw CodePipelineErrors.validation(
          "Stage '"
              + stageName
              + "' is the first stage of pipeline '"
              + pipelineName
              + "' and has no inbound transition");
    }
    if (type.equals("Outbound") && stages.getLast().name().equals(stageName)) {
      throw CodePipelineErrors.validation(
          "Stage '"
              + stageName
              + "' is the last stage of pipeline '"
              + pipelineName
              + "' and has no outbound transition");
    }
    return pipeline;
  }
}
