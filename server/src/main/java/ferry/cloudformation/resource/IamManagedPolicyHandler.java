package ferry.cloudformation.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.iam.EntityKind;
import ferry.iam.IamPolicyEntities;
import ferry.iam.IamService;
import ferry.iam.ManagedPolicy;
import ferry.iam.PolicyVersion;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS::IAM::ManagedPolicy: a customer managed policy and the roles, users and groups it is attached
 * to, through IAM as the stack's caller. {@code Ref} is the policy's ARN. A new document becomes a
 * new default version; when the policy has five versions, the oldest one that is not the default is
 * deleted first, as AWS's handler does.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-managedpolicy.html">AWS::IAM::ManagedPolicy</a>
 */
public final class IamManagedPolicyHandler implements ResourceHandler {
  static final ResourceSchema SCHEMA =
      new ResourceSchema(
          "AWS::IAM::ManagedPolicy",
          Set.of(
              "Description",
              "Groups",
              "ManagedPolicyName",
              "Path",
              "PolicyDocument",
              "Roles",
              "Users"),
          Set.of("PolicyDocument"),
          Set.of("Description", "ManagedPolicyName", "Path"),
          Set.of(
              "AttachmentCount",
              "CreateDate",
              "DefaultVersionId",
              "IsAttachable",
              "PermissionsBoundaryUsageCount",
              "PolicyArn",
              "PolicyId",
              "UpdateDate"),
          "ManagedPolicyName");
  private static final int MAX_NAME = 128;
  private static final int MAX_VERSIONS = 5;
  private static final List<EntityKind> KINDS =
      List.of(EntityKind.ROLE, EntityKind.USER, EntityKind.GROUP);

  private final IamService iam;

  public IamManagedPolicyHandler(IamService iam) {
    this.iam = iam;
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Provisioned create(ResourceRequest request) {
    SchemaValues properties = SchemaValues.of(SCHEMA, request);
    Caller caller = request.caller();
    String name = properties.string("ManagedPolicyName");
    if (name == null) {
      name = request.generatedName(MAX_NAME);
    }
    Map<EntityKind, List<String>> attachments = attachments(properties);
    ManagedPolicy policy =
        iam.managedPolicies()
            .createPolicy(
                caller,
                name,
                properties.string("Path"),
                properties.requiredDocument("PolicyDocument"),
                properties.string("Description"));
    String arn = policy.arn();
    var made = new PartialCreation();
    made.made(() -> iam.managedPolicies().deletePolicy(caller, arn));
    int attached = 0;
    try {
      for (EntityKind kind : KINDS) {
        for (String entity : attachments.get(kind)) {
          iam.entityPolicies().attachPolicy(caller, kind, entity, arn);
          made.made(() -> iam.entityPolicies().detachPolicy(caller, kind, entity, arn));
          attached++;
        }
      }
    } catch (AwsException e) {
      throw made.undo(e);
    }
    return provisioned(policy, attached);
  }

  @Override
  public Provisioned update(
      ResourceRequest request, Provisioned current, ObjectNode previousProperties) {
    SchemaValues wanted = SchemaValues.of(SCHEMA, request);
    SchemaValues before = wanted.previous(previousProperties);
    Caller caller = request.caller();
    String arn = current.physicalId();
    Map<String, String> attributes = new HashMap<>(current.attributes());
    if (wanted.changed(before, "PolicyDocument")) {
      List<PolicyVersion> versions = iam.managedPolicies().listPolicyVersions(caller, arn);
      if (versions.size() >= MAX_VERSIONS) {
        PolicyVersion oldest =
            versions.stream()
                .filter(v -> !v.isDefault())
                .min(
                    Comparator.comparing(PolicyVersion::created)
                        .thenComparingInt(v -> Integer.parseInt(v.versionId().substring(1))))
                .orElseThrow();
        iam.managedPolicies().deletePolicyVersion(caller, arn, oldest.versionId());
      }
      PolicyVersion version =
          iam.managedPolicies()
              .createPolicyVersion(caller, arn, wanted.requiredDocument("PolicyDocument"), true);
      attributes.put("DefaultVersionId", version.versionId());
      attributes.put("UpdateDate", version.created().toString());
    }
    Map<EntityKind, List<String>> oldAttachments = attachments(before);
    Map<EntityKind, List<String>> newAttachments = attachments(wanted);
    int count = Integer.parseInt(attributes.getOrDefault("AttachmentCount", "0"));
    for (EntityKind kind : KINDS) {
      for (String entity : oldAttachments.get(kind)) {
        if (!newAttachments.get(kind).contains(entity)) {
          GoneAlready.ignore(() -> iam.entityPolicies().detachPolicy(caller, kind, entity, arn));
          count--;
        }
      }
      for (String entity : newAttachments.get(kind)) {
        if (!oldAttachments.get(kind).contains(entity)) {
          iam.entityPolicies().attachPolicy(caller, kind, entity, arn);
          count++;
        }
      }
    }
    attributes.put("AttachmentCount", Integer.toString(Math.max(count, 0)));
    return new Provisioned(arn, attributes);
  }

  /**
   * Detaches the policy from every entity it is attached to and deletes its versions that are not
   * the default, as AWS's handler does, then the policy.
   */
  @Override
  public void delete(ResourceRequest request, Provisioned current) {
    Caller caller = request.caller();
    String arn = current.physicalId();
    List<IamPolicyEntities.PolicyEntity> entities;
    try {
      entities =
          iam.policyEntities()
              .listEntitiesForPolicy(
                  caller, arn, new IamPolicyEntities.Filter(null, null, "PermissionsPolicy"));
    } catch (AwsException e) {
      if (GoneAlready.is(e)) {
        return;
      }
      throw e;
    }
    for (IamPolicyEntities.PolicyEntity entity : entities) {
      GoneAlready.ignore(
          () -> iam.entityPolicies().detachPolicy(caller, entity.kind(), entity.name(), arn));
    }
    for (PolicyVersion version : iam.managedPolicies().listPolicyVersions(caller, arn)) {
      if (!version.isDefault()) {
        GoneAlready.ignore(
            () -> iam.managedPolicies().deletePolicyVersion(caller, arn, version.versionId()));
      }
    }
    GoneAlready.ignore(() -> iam.managedPolicies().deletePolicy(caller, arn));
  }

  private static Map<EntityKind, List<String>> attachments(SchemaValues properties) {
    return Map.of(
        EntityKind.ROLE, properties.strings("Roles"),
        EntityKind.USER, properties.strings("Users"),
        EntityKind.GROUP, properties.strings("Groups"));
  }

  private static Provisioned provisioned(ManagedPolicy policy, int attached) {
    return new Provisioned(
        policy.arn(),
        Map.of(
            "PolicyArn", policy.arn(),
            "PolicyId", policy.policyId(),
            "DefaultVersionId", policy.defaultVersionId(),
            "AttachmentCount", Integer.toString(attached),
            "PermissionsBoundaryUsageCount", Integer.toString(policy.boundaryUsageCount()),
            "IsAttachable", "true",
            "CreateDate", policy.created().toString(),
            "UpdateDate", policy.updated().toString()));
  }
}
