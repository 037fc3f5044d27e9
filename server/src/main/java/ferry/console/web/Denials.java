package ferry.console.web;

import ferry.authz.DecisionLog;
import ferry.aws.AwsException;
import java.util.function.Supplier;

/**
 * Turns a service's access-denied error into a {@link Denial}, with the explanation of the decision
 * whose id the error carries, looked up in the decision log.
 */
public final class Denials {
  /** The header every service's access-denied error carries its decision's id in. */
  static final String DECISION_HEADER = "x-ferry-decision-id";

  private final DecisionLog log;

  public Denials(DecisionLog log) {
    this.log = log;
  }

  /**
   * Whether the error refuses authorization: AccessDenied (S3, IAM, STS) or AccessDeniedException
   * (the JSON services; KMS answers it with 400).
   */
  public static boolean isDenial(AwsException error) {
    return error.code().equals("AccessDenied") || error.code().equals("AccessDeniedException");
  }

  public Denial of(AwsException error) {
    String id = error.headers().get(DECISION_HEADER);
    String explanation =
        id == null ? null : log.find(id).map(DecisionLog.Entry::explanation).orElse(null);
    return new Denial(error.code(), error.getMessage(), id, explanation);
  }

  /**
   * The service's answer, or a denial when it refused the caller; other errors propagate to the
   * page's error handling.
   */
  public <T> Outcome<T> attempt(Supplier<T> call) {
    try {
      return new Outcome.Shown<>(call.get());
    } catch (AwsException error) {
      if (isDenial(error)) {
        return new Outcome.Denied<>(of(error));
      }
      throw error;
    }
  }

  /**
   * Like {@link #attempt(Supplier)}, with {@code whenAbsent} shown when the service answers that
   * the thing asked for does not exist (such as NoSuchBucketPolicy).
   */
  public <T> Outcome<T> attempt(Supplier<T> call, T whenAbsent, String... absentCodes) {
    try {
      return attempt(call);
    } catch (AwsException error) {
      if (java.util.List.of(absentCodes).contains(error.code())) {
        return new Outcome.Shown<>(whenAbsent);
      }
      throw error;
    }
  }
}
