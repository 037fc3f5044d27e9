package ferry.authz;

import ferry.aws.Principal;

/**
 * Where the authorizer finds a principal's identity-based policies: IAM implements it for users and
 * roles (a role session gets its role's policies).
 */
@FunctionalInterface
public interface IdentityPolicySource {
  PrincipalPolicies policiesOf(Principal principal);
}
