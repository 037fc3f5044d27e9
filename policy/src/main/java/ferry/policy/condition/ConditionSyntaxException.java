package ferry.policy.condition;

/** A condition the parser cannot compile; the parser turns it into a validation problem. */
public final class ConditionSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean legacyParsing;

  public ConditionSyntaxException(String message) {
    this(message, false);
  }

  /**
   * @param legacyParsing whether IAM reports this defect as "The policy failed legacy parsing"
   *     rather than "Syntax errors in policy."
   */
  public ConditionSyntaxException(String message, boolean legacyParsing) {
    super(message);
    this.legacyParsing = legacyParsing;
  }

  public boolean legacyParsing() {
    return legacyParsing;
  }
}
