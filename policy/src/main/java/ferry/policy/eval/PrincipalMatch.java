package ferry.policy.eval;

/**
 * How a resource-based policy statement names the request's principal; the evaluator treats each
 * differently (spec §2.3, §2.5, §4.3).
 */
public enum PrincipalMatch {
  /** The statement does not name the principal. */
  NONE,
  /** The statement names the principal's account: a delegation to that account's IAM policies. */
  ACCOUNT,
  /**
   * The statement names the role of a role session (or the user of a federated session): the grant
   * is still limited by the permissions boundary and session policies.
   */
  ROLE,
  /** The statement names the principal itself, a service, or everyone ({@code "*"}). */
  DIRECT
}
