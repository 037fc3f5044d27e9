package ferry.iam;

import static ferry.iam.IamEntities.accountOf;
import static ferry.iam.IamEntities.entityArn;

import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.iam.store.GroupRepository;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * IAM groups and their members: CreateGroup, GetGroup, ListGroups, UpdateGroup, DeleteGroup,
 * AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser. A group's policies are in {@link
 * IamEntityPolicies}; its users have them in every decision (see {@link IamPolicies}).
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html">IAM user
 *     groups</a>
 */
public final class IamGroups {
  static final int MAX_GROUPS_PER_USER = 10;

  private final GroupRepository groups;
  private final IamEntities entities;
  private final Clock clock;

  IamGroups(GroupRepository groups, IamEntities entities, Clock clock) {
    this.groups = groups;
    this.entities = entities;
    this.clock = clock;
  }

  /** GetGroup's answer: the group and the users in it. */
  public record GroupWithUsers(Group group, List<User> users) {}

  public Group createGroup(Caller caller, @Nullable String path, String name) {
    IamNames.groupName(name);
    String groupPath = IamNames.path(path);
    AccountId account = accountOf(caller);
    entities.require(
        caller, "iam:CreateGroup", entityArn(account, EntityKind.GROUP, groupPath, name));
    var group =
        new Group(account, groupPath, name, AccessKeys.newUniqueId("AGPA"), clock.instant());
    if (!groups.insert(group)) {
      throw IamErrors.alreadyExists("Group with name " + name + " already exists.");
    }
    return group;
  }

  public GroupWithUsers getGroup(Caller caller, String name) {
    Group group = entities.group(caller, name);
    entities.require(caller, "iam:GetGroup", group.arn());
    return new GroupWithUsers(group, groups.members(group.account(), group.name()));
  }

  public List<Group> listGroups(Caller caller, @Nullable String pathPrefix) {
    String prefix = IamNames.pathPrefix(pathPrefix);
    AccountId account = accountOf(caller);
    entities.require(caller, "iam:ListGroups", "arn:aws:iam::" + account + ":group" + prefix + "*");
    return groups.list(account, prefix);
  }

  /** UpdateGroup: a null new name or path leaves that as it is. */
  public void updateGroup(
      Caller caller, String name, @Nullable String newName, @Nullable String newPath) {
    if (newName != null) {
      IamNames.groupName(newName);
    }
    Group group = entities.group(caller, name);
    String path = newPath == null ? group.path() : IamNames.path(newPath);
    String renamed = newName == null ? group.name() : newName;
    entities.require(caller, "iam:UpdateGroup", group.arn());
    // AWS asks for the permission on the group under its new name and path as well.
    entities.require(
        caller, "iam:UpdateGroup", entityArn(group.account(), EntityKind.GROUP, path, renamed));
    if (!groups.update(group.account(), group.name(), renamed, path)) {
      throw IamErrors.alreadyExists("Group with name " + renamed + " already exists.");
    }
  }

  public void deleteGroup(Caller caller, String name) {
    Group group = entities.group(caller, name);
    entities.require(caller, "iam:DeleteGroup", group.arn());
    if (!groups.members(group.account(), group.name()).isEmpty()) {
      throw IamErrors.deleteConflict("Cannot delete entity, must remove users from group first.");
    }
    entities.requireNoPolicies(group.account(), EntityKind.GROUP, group.name());
    groups.delete(group.account(), group.name());
  }

  public void addUserToGroup(Caller caller, String groupName, String userName) {
    Group group = entities.group(caller, groupName);
    User user = entities.user(caller, userName);
    entities.require(caller, "iam:AddUserToGroup", group.arn());
    if (!groups.addMember(group.account(), group.name(), user.name(), MAX_GROUPS_PER_USER)) {
      throw IamErrors.limitExceeded(
          "Cannot exceed quota for GroupsPerUser: " + MAX_GROUPS_PER_USER);
    }
  }

  public void removeUserFromGroup(Caller caller, String groupName, String userName) {
    Group group = entities.group(caller, groupName);
    User user = entities.user(caller, userName);
    entities.require(caller, "iam:RemoveUserFromGroup", group.arn());
    if (!groups.removeMember(group.account(), group.name(), user.name())) {
      throw IamErrors.noSuchEntity(
          "The user with name " + user.name() + " is not in group " + group.name() + ".");
    }
  }

  public List<Group> listGroupsForUser(Caller caller, String userName) {
    User user = entities.user(caller, userName);
    entities.require(caller, "iam:ListGroupsForUser", user.arn());
    return groups.groupsOf(user.account(), user.name());
  }
}
