package ferry.authz;

/**
 * A policy attached to the resource itself, with how it combines with identity policies.
 *
 * @param name how explanations name it, e.g. "bucket policy of codepipeline-us-east-1-0123456789"
 * @param document the policy JSON as stored
 */
public record ResourcePolicy(String name, String document, Kind kind) {

  /** How AWS combines the resource policy with the caller's identity policies. */
  public enum Kind {
    /** S3 bucket policies: same account, either may allow; across accounts, both must. */
    BUCKET_POLICY,
    /**
     * KMS key policies: the key policy must allow; a statement for the account delegates to IAM.
     */
    KEY_POLICY,
    /** Role trust policies, for AssumeRole. */
    TRUST_POLICY
  }
}
