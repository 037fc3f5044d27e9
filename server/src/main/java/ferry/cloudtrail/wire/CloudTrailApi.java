package ferry.cloudtrail.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import ferry.cloudtrail.CloudTrailErrors;
import ferry.cloudtrail.CloudTrailService;
import ferry.cloudtrail.LookupEventsRequest;
import ferry.cloudtrail.LookupEventsResult;
import ferry.cloudtrail.TrailEvent;
import ferry.cloudtrail.TrailSelectorService;
import ferry.cloudtrail.TrailService;
import ferry.cloudtrail.TrailTagService;
import ferry.protocol.ApiRequest;
import ferry.protocol.json.Json;
import ferry.protocol.json.JsonApi;
import ferry.protocol.json.JsonInput;
import ferry.protocol.json.JsonOperation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * CloudTrail's JSON 1.1 binding: {@code X-Amz-Target:
 * com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.<Operation>}.
 */
public final class CloudTrailApi extends JsonApi {
  private final CloudTrailService trail;
  private final Map<String, JsonOperation> operations;

  public CloudTrailApi(
      CloudTrailService trail,
      TrailService trails,
      TrailTagService tags,
      TrailSelectorService selectors) {
    super("cloudtrail", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101");
    this.trail = trail;
    Map<String, JsonOperation> all = new HashMap<>(new TrailOperations(trails, tags).operations());
    all.putAll(new TrailSettingsOperations(trails, tags, selectors).operations());
    all.put("LookupEvents", this::lookupEvents);
    this.operations = Map.copyOf(all);
  }

  @Override
  protected Map<String, JsonOperation> operations() {
    return operations;
  }

  private ObjectNode lookupEvents(JsonInput input, ApiRequest request) {
    List<JsonInput> attributes = input.objects("LookupAttributes");
    if (attributes.size() > 1) {
      throw CloudTrailErrors.invalidLookupAttributes(
          "You cannot specify more than one lookup attribute.");
    }
    String key = null;
    String value = null;
    if (!attributes.isEmpty()) {
      key = attributes.getFirst().requiredString("AttributeKey");
      value = attributes.getFirst().requiredString("AttributeValue");
    }
    String category = input.string("EventCategory");
    if (category != null) {
      if (!category.equals("insight")) {
        throw CloudTrailErrors.invalidEventCategory(category);
      }
      // Insights events are never recorded: asking for them is refused, not answered empty.
      throw new AwsException(
          ErrorCode.sender("UnsupportedOperationException", 400),
          "Ferry records no CloudTrail Insights events");
    }
    LookupEventsResult result =
        trail.lookupEvents(
            request.caller(),
            new LookupEventsRequest(
                key,
                value,
                time(input, "StartTime"),
                time(input, "EndTime"),
                input.integer("MaxResults"),
                input.string("NextToken")));
    ObjectNode output = Json.object();
    ArrayNode events = output.putArray("Events");
    for (TrailEvent event : result.events()) {
      ObjectNode item = events.addObject();
      item.put("EventId", event.eventId());
      item.put("EventName", event.eventName());
      item.put("ReadOnly", Boolean.toString(event.readOnly()));
      if (event.accessKeyId() != null) {
        item.put("AccessKeyId", event.accessKeyId());
      }
      item.put("EventTime", BigDecimal.valueOf(event.eventTime().toEpochMilli(), 3));
      item.put("EventSource", event.eventSource());
      if (event.username() != null) {
        item.put("Username", event.username());
      }
      ArrayNode resources = item.putArray("Resources");
      for (JsonNode resource : CloudTrailService.resourcesOf(event)) {
        resources
            .addObject()
            .put("ResourceType", resource.path("type").asText())
            .put("ResourceName", resource.path("ARN").asText());
      }
      item.put("CloudTrailEvent", event.record());
    }
    if (result.nextToken() != null) {
      output.put("NextToken", result.nextToken());
    }
    return output;
  }

  private static @Nullable Instant time(JsonInput input, String name) {
    JsonNode node = input.node().get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return Instant.ofEpochMilli(node.decimalValue().movePointRight(3).longValue());
    }
    try {
      return Instant.parse(node.asText());
    } catch (java.time.format.DateTimeParseException e) {
      throw new AwsException(
          ErrorCode.sender("SerializationException", 400),
          name + " must be a timestamp, not " + node);
    }
  }
}
