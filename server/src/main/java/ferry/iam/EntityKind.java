package ferry.iam;

/** The IAM identities that policies attach to: users, roles and groups. */
public enum EntityKind {
  USER("user", "User", 2_048),
  ROLE("role", "Role", 10_240),
  GROUP("group", "Group", 5_120);

  private final String word;
  private final String noun;
  private final int maxInlineSize;

  EntityKind(String word, String noun, int maxInlineSize) {
    this.word = word;
    this.noun = noun;
    this.maxInlineSize = maxInlineSize;
  }

  /** The lower-case word AWS uses in ARNs and messages. */
  public String word() {
    return word;
  }

  /** The word in operation and action names: {@code AttachGroupPolicy}, {@code iam:GetRole…}. */
  public String noun() {
    return noun;
  }

  /**
   * The most characters (without white space) its inline policies may hold together.
   *
   * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html">IAM
   *     quotas</a>
   */
  int maxInlineSize() {
    return maxInlineSize;
  }
}
