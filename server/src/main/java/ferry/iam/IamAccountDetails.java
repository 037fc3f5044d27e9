package ferry.iam;

import static ferry.iam.IamEntities.accountOf;

import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.iam.store.EntityPolicyRepository;
import ferry.iam.store.GroupRepository;
import ferry.iam.store.InstanceProfileRepository;
import ferry.iam.store.PolicyRepository;
import ferry.iam.store.RoleRepository;
import ferry.iam.store.UserRepository;
import java.util.ArrayList;
import java.util.List;

/**
 * GetAccountAuthorizationDetails: every identity of an account with its policies, in one answer.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html">GetAccountAuthorizationDetails</a>
 */
public final class IamAccountDetails {
  private static final List<String> ENTITY_FILTERS =
      List.of("User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy");

  private final UserRepository users;
  private final RoleRepository roles;
  private final GroupRepository groups;
  private final InstanceProfileRepository instanceProfiles;
  private final PolicyRepository policies;
  private final EntityPolicyRepository entityPolicies;
  private final IamEntities entities;

  IamAccountDetails(
      UserRepository users,
      RoleRepository roles,
      GroupRepository groups,
      InstanceProfileRepository instanceProfiles,
      PolicyRepository policies,
      EntityPolicyRepository entityPolicies,
      IamEntities entities) {
    this.users = users;
    this.roles = roles;
    this.groups = groups;
    this.instanceProfiles = instanceProfiles;
    this.policies = policies;
    this.entityPolicies = entityPolicies;
    this.entities = entities;
  }

  /**
   * A user, role or group with its policies, as GetAccountAuthorizationDetails lists it; {@code
   * groups} are the names of a user's groups and {@code instanceProfiles} the profiles holding a
   * role, empty for the others.
   */
  public record EntityDetail<T>(
      T entity,
      List<InlinePolicy> inlinePolicies,
      List<AttachedPolicy> attachedPolicies,
      List<String> groups,
      List<InstanceProfile> instanceProfiles) {}

  /** A managed policy with all its versions. */
  public record PolicyDetail(ManagedPolicy policy, List<PolicyVersion> versions) {}

  /** GetAccountAuthorizationDetails' answer. */
  public record AuthorizationDetails(
      List<EntityDetail<User>> users,
      List<EntityDetail<Group>> groups,
      List<EntityDetail<Role>> roles,
      List<PolicyDetail> policies) {}

  /**
   * Every user, group, role and managed policy of the caller's account with their policies; {@code
   * filter} holds the entity types asked for (User, Group, Role, LocalManagedPolicy …), all when
   * empty.
   */
  public AuthorizationDetails getAccountAuthorizationDetails(Caller caller, List<String> filter) {
    if (!ENTITY_FILTERS.containsAll(filter)) {
      throw IamErrors.constraint(
          "filter",
          filter.toString(),
          "Member must satisfy constraint: [Member must satisfy enum value set: "
              + ENTITY_FILTERS
              + "]");
    }
    AccountId account = accountOf(caller);
    entities.require(caller, "iam:GetAccountAuthorizationDetails", "*");
    List<EntityDetail<User>> userDetails = new ArrayList<>();
    if (filter.isEmpty() || filter.contains("User")) {
      for (User user : users.list(account, "/")) {
        userDetails.add(
            new EntityDetail<>(
                user,
                entityPolicies.inline(account, EntityKind.USER, user.name()),
                entityPolicies.attached(account, EntityKind.USER, user.name()),
                groups.groupsOf(account, user.name()).stream().map(Group::name).toList(),
                List.of()));
      }
    }
    List<EntityDetail<Group>> groupDetails = new ArrayList<>();
    if (filter.isEmpty() || filter.contains("Group")) {
      for (Group group : groups.list(account, "/")) {
        groupDetails.add(
            new EntityDetail<>(
                group,
                entityPolicies.inline(account, EntityKind.GROUP, group.name()),
                entityPolicies.attached(account, EntityKind.GROUP, group.name()),
                List.of(),
                List.of()));
      }
    }
    List<EntityDetail<Role>> roleDetails = new ArrayList<>();
    if (filter.isEmpty() || filter.contains("Role")) {
      for (Role role : roles.list(account, "/")) {
        roleDetails.add(
            new EntityDetail<>(
                role,
                entityPolicies.inline(account, EntityKind.ROLE, role.name()),
                entityPolicies.attached(account, EntityKind.ROLE, role.name()),
                List.of(),
                instanceProfiles.listForRole(account, role.name())));
      }
    }
    List<PolicyDetail> policyDetails = new ArrayList<>();
    if (filter.isEmpty() || filter.contains("LocalManagedPolicy")) {
      for (ManagedPolicy policy : policies.list(account, "/", false)) {
        policyDetails.add(new PolicyDetail(policy, policies.versions(policy.arn())));
      }
    }
    return new AuthorizationDetails(userDetails, groupDetails, roleDetails, policyDetails);
  }
}
