package ferry.iam;

/** The IAM identities that policies attach to: users and roles. */
public enum EntityKind {
  USER("user"),
  ROLE("role");

  private final String word;

  EntityKind(String word) {
    this.word = word;
  }

  /** The lower-case word AWS uses in ARNs and messages. */
  public String word() {
    return word;
  }
}
