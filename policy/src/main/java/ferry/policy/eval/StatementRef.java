package ferry.policy.eval;

import ferry.policy.Statement;

/** A statement of a named policy, as decisions and explanations point at it. */
public record StatementRef(NamedPolicy policy, Statement statement) {
  /** E.g. {@code statement 3 (Sid "AllowUse") of key policy of arn:aws:kms:…}. */
  public String label() {
    return statement.label() + " of " + policy.name();
  }

  @Override
  public String toString() {
    return label();
  }
}
