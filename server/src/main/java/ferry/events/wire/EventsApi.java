package ferry.events.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.events.EntryResult;
import ferry.events.EventsService;
import ferry.events.PutEventsEntry;
import ferry.events.PutRuleRequest;
import ferry.events.Rule;
import ferry.events.Target;
import ferry.protocol.ApiRequest;
import ferry.protocol.json.Json;
import ferry.protocol.json.JsonApi;
import ferry.protocol.json.JsonInput;
import ferry.protocol.json.JsonOperation;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** EventBridge's JSON 1.1 binding: {@code X-Amz-Target: AWSEvents.<Operation>}. */
public final class EventsApi extends JsonApi {
  private final EventsService events;
  private final Map<String, JsonOperation> operations;

  public EventsApi(EventsService events) {
    super("events", "AWSEvents");
    this.events = events;
    this.operations =
        Map.ofEntries(
            Map.entry("PutRule", this::putRule),
            Map.entry("DescribeRule", this::describeRule),
            Map.entry("ListRules", this::listRules),
            Map.entry("ListRuleNamesByTarget", this::listRuleNamesByTarget),
            Map.entry("DeleteRule", this::deleteRule),
            Map.entry("EnableRule", this::enableRule),
            Map.entry("DisableRule", this::disableRule),
            Map.entry("PutTargets", this::putTargets),
            Map.entry("ListTargetsByRule", this::listTargetsByRule),
            Map.entry("RemoveTargets", this::removeTargets),
            Map.entry("PutEvents", this::putEvents));
  }

  @Override
  protected Map<String, JsonOperation> operations() {
    return operations;
  }

  private ObjectNode putRule(JsonInput input, ApiRequest request) {
    String arn =
        events.putRule(
            request.caller(),
            new PutRuleRequest(
                input.requiredString("Name"),
                input.string("EventPattern"),
                input.string("ScheduleExpression"),
                input.string("State"),
                input.string("Description"),
                input.string("RoleArn"),
                input.string("EventBusName")));
    return Json.object().put("RuleArn", arn);
  }

  private ObjectNode describeRule(JsonInput input, ApiRequest request) {
    Rule rule =
        events.describeRule(
            request.caller(), input.requiredString("Name"), input.string("EventBusName"));
    return rule(rule).put("CreatedBy", rule.account().value());
  }

  private ObjectNode listRules(JsonInput input, ApiRequest request) {
    ArrayNode rules = Json.array();
    events
        .listRules(request.caller(), input.string("NamePrefix"), input.string("EventBusName"))
        .forEach(rule -> rules.add(rule(rule)));
    ObjectNode output = Json.object();
    output.set("Rules", rules);
    return output;
  }

  private ObjectNode listRuleNamesByTarget(JsonInput input, ApiRequest request) {
    ArrayNode names = Json.array();
    events
        .listRuleNamesByTarget(
            request.caller(), input.requiredString("TargetArn"), input.string("EventBusName"))
        .forEach(names::add);
    ObjectNode output = Json.object();
    output.set("RuleNames", names);
    return output;
  }

  private ObjectNode deleteRule(JsonInput input, ApiRequest request) {
    events.deleteRule(request.caller(), input.requiredString("Name"), input.string("EventBusName"));
    return Json.object();
  }

  private ObjectNode enableRule(JsonInput input, ApiRequest request) {
    events.enableRule(request.caller(), input.requiredString("Name"), input.string("EventBusName"));
    return Json.object();
  }

  private ObjectNode disableRule(JsonInput input, ApiRequest request) {
    events.disableRule(
        request.caller(), input.requiredString("Name"), input.string("EventBusName"));
    return Json.object();
  }

  private ObjectNode putTargets(JsonInput input, ApiRequest request) {
    List<Target> targets =
        input.objects("Targets").stream()
            .map(t ->
                new Target(
                    t.requiredString("Id"),
                    t.requiredString("Arn"),
                    t.string("RoleArn"),
                    t.string("Input"),
                    t.string("InputPath")))
            .toList();
    List<EntryResult> failed =
        events.putTargets(
            request.caller(), input.requiredString("Rule"), input.string("EventBusName"), targets);
    return failures(failed, "TargetId");
  }

  private ObjectNode listTargetsByRule(JsonInput input, ApiRequest request) {
    ArrayNode targets = Json.array();
    for (Target target :
        events.listTargetsByRule(
            request.caller(), input.requiredString("Rule"), input.string("EventBusName"))) {
      ObjectNode json = targets.addObject().put("Id", target.id()).put("Arn", target.arn());
      putIfPresent(json, "RoleArn", target.roleArn());
      putIfPresent(json, "Input", target.input());
      putIfPresent(json, "InputPath", target.inputPath());
    }
    ObjectNode output = Json.object();
    output.set("Targets", targets);
    return output;
  }

  private ObjectNode removeTargets(JsonInput input, ApiRequest request) {
    List<EntryResult> failed =
        events.removeTargets(
            request.caller(),
            input.requiredString("Rule"),
            input.string("EventBusName"),
            input.strings("Ids"));
    return failures(failed, "TargetId");
  }

  private ObjectNode putEvents(JsonInput input, ApiRequest request) {
    List<PutEventsEntry> entries =
        input.objects("Entries").stream()
            .map(e ->
                new PutEventsEntry(
                    e.string("Source"),
                    e.string("DetailType"),
                    e.string("Detail"),
                    e.strings("Resources"),
                    e.string("Time"),
                    e.string("EventBusName")))
            .toList();
    List<EntryResult> results = events.putEvents(request.caller(), entries);
    ArrayNode json = Json.array();
    int failed = 0;
    for (EntryResult result : results) {
      ObjectNode entry = json.addObject();
      if (result.isFailed()) {
        failed++;
        putIfPresent(entry, "ErrorCode", result.errorCode());
        putIfPresent(entry, "ErrorMessage", result.errorMessage());
      } else {
        putIfPresent(entry, "EventId", result.id());
      }
    }
    ObjectNode output = Json.object().put("FailedEntryCount", failed);
    output.set("Entries", json);
    return output;
  }

  private static ObjectNode failures(List<EntryResult> failed, String idMember) {
    ArrayNode entries = Json.array();
    for (EntryResult result : failed) {
      ObjectNode entry = entries.addObject();
      putIfPresent(entry, idMember, result.id());
      putIfPresent(entry, "ErrorCode", result.errorCode());
      putIfPresent(entry, "ErrorMessage", result.errorMessage());
    }
    ObjectNode output = Json.object().put("FailedEntryCount", failed.size());
    output.set("FailedEntries", entries);
    return output;
  }

  private static ObjectNode rule(Rule rule) {
    ObjectNode json = Json.object().put("Name", rule.name()).put("Arn", rule.arn());
    putIfPresent(json, "EventPattern", rule.eventPattern());
    putIfPresent(json, "ScheduleExpression", rule.scheduleExpression());
    json.put("State", rule.state().name());
    putIfPresent(json, "Description", rule.description());
    putIfPresent(json, "RoleArn", rule.roleArn());
    json.put("EventBusName", rule.eventBus());
    return json;
  }

  private static void putIfPresent(ObjectNode json, String name, @Nullable String value) {
    if (value != null) {
      json.put(name, value);
    }
  }
}
