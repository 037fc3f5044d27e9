package ferry.junit;

import ferry.http.DecisionClient;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Assertions on what Ferry refused. */
public final class FerryAssertions {
  /**
   * Which Ferry answered each failed call of the clients Ferry's extension built. A static
   * assertion has no other way to learn which of several running Ferrys to ask for the decision.
   */
  private static final Map<Throwable, LocalFerry> ANSWERED_BY =
      Collections.synchronizedMap(new WeakHashMap<>());

  private FerryAssertions() {}

  /**
   * Runs the call and asserts that Ferry denied it: it must fail with an AWS error that carries a
   * Ferry decision id. Returns the denial with the decision's explanation, read from the Ferry that
   * answered.
   */
  public static Denial assertDenied(Executable call) {
    AwsServiceException error = awsError(call);
    LocalFerry answered = ANSWERED_BY.get(error);
    if (answered != null) {
      return answered.denial(error);
    }
    String id = decisionId(error);
    for (LocalFerry running : LocalFerry.running()) {
      Optional<Denial> denial = running.find(error, id);
      if (denial.isPresent()) {
        return denial.get();
      }
    }
    throw new AssertionFailedError(
        "No running Ferry has decision " + id + " of the denial: " + error.getMessage());
  }

  static void answeredBy(Throwable error, LocalFerry answered) {
    ANSWERED_BY.put(error, answered);
  }

  static AwsServiceException awsError(Executable call) {
    try {
      call.execute();
    } catch (AwsServiceException e) {
      return e;
    } catch (Throwable other) {
      throw new AssertionFailedError(
          "Expected the call to be denied by Ferry, but it failed otherwise: " + other, other);
    }
    throw new AssertionFailedError("Expected the call to be denied by Ferry, but it succeeded");
  }

  /** The decision id the error carries, in {@code x-ferry-decision-id} or in its message. */
  static String decisionId(AwsServiceException error) {
    Optional<String> header =
        error.awsErrorDetails() == null
            ? Optional.empty()
            : error.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-ferry-decision-id");
    if (header.isPresent()) {
      return header.get();
    }
    Matcher id = DecisionClient.DECISION_ID.matcher(String.valueOf(error.getMessage()));
    if (id.find()) {
      return id.group();
    }
    throw new AssertionFailedError(
        "Expected a denial with a Ferry decision, but the call failed with " + error.getMessage(),
        error);
  }
}
