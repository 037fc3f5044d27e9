package ferry.events.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import ferry.events.EntryResult;
import ferry.events.EventBusService;
import ferry.events.EventsErrors;
import ferry.events.EventsService;
import ferry.events.EventsTagService;
import ferry.events.PutEventsEntry;
import ferry.events.PutRuleRequest;
import ferry.events.Rule;
import ferry.protocol.ApiRequest;
import ferry.protocol.json.Json;
import ferry.protocol.json.JsonApi;
import ferry.protocol.json.JsonInput;
import ferry.protocol.json.JsonOperation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** EventBridge's JSON 1.1 binding: {@code X-Amz-Target: AWSEvents.<Operation>}. */
public final class EventsApi extends JsonApi {
  private final EventsService events;
  private final Map<String, JsonOperation> operations;

  public EventsApi(EventsService events, EventBusService buses, EventsTagService tags) {
    super("events", "AWSEvents");
    this.events = events;
    var family = new EventBusHandlers(buses, tags);
    var targets = new TargetHandlers(events);
    this.operations =
        Map.ofEntries(
            Map.entry("PutRule", this::putRule),
            Map.entry("DescribeRule", this::describeRule),
            Map.entry("ListRules", this::listRules),
            Map.entry("ListRuleNamesByTarget", this::listRuleNamesByTarget),
            Map.entry("DeleteRule", this::deleteRule),
            Map.entry("EnableRule", this::enableRule),
            Map.entry("DisableRule", this::disableRule),
            Map.entry("PutTargets", targets::putTargets),
            Map.entry("ListTargetsByRule", targets::listTargetsByRule),
            Map.entry("RemoveTargets", targets::removeTargets),
            Map.entry("PutEvents", this::putEvents),
            Map.entry("CreateEventBus", family::createEventBus),
            Map.entry("DescribeEventBus", family::describeEventBus),
            Map.entry("ListEventBuses", family::listEventBuses),
            Map.entry("DeleteEventBus", family::deleteEventBus),
            Map.entry("TagResource", family::tagResource),
            Map.entry("UntagResource", family::untagResource),
            Map.entry("ListTagsForResource", family::listTagsForResource));
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
                input.string("EventBusName")),
            EventBusHandlers.tags(input, "Tags"));
    return Json.object().put("RuleArn", arn);
  }

  private ObjectNode describeRule(JsonInput input, ApiRequest request) {
    Rule rule =
        events.describeRule(
            request.caller(), input.requiredString("Name"), input.string("EventBusName"));
    return rule(rule).put("CreatedBy", rule.account().value());
  }

  private ObjectNode listRules(JsonInput input, ApiRequest request) {
    return page(
        input,
        events.listRules(
            request.caller(), input.string("NamePrefix"), input.string("EventBusName")),
        "Rules",
        EventsApi::rule);
  }

  private ObjectNode listRuleNamesByTarget(JsonInput input, ApiRequest request) {
    return page(
        input,
        events.listRuleNamesByTarget(
            request.caller(), input.requiredString("TargetArn"), input.string("EventBusName")),
        "RuleNames",
        TextNode::valueOf);
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

  private ObjectNode putEvents(JsonInput input, ApiRequest request) {
    refuse(input, "PutEvents", "EndpointId");
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

  static ObjectNode failures(List<EntryResult> failed, String idMember) {
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

  /**
   * One page of a list: at most {@code Limit} (1-100) items after {@code NextToken}; the next token
   * is the offset of the next item.
   */
  static <T> ObjectNode page(
      JsonInput input, List<T> all, String member, Function<T, JsonNode> render) {
    Integer limit = input.integer("Limit");
    if (limit != null && (limit < 1 || limit > 100)) {
      throw EventsErrors.validation(
          "1 validation error detected: Value '"
              + limit
              + "' at 'limit' failed to satisfy constraint: Member must have value "
              + (limit < 1 ? "greater than or equal to 1" : "less than or equal to 100"));
    }
    int from = offset(input.string("NextToken"), all.size());
    int to = limit == null ? all.size() : Math.min(all.size(), from + limit);
    ArrayNode items = Json.array();
    for (T item : all.subList(from, to)) {
      items.add(render.apply(item));
    }
    ObjectNode output = Json.object();
    output.set(member, items);
    if (to < all.size()) {
      output.put(
          "NextToken",
          Base64.getUrlEncoder().encodeToString(("offset:" + to).getBytes(StandardCharsets.UTF_8)));
    }
    return output;
  }

  private static int offset(@Nullable String token, int size) {
    if (token == null) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith("offset:")) {
        int offset = Integer.parseInt(text.substring("offset:".length()));
        if (offset >= 0) {
          return Math.min(size, offset);
        }
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the error below.
    }
    throw EventsErrors.validation("The nextToken provided is invalid.");
  }

  static void refuse(JsonInput input, String operation, String... members) {
    for (String member : members) {
      if (input.node().hasNonNull(member)) {
        throw EventsErrors.unsupportedParameter(operation, member);
      }
    }
  }

  static void putIfPresent(ObjectNode json, String name, @Nullable String value) {
    if (value != null) {
      json.put(name, value);
    }
  }
}
