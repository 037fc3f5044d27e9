package ferry.policy.eval;

/**
 * How a resource-based policy combines with the caller's identity-based policies.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html">Cross-account
 *     policy evaluation</a>
 */
public enum ResourcePolicyMode {
  /**
   * S3 bucket policies and most resource policies: in one account either the identity-based or the
   * resource-based policy may allow; across accounts both must.
   */
  STANDARD,
  /**
   * KMS key policies: the key policy must allow; a statement naming an account delegates to that
   * account's IAM policies.
   */
  KEY_POLICY,
  /**
   * Role trust policies for {@code sts:AssumeRole}: the trust policy must allow; a statement naming
   * an account delegates to that account's IAM policies.
   */
  TRUST_POLICY
}
