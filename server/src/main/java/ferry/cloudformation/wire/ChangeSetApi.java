package ferry.cloudformation.wire;

import ferry.cloudformation.ChangeSet;
import ferry.cloudformation.ChangeSets;
import ferry.cloudformation.ResourceChange;
import ferry.cloudformation.StackParameter;
import ferry.protocol.ApiRequest;
import ferry.protocol.Xml;
import ferry.protocol.query.QueryParameters;

/** The query binding of the change set operations. */
final class ChangeSetApi {
  private final ChangeSets changeSets;

  ChangeSetApi(ChangeSets changeSets) {
    this.changeSets = changeSets;
  }

  Xml createChangeSet(QueryParameters p, ApiRequest r) {
    String type = p.optional("ChangeSetType");
    ChangeSet changeSet =
        changeSets.createChangeSet(
            r.caller(),
            CloudFormationApi.stackRequest(p, "CreateChangeSet"),
            p.required("ChangeSetName"),
            type == null ? "UPDATE" : type,
            p.optional("Description"),
            p.optional("ClientToken"));
    return Xml.fragment()
        .element("Id", changeSet.changeSetId())
        .element("StackId", changeSet.stackId());
  }

  Xml describeChangeSet(QueryParameters p, ApiRequest r) {
    boolean values = p.optionalBoolean("IncludePropertyValues", false);
    ChangeSet changeSet =
        changeSets.describeChangeSet(
            r.caller(), p.required("ChangeSetName"), p.optional("StackName"));
    Xml xml =
        Xml.fragment()
            .element("ChangeSetName", changeSet.name())
            .element("ChangeSetId", changeSet.changeSetId())
            .element("StackId", changeSet.stackId())
            .element("StackName", changeSet.stackName())
            .element("Description", changeSet.description());
    if (!changeSet.parameters().isEmpty()) {
      xml.open("Parameters");
      for (StackParameter parameter : changeSet.parameters()) {
        StackApi.parameter(xml, parameter);
      }
      xml.close("Parameters");
    }
    xml.element("CreationTime", changeSet.created())
        .element("ExecutionStatus", changeSet.executionStatus())
        .element("Status", changeSet.status())
        .element("StatusReason", changeSet.statusReason())
        .raw("<NotificationARNs/>")
        .raw("<RollbackConfiguration/>");
    if (!changeSet.capabilities().isEmpty()) {
      xml.open("Capabilities");
      changeSet.capabilities().forEach(c -> xml.element("member", c));
      xml.close("Capabilities");
    }
    StackApi.tags(xml, changeSet.tags());
    xml.open("Changes");
    for (ResourceChange change : changeSet.changes()) {
      change(xml.open("member").element("Type", "Resource"), change, values).close("member");
    }
    return xml.close("Changes").element("IncludeNestedStacks", false);
  }

  @org.jspecify.annotations.Nullable
  Xml executeChangeSet(QueryParameters p, ApiRequest r) {
    CloudFormationApi.refuse(p, "ExecuteChangeSet", "RetainExceptOnCreate");
    String disableRollback = p.optional("DisableRollback");
    changeSets.executeChangeSet(
        r.caller(),
        p.required("ChangeSetName"),
        p.optional("StackName"),
        disableRollback == null ? null : Boolean.parseBoolean(disableRollback),
        p.optional("ClientRequestToken"));
    return Xml.fragment();
  }

  Xml deleteChangeSet(QueryParameters p, ApiRequest r) {
    changeSets.deleteChangeSet(r.caller(), p.required("ChangeSetName"), p.optional("StackName"));
    return Xml.fragment();
  }

  Xml listChangeSets(QueryParameters p, ApiRequest r) {
    return Pages.page(
        p,
        changeSets.listChangeSets(r.caller(), p.required("StackName")),
        100,
        "Summaries",
        (xml, changeSet) ->
            xml.element("StackId", changeSet.stackId())
                .element("StackName", changeSet.stackName())
                .element("ChangeSetId", changeSet.changeSetId())
                .element("ChangeSetName", changeSet.name())
                .element("ExecutionStatus", changeSet.executionStatus())
                .element("Status", changeSet.status())
                .element("StatusReason", changeSet.statusReason())
                .element("CreationTime", changeSet.created())
                .element("Description", changeSet.description())
                .element("IncludeNestedStacks", false));
  }

  /** One change; with {@code values}, the property values before and after too. */
  private static Xml change(Xml xml, ResourceChange change, boolean values) {
    xml.open("ResourceChange")
        .element("Action", change.action())
        .element("LogicalResourceId", change.logicalId())
        .element("PhysicalResourceId", change.physicalId())
        .element("ResourceType", change.type())
        .element("Replacement", change.replacement());
    xml.open("Scope");
    change.scope().forEach(s -> xml.element("member", s));
    xml.close("Scope").open("Details");
    for (ResourceChange.Detail detail : change.details()) {
      xml.open("member")
          .open("Target")
          .element("Attribute", detail.attribute())
          .element("Name", detail.name())
          .element("RequiresRecreation", detail.requiresRecreation());
      if (values) {
        xml.element("Path", detail.path())
            .element("BeforeValue", detail.beforeValue())
            .element("AfterValue", detail.afterValue())
            .element("AttributeChangeType", detail.attributeChangeType());
      }
      xml.close("Target")
          .element("Evaluation", detail.evaluation())
          .element("ChangeSource", detail.changeSource())
          .close("member");
    }
    xml.close("Details");
    if (values) {
      xml.element("BeforeContext", change.beforeContext())
          .element("AfterContext", change.afterContext());
    }
    return xml.close("ResourceChange");
  }
}
