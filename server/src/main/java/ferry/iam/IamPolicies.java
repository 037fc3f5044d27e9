package ferry.iam;

import ferry.authz.IdentityPolicySource;
import ferry.authz.PrincipalPolicies;
import ferry.authz.PrincipalPolicies.NamedPolicy;
import ferry.aws.AccountId;
import ferry.aws.Principal;
import ferry.iam.store.EntityPolicyRepository;
import ferry.iam.store.PolicyRepository;
import ferry.iam.store.RoleRepository;
import ferry.iam.store.UserRepository;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The identity-based policies of IAM users and of role sessions (their role's), each named as
 * explanations name it: a managed policy by its ARN, an inline policy as {@code inline policy P of
 * role R}. The account root user and AWS services have none.
 */
public final class IamPolicies implements IdentityPolicySource {
  private final UserRepository users;
  private final RoleRepository roles;
  private final PolicyRepository policies;
  private final EntityPolicyRepository entityPolicies;

  public IamPolicies(
      UserRepository users,
      RoleRepository roles,
      PolicyRepository policies,
      EntityPolicyRepository entityPolicies) {
    this.users = users;
    this.roles = roles;
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
    NamedPolicy boundary = null;
    if (boundaryArn != null) {
      String document = policies.defaultDocument(boundaryArn).orElse(null);
      if (document != null) {
        boundary = new NamedPolicy(boundaryArn, document);
      }
    }
    return new PrincipalPolicies(identity, boundary);
  }

  static String inlineName(EntityKind kind, String entity, String policy) {
    return "inline policy " + policy + " of " + kind.word() + " " + entity;
  }
}
