package ferry.cloudformation.wire;

import ferry.cloudformation.CloudFormationErrors;
import ferry.cloudformation.CloudFormationService;
import ferry.cloudformation.StackRequest;
import ferry.protocol.query.QueryApi;
import ferry.protocol.query.QueryOperation;
import ferry.protocol.query.QueryParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudFormation's query-protocol binding: the route table of the operations Ferry implements;
 * every other action is refused as not implemented.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/">CloudFormation
 *     API reference</a>
 */
public final class CloudFormationApi extends QueryApi {
  private final Map<String, QueryOperation> operations = new LinkedHashMap<>();

  public CloudFormationApi(CloudFormationService cloudformation) {
    super("cloudformation", "2010-05-15");
    var stacks = new StackApi(cloudformation.stacks());
    var resources = new StackResourceApi(cloudformation.stacks());
    var changeSets = new ChangeSetApi(cloudformation.changeSets());
    var templates = new TemplateApi(cloudformation.templates());
    var exports = new ExportApi(cloudformation.exports());
    operations.put("CreateStack", stacks::createStack);
    operations.put("UpdateStack", stacks::updateStack);
    operations.put("DeleteStack", stacks::deleteStack);
    operations.put("DescribeStacks", stacks::describeStacks);
    operations.put("ListStacks", stacks::listStacks);
    operations.put("GetTemplate", stacks::getTemplate);
    operations.put("GetStackPolicy", stacks::getStackPolicy);
    operations.put("DescribeStackEvents", resources::describeStackEvents);
    operations.put("DescribeStackResource", resources::describeStackResource);
    operations.put("DescribeStackResources", resources::describeStackResources);
    operations.put("ListStackResources", resources::listStackResources);
    operations.put("CreateChangeSet", changeSets::createChangeSet);
    operations.put("DescribeChangeSet", changeSets::describeChangeSet);
    operations.put("ExecuteChangeSet", changeSets::executeChangeSet);
    operations.put("DeleteChangeSet", changeSets::deleteChangeSet);
    operations.put("ListChangeSets", changeSets::listChangeSets);
    operations.put("ValidateTemplate", templates::validateTemplate);
    operations.put("GetTemplateSummary", templates::getTemplateSummary);
    operations.put("ListExports", exports::listExports);
    operations.put("ListImports", exports::listImports);
  }

  @Override
  protected Map<String, QueryOperation> operations() {
    return operations;
  }

  /** Refuses a request carrying a member whose effect Ferry does not implement. */
  static QueryParameters refuse(QueryParameters p, String operation, String... members) {
    for (String member : members) {
      if (p.has(member)) {
        throw CloudFormationErrors.unsupported(operation, member);
      }
    }
    return p;
  }

  /** The members CreateStack, UpdateStack and CreateChangeSet share. */
  static StackRequest stackRequest(QueryParameters p, String operation) {
    refuse(
        p,
        operation,
        "TemplateURL",
        "StackPolicyBody",
        "StackPolicyURL",
        "StackPolicyDuringUpdateBody",
        "StackPolicyDuringUpdateURL",
        "RollbackConfiguration",
        "TimeoutInMinutes",
        "ResourceTypes",
        "EnableTerminationProtection",
        "ResourcesToImport",
        "OnStackFailure",
        "DeploymentMode",
        "RetainExceptOnCreate");
    // What a client such as the CDK CLI sends with values that ask for nothing Ferry lacks: no
    // notification topics, no existing resources to import, the standard deployment; nested
    // stacks to include there are none, as AWS::CloudFormation::Stack is not a type Ferry knows.
    if (!p.list("NotificationARNs").isEmpty()) {
      throw CloudFormationErrors.unsupported(operation, "NotificationARNs");
    }
    if (p.optionalBoolean("ImportExistingResources", false)) {
      throw CloudFormationErrors.unsupported(operation, "ImportExistingResources");
    }
    String mode = p.optional("DeploymentConfig.Mode");
    if (mode != null && !mode.equals("STANDARD")) {
      throw CloudFormationErrors.unsupported(operation, "DeploymentConfig Mode " + mode);
    }
    List<StackRequest.ParameterValue> parameters = new ArrayList<>();
    for (Map<String, String> parameter : p.structures("Parameters")) {
      String key = parameter.get("ParameterKey");
      if (key == null) {
        throw CloudFormationErrors.validation("ParameterKey must be given for every parameter");
      }
      parameters.add(
          new StackRequest.ParameterValue(
              key,
              parameter.get("ParameterValue"),
              Boolean.parseBoolean(parameter.getOrDefault("UsePreviousValue", "false"))));
    }
    Map<String, String> tags = null;
    if (p.has("Tags")) {
      tags = new LinkedHashMap<>();
      for (Map<String, String> tag : p.structures("Tags")) {
        String key = tag.get("Key");
        String value = tag.get("Value");
        if (key == null || value == null) {
          throw CloudFormationErrors.validation("Tags must each have a Key and a Value");
        }
        tags.put(key, value);
      }
    }
    String disableRollback = p.optional("DisableRollback");
    return new StackRequest(
        p.required("StackName"),
        p.optional("TemplateBody"),
        p.optionalBoolean("UsePreviousTemplate", false),
        parameters,
        p.list("Capabilities"),
        p.optional("RoleARN"),
        tags,
        disableRollback == null ? null : Boolean.parseBoolean(disableRollback),
        p.optional("OnFailure"),
        p.optional("ClientRequestToken"));
  }
}
