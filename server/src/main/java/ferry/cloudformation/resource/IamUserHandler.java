package ferry.cloudformation.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.iam.AccessKey;
import ferry.iam.EntityKind;
import ferry.iam.Group;
import ferry.iam.IamService;
import ferry.iam.IamTags;
import ferry.iam.User;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS::IAM::User: the user, its inline and managed policies and its groups, through IAM as the
 * stack's caller. {@code Ref} is the user's name. Ferry has no console passwords, so {@code
 * LoginProfile} is refused.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-iam-user.html">AWS::IAM::User</a>
 */
public final class IamUserHandler implements ResourceHandler {
  static final ResourceSchema SCHEMA =
      new ResourceSchema(
          "AWS::IAM::User",
          Set.of(
              "Groups",
              "LoginProfile",
              "ManagedPolicyArns",
              "Path",
              "PermissionsBoundary",
              "Policies",
              "Tags",
              "UserName"),
          Set.of(),
          Set.of("UserName"),
          Set.of("Arn"),
          "UserName");
  private static final int MAX_NAME = 64;

  private final IamService iam;

  public IamUserHandler(IamService iam) {
    this.iam = iam;
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Provisioned create(ResourceRequest request) {
    PropertyValues properties = PropertyValues.of(SCHEMA, request);
    properties.refuse("LoginProfile");
    Caller caller = request.caller();
    String name = properties.string("UserName");
    if (name == null) {
      name = request.generatedName(MAX_NAME);
    }
    Map<String, String> policies = properties.inlinePolicies();
    List<String> managed = properties.strings("ManagedPolicyArns");
    List<String> groups = properties.strings("Groups");
    User user =
        iam.users()
            .createUser(
                caller,
                properties.string("Path"),
                name,
                properties.string("PermissionsBoundary"),
                IamTags.fromRequest(properties.tagsWith(request.stackTags())));
    String userName = user.name();
    var made = new PartialCreation();
    made.made(() -> iam.users().deleteUser(caller, userName));
    try {
      EntityPolicyChanges.create(iam, caller, EntityKind.USER, userName, policies, managed, made);
      for (String group : groups) {
        iam.groups().addUserToGroup(caller, group, userName);
        made.made(() -> iam.groups().removeUserFromGroup(caller, group, userName));
      }
    } catch (AwsException e) {
      throw made.undo(e);
    }
    return new Provisioned(user.name(), Map.of("Arn", user.arn()));
  }

  @Override
  public Provisioned update(
      ResourceRequest request, Provisioned current, ObjectNode previousProperties) {
    PropertyValues wanted = PropertyValues.of(SCHEMA, request);
    PropertyValues before = wanted.previous(previousProperties);
    wanted.refuse("LoginProfile");
    if (wanted.changed(before, "Path")) {
      throw wanted.unsupported(
          "Path (a change of it)", "moving a user is UpdateUser, which Ferry's IAM lacks");
    }
    Caller caller = request.caller();
    String name = current.physicalId();
    if (wanted.changed(before, "PermissionsBoundary")) {
      iam.entityPolicies()
          .setPermissionsBoundary(
              caller, EntityKind.USER, name, wanted.string("PermissionsBoundary"));
    }
    EntityPolicyChanges.apply(iam, caller, EntityKind.USER, name, before, wanted);
    List<String> oldGroups = before.strings("Groups");
    List<String> newGroups = wanted.strings("Groups");
    for (String group : oldGroups) {
      if (!newGroups.contains(group)) {
        GoneAlready.ignore(() -> iam.groups().removeUserFromGroup(caller, group, name));
      }
    }
    for (String group : newGroups) {
      if (!oldGroups.contains(group)) {
        iam.groups().addUserToGroup(caller, group, name);
      }
    }
    TagChanges.of(
            IamTags.fromRequest(before.tagsWith(request.stackTags())),
            IamTags.fromRequest(wanted.tagsWith(request.stackTags())))
        .apply(
            tags -> iam.users().tagUser(caller, name, tags),
            keys -> iam.users().untagUser(caller, name, keys));
    return current;
  }

  /**
   * Removes the user from its groups, detaches and deletes its policies and deletes its access
   * keys, as AWS's handler does, then deletes the user.
   */
  @Override
  public void delete(ResourceRequest request, Provisioned current) {
    Caller caller = request.caller();
    String name = current.physicalId();
    List<Group> groups;
    try {
      groups = iam.groups().listGroupsForUser(caller, name);
    } catch (AwsException e) {
      if (GoneAlready.is(e)) {
        return;
      }
      throw e;
    }
    for (Group group : groups) {
      GoneAlready.ignore(() -> iam.groups().removeUserFromGroup(caller, group.name(), name));
    }
    EntityPolicyChanges.removeAll(iam, caller, EntityKind.USER, name);
    for (AccessKey key : iam.users().listAccessKeys(caller, name)) {
      GoneAlready.ignore(() -> iam.users().deleteAccessKey(caller, name, key.accessKeyId()));
    }
    GoneAlready.ignore(() -> iam.users().deleteUser(caller, name));
  }
}
