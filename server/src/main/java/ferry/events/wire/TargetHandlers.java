package ferry.events.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.events.EntryResult;
import ferry.events.EventsErrors;
import ferry.events.EventsService;
import ferry.events.InputTransformer;
import ferry.events.Target;
import ferry.protocol.ApiRequest;
import ferry.protocol.json.Json;
import ferry.protocol.json.JsonInput;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The JSON binding of a rule's targets: PutTargets, ListTargetsByRule, RemoveTargets. */
final class TargetHandlers {
  private final EventsService events;

  TargetHandlers(EventsService events) {
    this.events = events;
  }

  /** Target members for targets Ferry does not invoke, or delivery it does not do. */
  private static final List<String> UNSUPPORTED_TARGET_MEMBERS =
      List.of(
          "KinesisParameters",
          "RunCommandParameters",
          "EcsParameters",
          "BatchParameters",
          "SqsParameters",
          "HttpParameters",
          "RedshiftDataParameters",
          "SageMakerPipelineParameters",
          "DeadLetterConfig",
          "RetryPolicy",
          "AppSyncParameters");

  ObjectNode putTargets(JsonInput input, ApiRequest request) {
    for (JsonInput target : input.objects("Targets")) {
      EventsApi.refuse(target, "PutTargets", UNSUPPORTED_TARGET_MEMBERS.toArray(String[]::new));
    }
    List<Target> targets =
        input.objects("Targets").stream()
            .map(t ->
                new Target(
                    t.requiredString("Id"),
                    t.requiredString("Arn"),
                    t.string("RoleArn"),
                    t.string("Input"),
                    t.string("InputPath"),
                    transformer(t.object("InputTransformer"))))
            .toList();
    List<EntryResult> failed =
        events.putTargets(
            request.caller(), input.requiredString("Rule"), input.string("EventBusName"), targets);
    return EventsApi.failures(failed, "TargetId");
  }

  ObjectNode listTargetsByRule(JsonInput input, ApiRequest request) {
    return EventsApi.page(
        input,
        events.listTargetsByRule(
            request.caller(), input.requiredString("Rule"), input.string("EventBusName")),
        "Targets",
        target -> {
          ObjectNode json = Json.object().put("Id", target.id()).put("Arn", target.arn());
          EventsApi.putIfPresent(json, "RoleArn", target.roleArn());
          EventsApi.putIfPresent(json, "Input", target.input());
          EventsApi.putIfPresent(json, "InputPath", target.inputPath());
          InputTransformer transformer = target.inputTransformer();
          if (transformer != null) {
            ObjectNode t = json.putObject("InputTransformer");
            if (!transformer.inputPathsMap().isEmpty()) {
              ObjectNode paths = t.putObject("InputPathsMap");
              transformer.inputPathsMap().forEach(paths::put);
            }
            t.put("InputTemplate", transformer.inputTemplate());
          }
          return json;
        });
  }

  private static @Nullable InputTransformer transformer(@Nullable JsonInput json) {
    if (json == null) {
      return null;
    }
    String template = json.string("InputTemplate");
    if (template == null) {
      throw EventsErrors.validation(
          "1 validation error detected: Value null at 'targets.member.inputTransformer.inputTemplate'"
              + " failed to satisfy constraint: Member must not be null");
    }
    return new InputTransformer(json.stringMap("InputPathsMap"), template);
  }

  ObjectNode removeTargets(JsonInput input, ApiRequest request) {
    List<EntryResult> failed =
        events.removeTargets(
            request.caller(),
            input.requiredString("Rule"),
            input.string("EventBusName"),
            input.strings("Ids"));
    return EventsApi.failures(failed, "TargetId");
  }
}
