package ferry.cloudtrail.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.cloudtrail.CloudTrailErrors;
import ferry.cloudtrail.EventSelector;
import ferry.cloudtrail.Trail;
import ferry.cloudtrail.TrailSelectorService;
import ferry.cloudtrail.TrailService;
import ferry.cloudtrail.TrailTagService;
import ferry.cloudtrail.UpdateTrailRequest;
import ferry.protocol.ApiRequest;
import ferry.protocol.json.Json;
import ferry.protocol.json.JsonInput;
import ferry.protocol.json.JsonOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What changes a trail after it is made, in CloudTrail's JSON 1.1 binding: UpdateTrail, its tags
 * (AddTags, RemoveTags, ListTags) and its event selectors (PutEventSelectors, GetEventSelectors;
 * advanced event selectors are refused with UnsupportedOperationException).
 */
final class TrailSettingsOperations {
  private final TrailService trails;
  private final TrailTagService tags;
  private final TrailSelectorService selectors;

  TrailSettingsOperations(
      TrailService trails, TrailTagService tags, TrailSelectorService selectors) {
    this.trails = trails;
    this.tags = tags;
    this.selectors = selectors;
  }

  Map<String, JsonOperation> operations() {
    return Map.of(
        "UpdateTrail", this::updateTrail,
        "AddTags", this::addTags,
        "RemoveTags", this::removeTags,
        "ListTags", this::listTags,
        "PutEventSelectors", this::putEventSelectors,
        "GetEventSelectors", this::getEventSelectors);
  }

  /** A request's TagsList; a tag without a value has the empty one. */
  static List<TrailTagService.Tag> tags(JsonInput input) {
    List<TrailTagService.Tag> tags = new ArrayList<>();
    for (JsonInput tag : input.objects("TagsList")) {
      String value = tag.string("Value");
      tags.add(new TrailTagService.Tag(tag.requiredString("Key"), value == null ? "" : value));
    }
    return tags;
  }

  private ObjectNode updateTrail(JsonInput input, ApiRequest request) {
    String name = input.requiredString("Name");
    TrailOperations.refuseUnsupported(input);
    Trail trail =
        trails.updateTrail(
            request.caller(),
            new UpdateTrailRequest(
                name,
                input.string("S3BucketName"),
                input.string("S3KeyPrefix"),
                input.bool("IncludeGlobalServiceEvents"),
                input.bool("IsMultiRegionTrail"),
                input.string("KmsKeyId")));
    return TrailOperations.summary(trail);
  }

  private ObjectNode addTags(JsonInput input, ApiRequest request) {
    String resource = input.requiredString("ResourceId");
    tags.addTags(request.caller(), resource, tags(input));
    return Json.object();
  }

  private ObjectNode removeTags(JsonInput input, ApiRequest request) {
    String resource = input.requiredString("ResourceId");
    tags.removeTags(request.caller(), resource, tags(input));
    return Json.object();
  }

  private ObjectNode listTags(JsonInput input, ApiRequest request) {
    if (input.string("NextToken") != null) {
      throw CloudTrailErrors.invalidNextToken();
    }
    ObjectNode output = Json.object();
    ArrayNode list = output.putArray("ResourceTagList");
    for (var resource :
        tags.listTags(request.caller(), input.strings("ResourceIdList")).entrySet()) {
      ObjectNode item = list.addObject();
      item.put("ResourceId", resource.getKey());
      ArrayNode tagList = item.putArray("TagsList");
      resource
          .getValue()
          .forEach((key, value) -> tagList.addObject().put("Key", key).put("Value", value));
    }
    return output;
  }

  private ObjectNode putEventSelectors(JsonInput input, ApiRequest request) {
    String name = input.requiredString("TrailName");
    if (!input.objects("AdvancedEventSelectors").isEmpty()) {
      throw CloudTrailErrors.unsupported(
          "Ferry's trails have no advanced event selectors; use EventSelectors.");
    }
    if (input.node().get("EventSelectors") == null) {
      throw CloudTrailErrors.invalidEventSelectors(
          "EventSelectors or AdvancedEventSelectors must be given.");
    }
    List<EventSelector> chosen = new ArrayList<>();
    List<List<TrailSelectorService.DataResource>> resources = new ArrayList<>();
    for (JsonInput selector : input.objects("EventSelectors")) {
      String readWrite = selector.string("ReadWriteType");
      EventSelector.ReadWrite type;
      try {
        type =
            readWrite == null
                ? EventSelector.ReadWrite.All
                : EventSelector.ReadWrite.valueOf(readWrite);
      } catch (IllegalArgumentException e) {
        throw CloudTrailErrors.invalidEventSelectors(
            "Value " + readWrite + " for ReadWriteType is not valid.");
      }
      List<TrailSelectorService.DataResource> data = new ArrayList<>();
      List<String> values = new ArrayList<>();
      for (JsonInput resource : selector.objects("DataResources")) {
        String resourceType = resource.string("Type");
        var dataResource =
            new TrailSelectorService.DataResource(
                resourceType == null ? "" : resourceType, resource.strings("Values"));
        data.add(dataResource);
        values.addAll(dataResource.values());
      }
      resources.add(data);
      Boolean management = selector.bool("IncludeManagementEvents");
      chosen.add(
          new EventSelector(
              type,
              management == null || management,
              values,
              selector.strings("ExcludeManagementEventSources")));
    }
    TrailSelectorService.check(chosen, resources);
    Trail trail = selectors.putEventSelectors(request.caller(), name, chosen);
    return answer(trail, chosen);
  }

  private ObjectNode getEventSelectors(JsonInput input, ApiRequest request) {
    Trail trail = selectors.getEventSelectors(request.caller(), input.requiredString("TrailName"));
    return answer(trail, trail.selectors());
  }

  private static ObjectNode answer(Trail trail, List<EventSelector> chosen) {
    ObjectNode output = Json.object();
    output.put("TrailARN", trail.arn());
    ArrayNode list = output.putArray("EventSelectors");
    for (EventSelector selector : chosen) {
      ObjectNode item = list.addObject();
      item.put("ReadWriteType", selector.readWriteType().name());
      item.put("IncludeManagementEvents", selector.includeManagementEvents());
      ArrayNode data = item.putArray("DataResources");
      if (!selector.dataResources().isEmpty()) {
        ObjectNode resource = data.addObject();
        resource.put("Type", EventSelector.S3_OBJECT);
        selector.dataResources().forEach(resource.putArray("Values")::add);
      }
      selector
          .excludeManagementEventSources()
          .forEach(item.putArray("ExcludeManagementEventSources")::add);
      if (!item.has("ExcludeManagementEventSources")) {
        item.putArray("ExcludeManagementEventSources");
      }
    }
    return output;
  }
}
