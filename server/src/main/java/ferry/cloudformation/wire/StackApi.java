package ferry.cloudformation.wire;

import ferry.cloudformation.Stack;
import ferry.cloudformation.StackOutput;
import ferry.cloudformation.StackParameter;
import ferry.cloudformation.StackStatus;
import ferry.cloudformation.Stacks;
import ferry.protocol.ApiRequest;
import ferry.protocol.Xml;
import ferry.protocol.query.QueryParameters;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The query binding of the stack operations: create, update, delete, describe, list. */
final class StackApi {
  private final Stacks stacks;

  StackApi(Stacks stacks) {
    this.stacks = stacks;
  }

  Xml createStack(QueryParameters p, ApiRequest r) {
    CloudFormationApi.refuse(p, "CreateStack", "UsePreviousTemplate");
    String stackId =
        stacks.createStack(r.caller(), CloudFormationApi.stackRequest(p, "CreateStack"));
    return Xml.fragment().element("StackId", stackId);
  }

  Xml updateStack(QueryParameters p, ApiRequest r) {
    CloudFormationApi.refuse(p, "UpdateStack", "OnFailure");
    String stackId =
        stacks.updateStack(r.caller(), CloudFormationApi.stackRequest(p, "UpdateStack"));
    return Xml.fragment().element("StackId", stackId);
  }

  @Nullable Xml deleteStack(QueryParameters p, ApiRequest r) {
    CloudFormationApi.refuse(p, "DeleteStack", "RetainResources", "DeletionMode");
    stacks.deleteStack(
        r.caller(),
        p.required("StackName"),
        p.optional("RoleARN"),
        p.optional("ClientRequestToken"));
    return null;
  }

  Xml describeStacks(QueryParameters p, ApiRequest r) {
    return Pages.page(
        p,
        stacks.describeStacks(r.caller(), p.optional("StackName")),
        100,
        "Stacks",
        StackApi::stack);
  }

  Xml listStacks(QueryParameters p, ApiRequest r) {
    Set<StackStatus> filter = EnumSet.noneOf(StackStatus.class);
    for (String status : p.list("StackStatusFilter")) {
      try {
        filter.add(StackStatus.valueOf(status));
      } catch (IllegalArgumentException e) {
        throw ferry.cloudformation.CloudFormationErrors.validation(
            "1 validation error detected: Value '["
                + status
                + "]' at 'stackStatusFilter' failed to satisfy constraint: Member must satisfy"
                + " constraint: [Member must satisfy enum value set: "
                + java.util.Arrays.toString(StackStatus.values())
                + "]");
      }
    }
    return Pages.page(
        p,
        stacks.listStacks(r.caller(), filter),
        100,
        "StackSummaries",
        (xml, stack) ->
            xml.element("StackId", stack.stackId())
                .element("StackName", stack.name())
                .element("TemplateDescription", stack.description())
                .element("CreationTime", stack.created())
                .element("LastUpdatedTime", stack.lastUpdated())
                .element("DeletionTime", stack.deleted())
                .element("StackStatus", stack.status())
                .element("StackStatusReason", stack.statusReason())
                .open("DriftInformation")
                .element("StackDriftStatus", "NOT_CHECKED")
                .close("DriftInformation"));
  }

  Xml getTemplate(QueryParameters p, ApiRequest r) {
    String stage = p.optional("TemplateStage");
    if (stage != null && !stage.equals("Original") && !stage.equals("Processed")) {
      throw ferry.cloudformation.CloudFormationErrors.validation(
          "1 validation error detected: Value '"
              + stage
              + "' at 'templateStage' failed to satisfy constraint: Member must satisfy enum value"
              + " set: [Original, Processed]");
    }
    String body =
        stacks.getTemplate(r.caller(), p.optional("StackName"), p.optional("ChangeSetName"));
    return Xml.fragment()
        .element("TemplateBody", body)
        .open("StagesAvailable")
        .element("member", "Original")
        .element("member", "Processed")
        .close("StagesAvailable");
  }

  /** Ferry keeps no stack policies (CreateStack refuses them), so no stack has one. */
  Xml getStackPolicy(QueryParameters p, ApiRequest r) {
    stacks.getStackPolicy(r.caller(), p.required("StackName"));
    return Xml.fragment();
  }

  static void stack(Xml xml, Stack stack) {
    xml.element("StackId", stack.stackId())
        .element("StackName", stack.name())
        .element("ChangeSetId", stack.changeSetId())
        .element("Description", stack.description());
    if (!stack.parameters().isEmpty()) {
      xml.open("Parameters");
      for (StackParameter parameter : stack.parameters()) {
        parameter(xml, parameter);
      }
      xml.close("Parameters");
    }
    xml.element("CreationTime", stack.created())
        .element("DeletionTime", stack.deleted())
        .element("LastUpdatedTime", stack.lastUpdated())
        .raw("<RollbackConfiguration/>")
        .element("StackStatus", stack.status())
        .element("StackStatusReason", stack.statusReason())
        .element("DisableRollback", stack.disableRollback())
        .raw("<NotificationARNs/>");
    if (!stack.capabilities().isEmpty()) {
      xml.open("Capabilities");
      stack.capabilities().forEach(c -> xml.element("member", c));
      xml.close("Capabilities");
    }
    if (!stack.outputs().isEmpty()) {
      xml.open("Outputs");
      for (StackOutput output : stack.outputs()) {
        xml.open("member")
            .element("OutputKey", output.key())
            .element("OutputValue", output.value())
            .element("Description", output.description())
            .element("ExportName", output.exportName())
            .close("member");
      }
      xml.close("Outputs");
    }
    xml.element("RoleARN", stack.roleArn());
    tags(xml, stack.tags());
    xml.element("EnableTerminationProtection", false)
        .open("DriftInformation")
        .element("StackDriftStatus", "NOT_CHECKED")
        .close("DriftInformation");
  }

  static void parameter(Xml xml, StackParameter parameter) {
    xml.open("member")
        .element("ParameterKey", parameter.key())
        .element("ParameterValue", parameter.shownValue())
        .element("ResolvedValue", parameter.resolvedValue())
        .close("member");
  }

  static void tags(Xml xml, java.util.Map<String, String> tags) {
    if (tags.isEmpty()) {
      return;
    }
    xml.open("Tags");
    tags.forEach((key, value) ->
        xml.open("member").element("Key", key).element("Value", value).close("member"));
    xml.close("Tags");
  }
}
