package ferry.authz;

import ferry.aws.Caller;

/**
 * Hears every authorization decision as it is made, on the thread of the call it belongs to: the
 * audit trail records calls from here, so an in-process caller (the pipeline engine) is recorded as
 * surely as an HTTP client.
 */
@FunctionalInterface
public interface DecisionListener {
  void decided(Caller caller, AccessRequest request, Verdict verdict);
}
