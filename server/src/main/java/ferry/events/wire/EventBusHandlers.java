package ferry.events.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.events.EventBus;
import ferry.events.EventBusService;
import ferry.events.EventsTagService;
import ferry.events.Tag;
import ferry.protocol.ApiRequest;
import ferry.protocol.json.Json;
import ferry.protocol.json.JsonInput;
import java.util.List;

/** The JSON binding of event buses and of tags (on rules and buses), for {@link EventsApi}. */
final class EventBusHandlers {
  private final EventBusService buses;
  private final EventsTagService tags;

  EventBusHandlers(EventBusService buses, EventsTagService tags) {
    this.buses = buses;
    this.tags = tags;
  }

  ObjectNode createEventBus(JsonInput input, ApiRequest request) {
    EventsApi.refuse(
        input,
        "CreateEventBus",
        "EventSourceName",
        "KmsKeyIdentifier",
        "DeadLetterConfig",
        "LogConfig");
    EventBus bus =
        buses.createEventBus(
            request.caller(),
            input.requiredString("Name"),
            input.string("Description"),
            tags(input, "Tags"));
    ObjectNode output = Json.object().put("EventBusArn", bus.arn());
    EventsApi.putIfPresent(output, "Description", bus.description());
    return output;
  }

  ObjectNode describeEventBus(JsonInput input, ApiRequest request) {
    return bus(buses.describeEventBus(request.caller(), input.string("Name")));
  }

  ObjectNode listEventBuses(JsonInput input, ApiRequest request) {
    return EventsApi.page(
        input,
        buses.listEventBuses(request.caller(), input.string("NamePrefix")),
        "EventBuses",
        EventBusHandlers::bus);
  }

  ObjectNode deleteEventBus(JsonInput input, ApiRequest request) {
    buses.deleteEventBus(request.caller(), input.requiredString("Name"));
    return Json.object();
  }

  ObjectNode tagResource(JsonInput input, ApiRequest request) {
    if (!input.node().has("Tags")) {
      input.requiredString("Tags");
    }
    tags.tagResource(request.caller(), input.requiredString("ResourceARN"), tags(input, "Tags"));
    return Json.object();
  }

  ObjectNode untagResource(JsonInput input, ApiRequest request) {
    if (!input.node().has("TagKeys")) {
      input.requiredString("TagKeys");
    }
    tags.untagResource(
        request.caller(), input.requiredString("ResourceARN"), input.strings("TagKeys"));
    return Json.object();
  }

  ObjectNode listTagsForResource(JsonInput input, ApiRequest request) {
    ObjectNode output = Json.object();
    var list = output.putArray("Tags");
    for (Tag tag :
        tags.listTagsForResource(request.caller(), input.requiredString("ResourceARN"))) {
      list.addObject().put("Key", tag.key()).put("Value", tag.value());
    }
    return output;
  }

  static List<Tag> tags(JsonInput input, String member) {
    return input.objects(member).stream()
        .map(t -> new Tag(t.requiredString("Key"), t.requiredString("Value")))
        .toList();
  }

  private static ObjectNode bus(EventBus bus) {
    ObjectNode json = Json.object().put("Name", bus.name()).put("Arn", bus.arn());
    EventsApi.putIfPresent(json, "Description", bus.description());
    if (!bus.isDefault()) {
      json.put("CreationTime", Json.epochSeconds(bus.created()));
      json.put("LastModifiedTime", Json.epochSeconds(bus.updated()));
    }
    return json;
  }
}
