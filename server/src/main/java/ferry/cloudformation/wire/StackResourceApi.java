package ferry.cloudformation.wire;

import ferry.cloudformation.StackEvent;
import ferry.cloudformation.StackResource;
import ferry.cloudformation.Stacks;
import ferry.protocol.ApiRequest;
import ferry.protocol.Xml;
import ferry.protocol.query.QueryParameters;

/** The query binding of a stack's resources and events. */
final class StackResourceApi {
  private final Stacks stacks;

  StackResourceApi(Stacks stacks) {
    this.stacks = stacks;
  }

  Xml describeStackEvents(QueryParameters p, ApiRequest r) {
    return Pages.page(
        p,
        stacks.describeStackEvents(r.caller(), p.optional("StackName")),
        100,
        "StackEvents",
        StackResourceApi::event);
  }

  Xml describeStackResource(QueryParameters p, ApiRequest r) {
    StackResource resource =
        stacks.describeStackResource(
            r.caller(), p.required("StackName"), p.required("LogicalResourceId"));
    Xml xml = Xml.fragment().open("StackResourceDetail");
    common(xml, resource, "LastUpdatedTimestamp");
    return xml.raw("<Metadata>{}</Metadata>").close("StackResourceDetail");
  }

  Xml describeStackResources(QueryParameters p, ApiRequest r) {
    Xml xml = Xml.fragment().open("StackResources");
    for (StackResource resource :
        stacks.describeStackResources(
            r.caller(),
            p.optional("StackName"),
            p.optional("LogicalResourceId"),
            p.optional("PhysicalResourceId"))) {
      common(xml.open("member"), resource, "Timestamp").close("member");
    }
    return xml.close("StackResources");
  }

  Xml listStackResources(QueryParameters p, ApiRequest r) {
    return Pages.page(
        p,
        stacks.listStackResources(r.caller(), p.required("StackName")),
        100,
        "StackResourceSummaries",
        (xml, resource) ->
            xml.element("LogicalResourceId", resource.logicalId())
                .element("PhysicalResourceId", resource.physicalId())
                .element("ResourceType", resource.type())
                .element("LastUpdatedTimestamp", resource.updated())
                .element("ResourceStatus", resource.status())
                .element("ResourceStatusReason", resource.statusReason())
                .open("DriftInformation")
                .element("StackResourceDriftStatus", "NOT_CHECKED")
                .close("DriftInformation"));
  }

  private static Xml common(Xml xml, StackResource resource, String timestamp) {
    return xml.element("StackName", resource.stackName())
        .element("StackId", resource.stackId())
        .element("LogicalResourceId", resource.logicalId())
        .element("PhysicalResourceId", resource.physicalId())
        .element("ResourceType", resource.type())
        .element(timestamp, resource.updated())
        .element("ResourceStatus", resource.status())
        .element("ResourceStatusReason", resource.statusReason())
        .open("DriftInformation")
        .element("StackResourceDriftStatus", "NOT_CHECKED")
        .close("DriftInformation");
  }

  private static void event(Xml xml, StackEvent event) {
    xml.element("StackId", event.stackId())
        .element("EventId", event.eventId())
        .element("StackName", event.stackName())
        .element("LogicalResourceId", event.logicalId())
        .element("PhysicalResourceId", event.physicalId())
        .element("ResourceType", event.type())
        .element("Timestamp", event.timestamp())
        .element("ResourceStatus", event.status())
        .element("ResourceStatusReason", event.statusReason())
        .element("ResourceProperties", event.properties())
        .element("ClientRequestToken", event.clientRequestToken());
  }
}
