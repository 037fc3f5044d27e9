package ferry.iam;

import ferry.authz.IdentityPolicySource;
import ferry.authz.PrincipalPolicies;
import ferry.authz.PrincipalPolicies.NamedPolicy;
import ferry.aws.AccountId;
import ferry.aws.Principal;
import ferry.iam.store.EntityPolicyRepository;
import ferry.iam.store.GroupRepository;
import ferry.iam.store.PolicyRepository;
import ferry.iam.store.RoleRepository;
import ferry.iam.store.UserRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The identity-based policies of IAM users (with those of their groups) and of role sessions (their
 * role's), each named as explanations name it: a managed policy by its ARN, one attached to a group
 * as {@code ARN via group G}, an inline policy as {@code inline policy P of role R}. The account
 * root user and AWS services have none.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html">IAM user
 *     groups</a>
 */
public final class IamPolicies implements IdentityPolicySource {
  private final UserRepository users;
  private final RoleRepository roles;
  private final GroupRepository groups;
  private final PolicyRepository policies;
  private final EntityPolicyRepository entityPolicies;

  public IamPolicies(
      UserRepository users,
      RoleRepository roles,
      GroupRepository groups,
      PolicyRepository policies,
      EntityPolicyRepository entityPolicies) {
    this.users = users;
    this.roles = roles;
    this.groups = groups;
    this.policies = policies;
    this.entityPolicies = entityPolicies;
  }

  @Override
  public PrincipalPolicies policiesOf(Principal principal) {
    return switch (principal) {
      case Principal.IamUser user -> {
        User stored = users.find(user.account(), user.name()).orElse(null);
        yield stored == null || !stored.userId().equals(user.id())
            ? PrincipalPolicies.none()
            : of(user.account(), EntityKind.USER, user.name(), stored.permissionsBoundary());
      }
      case Principal.AssumedRole session -> {
        Role role = roles.find(session.account(), session.roleName()).orElse(null);
        // A role deleted and made again under the same name is another role: its sessions end.
        yield role == null || !role.roleId().equals(session.roleId())
            ? PrincipalPolicies.none()
            : of(session.account(), EntityKind.ROLE, role.name(), role.permissionsBoundary());
      }
      case Principal.AccountRoot root -> PrincipalPolicies.none();
      case Principal.ServicePrincipal service -> PrincipalPolicies.none();
      case Principal.Anonymous anonymous -> PrincipalPolicies.none();
    };
  }

  /**
   * The identity policies of the user or role an ARN names (a role's are those of all its
   * sessions), for {@code ferry policy unused}; empty when there is no such user or role. The
   * account root user has none.
   */
  public Optional<List<NamedPolicy>> identityPoliciesOf(String principalArn) {
    String[] parts = principalArn.split(":", 6);
    if (parts.length < 6 || !AccountId.isValid(parts[4])) {
      return Optional.empty();
    }
    AccountId account = AccountId.of(parts[4]);
    String resource = parts[5];
    String name = resource.substring(resource.lastIndexOf('/') + 1);
    if (resource.equals("root")) {
      return Optional.of(List.of());
    } else if (resource.startsWith("user/")) {
      return users
          .find(account, name)
          .map(user -> of(account, EntityKind.USER, name, null).identityPolicies());
    } else if (resource.startsWith("role/")) {
      return roles
          .find(account, name)
          .map(role -> of(account, EntityKind.ROLE, name, null).identityPolicies());
    }
    return Optional.empty();
  }

  /** The policies of a user or role by name, as IAM's simulator evaluates them. */
  PrincipalPolicies of(
      AccountId account, EntityKind kind, String name, @Nullable String boundaryArn) {
    List<NamedPolicy> identity = new ArrayList<>();
    for (InlinePolicy attached : entityPolicies.attachedDocuments(account, kind, name)) {
      identity.add(new NamedPolicy(attached.name(), attached.document()));
    }
    for (InlinePolicy inline : entityPolicies.inline(account, kind, name)) {
      identity.add(new NamedPolicy(inlineName(kind, name, inline.name()), inline.document()));
    }
    if (kind == EntityKind.USER) {
      // A user has the permissions of every group it is in, as if they were its own.
      for (Group group : groups.groupsOf(account, name)) {
        for (InlinePolicy attached :
            entityPolicies.attachedDocuments(account, EntityKind.GROUP, group.name())) {
          identity.add(
              new NamedPolicy(viaGroup(attached.name(), group.name()), attached.document()));
        }
        for (InlinePolicy inline : entityPolicies.inline(account, EntityKind.GROUP, group.name())) {
          identity.add(
              new NamedPolicy(
                  inlineName(EntityKind.GROUP, group.name(), inline.name()), inline.document()));
        }
      }
    }
    NamedPolicy boundary = null;
    if (boundaryArn != null) {
      String document = policies.defaultDocument(boundaryArn).orElse(null);
      if (document != null) {
        boundary = new NamedPolicy(boundaryArn, document);
      }
    }
    return new PrincipalPolicies(identity, boundary);
  }

  /** A managed policy that a user has through a group: two groups may attach the same policy. */
  static String viaGroup(String policyArn, String group) {
    return policyArn + " via group " + group;
  }

  static String inlineName(EntityKind kind, String entity, String policy) {
    return "inline policy " + policy + " of " + kind.word() + " " + entity;
  }
}
