package ferry.authz;

import ferry.aws.Caller;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Hears every authorization decision as it is made, on the thread of the call it belongs to: the
 * audit trail records calls from here, so an in-process caller (the pipeline engine) is recorded as
 * surely as an HTTP client.
 */
@FunctionalInterface
public interface DecisionListener {
  void decided(Caller caller, AccessRequest request, Verdict verdict);

  /**
   * The call an allowed decision was for has answered, with what CloudTrail logs of the answer
   * (never a secret), or null if it failed after the decision. Services tell this for calls whose
   * record carries responseElements when they are made inside Ferry, such as the pipeline engine's
   * AssumeRole, whose answer an HTTP binding does not see.
   */
  default void answered(
      Caller caller, AccessRequest request, @Nullable Map<String, Object> responseElements) {}
}
