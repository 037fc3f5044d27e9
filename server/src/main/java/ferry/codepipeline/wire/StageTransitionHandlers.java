package ferry.codepipeline.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.codepipeline.StageTransitionService;
import ferry.protocol.ApiRequest;
import ferry.protocol.json.Json;
import ferry.protocol.json.JsonInput;

/** The JSON binding of EnableStageTransition and DisableStageTransition. */
final class StageTransitionHandlers {
  private final StageTransitionService transitions;

  StageTransitionHandlers(StageTransitionService transitions) {
    this.transitions = transitions;
  }

  ObjectNode enableStageTransition(JsonInput input, ApiRequest request) {
    transitions.enableStageTransition(
        request.caller(),
        input.requiredString("pipelineName"),
        input.requiredString("stageName"),
        input.requiredString("transitionType"));
    return Json.object();
  }

  ObjectNode disableStageTransition(JsonInput input, ApiRequest request) {
    transitions.disableStageTransition(
        request.caller(),
        input.requiredString("pipelineName"),
        input.requiredString("stageName"),
        input.requiredString("transitionType"),
        input.requiredString("reason"));
    return Json.object();
  }
}
