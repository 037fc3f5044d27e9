package ferry.authz;

import ferry.aws.Caller;
import ferry.policy.PolicyKind;
import ferry.policy.PolicyParser;
import ferry.policy.eval.AuthorizationContext;
import ferry.policy.eval.Decision;
import ferry.policy.eval.PolicyEvaluator;
import ferry.policy.eval.PolicySet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decides every request of every service: gathers the caller's identity policies, boundary and
 * session policies and the resource's own policy, asks the policy engine, and logs the decision
 * under an id that the error names.
 */
public final class Authorizer {
  private final IdentityPolicySource identities;
  private final PolicyParser parser;
  private final PolicyEvaluator evaluator = new PolicyEvaluator();
  private final DecisionLog log;
  private final Clock clock;
  private final DecisionListener listener;

  public Authorizer(
      IdentityPolicySource identities, PolicyParser parser, DecisionLog log, Clock clock) {
    this(identities, parser, log, clock, (caller, request, verdict) -> {});
  }

  /** An authorizer that tells {@code listener} of every decision, as the audit trail needs. */
  public Authorizer(
      IdentityPolicySource identities,
      PolicyParser parser,
      DecisionLog log,
      Clock clock,
      DecisionListener listener) {
    this.identities = identities;
    this.parser = parser;
    this.log = log;
    this.clock = clock;
    this.listener = listener;
  }

  public Verdict authorize(Caller caller, AccessRequest request) {
    Decision decision = decide(caller, request);
    String id = log.nextId();
    // AWS's own sentence first, so clients and tests that match it keep working; then the grant
    // that would allow the request, which AWS does not say.
    String message =
        decision.isAllowed()
            ? "Allowed " + request.action() + " on " + request.resource()
            : decision.accessDeniedMessage()
                + ". Missing grant: "
                + decision.missingGrant()
                + " (ferry explain "
                + id
                + ")";
    log.record(
        new DecisionLog.Entry(
            id,
            clock.instant(),
            caller.arn(),
            request.action(),
            request.resource(),
            decision.isAllowed(),
            message,
            decision));
    var verdict = new Verdict(id, decision.isAllowed(), message);
    listener.decided(caller, request, verdict);
    return verdict;
  }

  /**
   * Tells the listener that the call {@code request} was decided for has answered (see {@link
   * DecisionListener#answered}); {@code responseElements} null when it failed after the decision.
   */
  public void answered(
      Caller caller, AccessRequest request, @Nullable Map<String, Object> responseElements) {
    listener.answered(caller, request, responseElements);
  }

  /**
   * The engine's decision, without logging: for simulations such as IAM's SimulatePrincipalPolicy.
   */
  public Decision decide(Caller caller, AccessRequest request) {
    return evaluator.evaluate(context(caller, request), policies(caller, request));
  }

  private static AuthorizationContext context(Caller caller, AccessRequest request) {
    AuthorizationContext.Builder context =
        AuthorizationContext.forCaller(caller, request.action(), request.resource())
            .resourceAccount(request.resourceAccount().value());
    request
        .context()
        .forEach((key, values) -> {
          if (values.size() == 1) {
            context.key(key, values.getFirst());
          } else {
            context.multivaluedKey(key, values);
          }
        });
    return context.build();
  }

  private PolicySet policies(Caller caller, AccessRequest request) {
    PolicySet.Builder set = PolicySet.builder();
    PrincipalPolicies own = identities.policiesOf(caller.principal());
    for (PrincipalPolicies.NamedPolicy policy : own.identityPolicies()) {
      set.identity(policy.name(), parser.parse(policy.document(), PolicyKind.IDENTITY));
    }
    PrincipalPolicies.NamedPolicy boundary = own.permissionsBoundary();
    if (boundary != null) {
      set.permissionsBoundary(
          boundary.name(), parser.parse(boundary.document(), PolicyKind.PERMISSIONS_BOUNDARY));
    }
    List<String> sessionPolicies = caller.sessionPolicies();
    for (int i = 0; i < sessionPolicies.size(); i++) {
      set.session(
          "session policy " + (i + 1), parser.parse(sessionPolicies.get(i), PolicyKind.SESSION));
    }
    ResourcePolicy resource = request.resourcePolicy();
    if (resource != null) {
      set.resource(resource.name(), parser.parse(resource.document(), kindOf(resource.kind())));
    }
    return set.build();
  }

  private static PolicyKind kindOf(ResourcePolicy.Kind kind) {
    return switch (kind) {
      case BUCKET_POLICY -> PolicyKind.BUCKET;
      case KEY_POLICY -> PolicyKind.KEY;
      case TRUST_POLICY -> PolicyKind.TRUST;
    };
  }
}
