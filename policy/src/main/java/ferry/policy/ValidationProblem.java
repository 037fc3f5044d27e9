package ferry.policy;

import org.jspecify.annotations.Nullable;

/**
 * One defect of a policy document.
 *
 * @param message the message AWS gives for the defect, e.g. {@code Syntax errors in policy.}
 * @param statement the index (from 0) of the statement at fault, or null for the document
 * @param sid the statement's Sid, when it has one
 * @param field the element at fault, e.g. {@code Effect} or {@code Condition.StringLike}
 * @param detail plain words saying what is wrong and where
 * @param tooLarge whether the defect is the document's size, which IAM reports as LimitExceeded
 */
public record ValidationProblem(
    String message,
    @Nullable Integer statement,
    @Nullable String sid,
    String field,
    String detail,
    boolean tooLarge) {

  /** Where the problem is, e.g. {@code Statement[2] (Sid "AllowRead"), Effect}. */
  public String location() {
    if (statement == null) {
      return field;
    }
    String where = "Statement[" + statement + "]";
    if (sid != null && !sid.isEmpty()) {
      where += " (Sid \"" + sid + "\")";
    }
    return field.isEmpty() ? where : where + ", " + field;
  }

  @Override
  public String toString() {
    String where = location();
    return where.isEmpty() ? message + " " + detail : message + " " + where + ": " + detail;
  }
}
