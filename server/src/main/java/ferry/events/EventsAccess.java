package ferry.events;

import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.Verdict;
import ferry.aws.AccountId;
import ferry.aws.Caller;

/** Asks the authorizer before an EventBridge operation acts; a denial is AccessDeniedException. */
record EventsAccess(Authorizer authorizer) {
  void require(Caller caller, String action, String resource, AccountId owner) {
    require(caller, AccessRequest.of(action, resource, owner));
  }

  void require(Caller caller, AccessRequest request) {
    Verdict verdict = authorizer.authorize(caller, request);
    if (!verdict.allowed()) {
      throw EventsErrors.accessDenied(verdict.message())
          .withHeader("x-ferry-decision-id", verdict.id());
    }
  }
}
