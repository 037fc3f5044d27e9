package ferry.cloudformation.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.iam.EntityKind;
import ferry.iam.IamRoles.CreateRoleRequest;
import ferry.iam.IamService;
import ferry.iam.IamTags;
import ferry.iam.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS::IAM::Role: the role, its inline policies and attached managed policies, through IAM as the
 * stack's caller. {@code Ref} is the role's name.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-role.html">AWS::IAM::Role</a>
 */
public final class IamRoleHandler implements ResourceHandler {
  static final ResourceSchema SCHEMA =
      new ResourceSchema(
          "AWS::IAM::Role",
          Set.of(
              "AssumeRolePolicyDocument",
              "Description",
              "ManagedPolicyArns",
              "MaxSessionDuration",
              "Path",
              "PermissionsBoundary",
              "Policies",
              "RoleName",
              "Tags"),
          Set.of("AssumeRolePolicyDocument"),
          Set.of("Path", "RoleName"),
          Set.of("Arn", "RoleId"),
          "RoleName");
  private static final int MAX_NAME = 64;
  private static final int DEFAULT_SESSION_SECONDS = 3600;

  private final IamService iam;

  public IamRoleHandler(IamService iam) {
    this.iam = iam;
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Provisioned create(ResourceRequest request) {
    PropertyValues properties = PropertyValues.of(SCHEMA, request);
    Caller caller = request.caller();
    String name = properties.string("RoleName");
    if (name == null) {
      name = request.generatedName(MAX_NAME);
    }
    Map<String, String> policies = properties.inlinePolicies();
    List<String> managed = properties.strings("ManagedPolicyArns");
    Role role =
        iam.roles()
            .createRole(
                caller,
                new CreateRoleRequest(
                    name,
                    properties.string("Path"),
                    properties.requiredDocument("AssumeRolePolicyDocument"),
                    properties.string("Description"),
                    properties.integer("MaxSessionDuration"),
                    IamTags.fromRequest(properties.tagsWith(request.stackTags())),
                    properties.string("PermissionsBoundary")));
    var made = new PartialCreation();
    String roleName = role.name();
    made.made(() -> iam.roles().deleteRole(caller, roleName));
    try {
      EntityPolicyChanges.create(iam, caller, EntityKind.ROLE, roleName, policies, managed, made);
    } catch (AwsException e) {
      throw made.undo(e);
    }
    return provisioned(role);
  }

  @Override
  public Provisioned update(
      ResourceRequest request, Provisioned current, ObjectNode previousProperties) {
    PropertyValues wanted = PropertyValues.of(SCHEMA, request);
    PropertyValues before = wanted.previous(previousProperties);
    Caller caller = request.caller();
    String name = current.physicalId();
    if (wanted.changed(before, "Description") || wanted.changed(before, "MaxSessionDuration")) {
      String description = wanted.string("Description");
      Integer duration = wanted.integer("MaxSessionDuration");
      iam.roles()
          .updateRole(
              caller,
              name,
              description == null ? "" : description,
              duration == null ? DEFAULT_SESSION_SECONDS : duration);
    }
    if (wanted.changed(before, "AssumeRolePolicyDocument")) {
      iam.roles()
          .updateAssumeRolePolicy(
              caller, name, wanted.requiredDocument("AssumeRolePolicyDocument"));
    }
    if (wanted.changed(before, "PermissionsBoundary")) {
      iam.entityPolicies()
          .setPermissionsBoundary(
              caller, EntityKind.ROLE, name, wanted.string("PermissionsBoundary"));
    }
    EntityPolicyChanges.apply(iam, caller, EntityKind.ROLE, name, before, wanted);
    TagChanges.of(
            IamTags.fromRequest(before.tagsWith(request.stackTags())),
            IamTags.fromRequest(wanted.tagsWith(request.stackTags())))
        .apply(
            tags -> iam.roles().tagRole(caller, name, tags),
            keys -> iam.roles().untagRole(caller, name, keys));
    return current;
  }

  /** Detaches and deletes every policy of the role, as AWS's handler does, then the role. */
  @Override
  public void delete(ResourceRequest request, Provisioned current) {
    Caller caller = request.caller();
    String name = current.physicalId();
    try {
      EntityPolicyChanges.removeAll(iam, caller, EntityKind.ROLE, name);
    } catch (AwsException e) {
      if (GoneAlready.is(e)) {
        return;
      }
      throw e;
    }
    GoneAlready.ignore(() -> iam.roles().deleteRole(caller, name));
  }

  private static Provisioned provisioned(Role role) {
    return new Provisioned(role.name(), Map.of("Arn", role.arn(), "RoleId", role.roleId()));
  }
}
