package ferry.policy;

import java.util.List;

/**
 * A policy document that is not valid for its kind. The service maps it to its own error code (IAM
 * {@code MalformedPolicyDocument}, S3 {@code MalformedPolicy}, KMS {@code
 * MalformedPolicyDocumentException}; {@code LimitExceeded} when {@link #tooLarge()}).
 */
public final class PolicyValidationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<ValidationProblem> problems;

  public PolicyValidationException(List<ValidationProblem> problems) {
    super(problems.isEmpty() ? "Syntax errors in policy." : problems.get(0).toString());
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in the order IAM checks them; never empty. */
  public List<ValidationProblem> problems() {
    return problems;
  }

  /** The message AWS gives for the first problem, e.g. {@code Syntax errors in policy.} */
  public String awsMessage() {
    return problems.isEmpty() ? "Syntax errors in policy." : problems.get(0).message();
  }

  /** Whether the document exceeds the size limit of its kind. */
  public boolean tooLarge() {
    return !problems.isEmpty() && problems.get(0).tooLarge();
  }
}
