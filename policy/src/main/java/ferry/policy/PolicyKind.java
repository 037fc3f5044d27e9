package ferry.policy;

/**
 * The kinds of policy document, which differ in the elements they accept and in their size limit
 * (characters other than whitespace).
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html">IAM
 *     quotas</a>
 */
public enum PolicyKind {
  /** An inline policy of a user, group or role; the aggregate limit per entity is IAM's check. */
  IDENTITY("identity-based policy", 10_240),
  /** A customer managed policy; must be Version 2012-10-17. */
  MANAGED("managed policy", 6_144),
  /** A managed policy used as a user's or role's permissions boundary. */
  PERMISSIONS_BOUNDARY("permissions boundary", 6_144),
  /** A session policy passed to AssumeRole ({@code Policy} or resolved {@code PolicyArns}). */
  SESSION("session policy", 2_048),
  /** A role's trust policy, the resource-based policy of {@code sts:AssumeRole}. */
  TRUST("role trust policy", 2_048),
  /** An S3 bucket policy. */
  BUCKET("bucket policy", 20_480),
  /** A KMS key policy; {@code "Resource": "*"} means this key. */
  KEY("key policy", 32_768);

  private final String description;
  private final int maxSize;

  PolicyKind(String description, int maxSize) {
    this.description = description;
    this.maxSize = maxSize;
  }

  /** Plain words for the kind, e.g. {@code bucket policy}. */
  public String description() {
    return description;
  }

  /** The most characters, whitespace not counted, a document of this kind may have. */
  public int maxSize() {
    return maxSize;
  }

  /** Whether this kind is attached to a resource and names principals. */
  public boolean isResourceBased() {
    return this == TRUST || this == BUCKET || this == KEY;
  }
}
