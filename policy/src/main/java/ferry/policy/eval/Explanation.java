package ferry.policy.eval;

import ferry.policy.Effect;
import ferry.policy.Statement;
import ferry.policy.condition.Condition;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Why a decision came out as it did: every policy considered and, for each statement, whether it
 * matched the request and, if not, which of principal, action, resource or condition did not.
 */
public final class Explanation {
  private final Decision decision;
  private final List<PolicyReport> policies;
  private @Nullable String rendered;

  private Explanation(Decision decision, List<PolicyReport> policies) {
    this.decision = decision;
    this.policies = List.copyOf(policies);
  }

  static Explanation of(Decision decision) {
    PolicySet set = decision.policies();
    List<PolicyReport> reports = new ArrayList<>();
    for (NamedPolicy p : set.identityPolicies()) {
      reports.add(report(decision, p, PolicyType.IDENTITY_BASED, set.mode()));
    }
    if (set.permissionsBoundary() != null) {
      reports.add(
          report(decision, set.permissionsBoundary(), PolicyType.PERMISSIONS_BOUNDARY, set.mode()));
    }
    for (NamedPolicy p : set.sessionPolicies()) {
      reports.add(report(decision, p, PolicyType.SESSION, set.mode()));
    }
    if (set.resourcePolicy() != null) {
      reports.add(
          report(
              decision,
              set.resourcePolicy(),
              set.mode() == ResourcePolicyMode.TRUST_POLICY
                  ? PolicyType.ROLE_TRUST
                  : PolicyType.RESOURCE_BASED,
              set.mode()));
    }
    return new Explanation(decision, reports);
  }

  private static PolicyReport report(
      Decision decision, NamedPolicy policy, PolicyType type, ResourcePolicyMode mode) {
    AuthorizationContext context = decision.context();
    boolean resourceBased = type == PolicyType.RESOURCE_BASED || type == PolicyType.ROLE_TRUST;
    List<StatementReport> statements = new ArrayList<>();
    for (Statement s : policy.policy().statements()) {
      PrincipalMatch principal =
          resourceBased
              ? PolicyEvaluator.principalMatch(
                  s, context, decision.policies().permissionsBoundary() != null)
              : PrincipalMatch.DIRECT;
      boolean action = s.appliesToAction(context.lowerAction());
      boolean resource =
          s.appliesToResource(
              context.resource(),
              context,
              resourceBased && mode == ResourcePolicyMode.TRUST_POLICY);
      Condition failed = s.failedCondition(context);
      statements.add(new StatementReport(s, principal, action, resource, failed));
    }
    return new PolicyReport(policy, type, statements);
  }

  public Decision decision() {
    return decision;
  }

  /**
   * The statements that decided: the Deny of an explicit denial, the Allow statements of an allowed
   * request, none for an implicit denial.
   */
  public List<StatementRef> deciding() {
    StatementRef deny = decision.denyingStatement();
    return deny != null ? List.of(deny) : decision.allowingStatements();
  }

  /** The policies considered, identity-based first, the resource-based policy last. */
  public List<PolicyReport> policies() {
    return policies;
  }

  /** Words for a statement's conditions, e.g. {@code when StringNotEquals s3:x (…)}. */
  static String conditionWords(Statement s) {
    if (s.conditions().isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (Condition c : s.conditions()) {
      parts.add(c.operator() + " " + c.key() + " " + c.values());
    }
    return " (its conditions hold: " + String.join(" and ", parts) + ")";
  }

  /** A multi-line account of the decision in plain words, as {@code ferry explain} prints it. */
  public String render() {
    String text = rendered;
    if (text == null) {
      text = renderText();
      rendered = text;
    }
    return text;
  }

  private String renderText() {
    AuthorizationContext c = decision.context();
    StringBuilder out = new StringBuilder(2048);
    out.append("Request: ")
        .append(c.principal().arn())
        .append(" (")
        .append(c.principal().type().principalType())
        .append(c.principal().account() == null ? "" : ", account " + c.principal().account())
        .append(") ")
        .append(c.action())
        .append(" on ")
        .append(c.resource());
    if (c.resourceAccount() != null) {
      out.append(" (account ").append(c.resourceAccount()).append(')');
    }
    out.append('\n');
    out.append("Evaluation: ")
        .append(c.sameAccount() ? "same account" : "cross-account (both accounts must allow)")
        .append(", ")
        .append(
            switch (decision.policies().mode()) {
              case STANDARD -> "identity-based or resource-based policy may allow";
              case KEY_POLICY ->
                  "the key policy must allow (an account principal delegates to IAM)";
              case TRUST_POLICY ->
                  "the trust policy must allow (an account principal delegates to IAM)";
            })
        .append('\n');
    out.append("Decision: ").append(decision.outcome()).append('\n');
    if (!decision.isAllowed()) {
      out.append("  ").append(decision.accessDeniedMessage()).append('\n');
      out.append("  Missing: ").append(decision.missingGrant()).append('\n');
    } else {
      for (StatementRef ref : decision.allowingStatements()) {
        out.append("  Allowed by ").append(ref.label()).append('\n');
      }
      if (decision.allowingStatements().isEmpty()) {
        out.append("  Allowed: the account's root user\n");
      }
    }
    if (policies.isEmpty()) {
      out.append("No policies were considered.\n");
    }
    for (PolicyReport p : policies) {
      out.append(p.type().words()).append(' ').append(p.policy().name()).append(":\n");
      if (p.type() == PolicyType.RESOURCE_BASED && !decision.policies().resourceAllowsApply()) {
        out.append(
            "  (its Allow statements do not apply to this resource; only its Deny statements do)\n");
      }
      for (StatementReport s : p.statements()) {
        out.append("  ")
            .append(s.statement().label())
            .append(' ')
            .append(s.effect() == Effect.ALLOW ? "Allow" : "Deny")
            .append(": ")
            .append(s.describe(c))
            .append('\n');
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
