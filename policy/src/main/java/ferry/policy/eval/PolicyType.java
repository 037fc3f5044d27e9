package ferry.policy.eval;

/** The policy types an access-denied message names. */
public enum PolicyType {
  IDENTITY_BASED("identity-based policy", "an identity-based policy"),
  RESOURCE_BASED("resource-based policy", "a resource-based policy"),
  ROLE_TRUST("role trust policy", "the role trust policy"),
  PERMISSIONS_BOUNDARY("permissions boundary", "a permissions boundary"),
  SESSION("session policy", "a session policy");

  private final String words;
  private final String withArticle;

  PolicyType(String words, String withArticle) {
    this.words = words;
    this.withArticle = withArticle;
  }

  /** The words AWS uses, e.g. {@code identity-based policy}. */
  public String words() {
    return words;
  }

  /** The words with their article, e.g. {@code an identity-based policy}. */
  public String withArticle() {
    return withArticle;
  }
}
