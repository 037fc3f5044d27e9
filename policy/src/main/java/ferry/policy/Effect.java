package ferry.policy;

/** A statement's {@code Effect}. */
public enum Effect {
  ALLOW("Allow"),
  DENY("Deny");

  private final String word;

  Effect(String word) {
    this.word = word;
  }

  /** The word as written in policies. */
  public String word() {
    return word;
  }
}
