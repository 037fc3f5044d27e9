package ferry.iam;

import static ferry.iam.IamEntities.accountOf;

import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.iam.store.EntityPolicyRepository;
import ferry.iam.store.GroupRepository;
import ferry.iam.store.RoleRepository;
import ferry.iam.store.UserRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * ListEntitiesForPolicy: the groups, users and roles a managed policy is attached to or bounds.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListEntitiesForPolicy.html">ListEntitiesForPolicy</a>
 */
public final class IamPolicyEntities {
  private static final List<String> ENTITY_FILTERS =
      List.of("User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy");
  private static final List<String> USAGE_FILTERS =
      List.of("PermissionsPolicy", "PermissionsBoundary");

  private final UserRepository users;
  private final RoleRepository roles;
  private final GroupRepository groups;
  private final EntityPolicyRepository entityPolicies;
  private final IamEntities entities;

  IamPolicyEntities(
      UserRepository users,
      RoleRepository roles,
      GroupRepository groups,
      EntityPolicyRepository entityPolicies,
      IamEntities entities) {
    this.users = users;
    this.roles = roles;
    this.groups = groups;
    this.entityPolicies = entityPolicies;
    this.entities = entities;
  }

  /** A group, user or role that uses a policy: its name and unique id. */
  public record PolicyEntity(EntityKind kind, String name, String id) {}

  /** ListEntitiesForPolicy's filters; each is optional. */
  public record Filter(
      @Nullable String entityFilter, @Nullable String pathPrefix, @Nullable String usageFilter) {}

  /**
   * The entities using the policy, groups first, then users, then roles, each by name: as
   * permissions policy (attached), as permissions boundary (users and roles only), or both when no
   * usage filter is given. The managed-policy entity filters match no group, user or role.
   */
  public List<PolicyEntity> listEntitiesForPolicy(Caller caller, String policyArn, Filter filter) {
    String entityFilter = filter.entityFilter();
    if (entityFilter != null && !ENTITY_FILTERS.contains(entityFilter)) {
      throw IamErrors.constraint(
          "entityFilter", entityFilter, "Member must satisfy enum value set: " + ENTITY_FILTERS);
    }
    String usage = filter.usageFilter();
    if (usage != null && !USAGE_FILTERS.contains(usage)) {
      throw IamErrors.constraint(
          "policyUsageFilter", usage, "Member must satisfy enum value set: " + USAGE_FILTERS);
    }
    String prefix = IamNames.pathPrefix(filter.pathPrefix());
    ManagedPolicy policy = entities.policy(caller, policyArn);
    entities.require(caller, "iam:ListEntitiesForPolicy", policy.arn());
    AccountId account = accountOf(caller);
    boolean attached = usage == null || usage.equals("PermissionsPolicy");
    boolean bounds = usage == null || usage.equals("PermissionsBoundary");
    List<PolicyEntity> found = new ArrayList<>();
    if (wanted(entityFilter, EntityKind.GROUP) && attached) {
      Set<String> keys = entityPolicies.attachedTo(account, EntityKind.GROUP, policy.arn());
      for (Group group : groups.list(account, prefix)) {
        if (keys.contains(key(group.name()))) {
          found.add(new PolicyEntity(EntityKind.GROUP, group.name(), group.groupId()));
        }
      }
    }
    if (wanted(entityFilter, EntityKind.USER)) {
      Set<String> keys =
          attached ? entityPolicies.attachedTo(account, EntityKind.USER, policy.arn()) : Set.of();
      for (User user : users.list(account, prefix)) {
        if (keys.contains(key(user.name()))
            || (bounds && policy.arn().equals(user.permissionsBoundary()))) {
          found.add(new PolicyEntity(EntityKind.USER, user.name(), user.userId()));
        }
      }
    }
    if (wanted(entityFilter, EntityKind.ROLE)) {
      Set<String> keys =
          attached ? entityPolicies.attachedTo(account, EntityKind.ROLE, policy.arn()) : Set.of();
      for (Role role : roles.list(account, prefix)) {
        if (keys.contains(key(role.name()))
            || (bounds && policy.arn().equals(role.permissionsBoundary()))) {
          found.add(new PolicyEntity(EntityKind.ROLE, role.name(), role.roleId()));
        }
      }
    }
    return found;
  }

  private static boolean wanted(@Nullable String entityFilter, EntityKind kind) {
    return entityFilter == null || entityFilter.equals(kind.noun());
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
