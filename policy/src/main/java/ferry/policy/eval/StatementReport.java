package ferry.policy.eval;

import ferry.policy.Effect;
import ferry.policy.Statement;
import ferry.policy.condition.Condition;
import org.jspecify.annotations.Nullable;

/**
 * How one statement fared against the request.
 *
 * @param principal how the statement's Principal names the request's principal ({@link
 *     PrincipalMatch#DIRECT} for identity-side statements, which name none)
 * @param actionMatched whether Action (or NotAction) applies to the action
 * @param resourceMatched whether Resource (or NotResource) applies to the resource
 * @param failedCondition the first condition that does not hold, or null when all hold
 */
public record StatementReport(
    Statement statement,
    PrincipalMatch principal,
    boolean actionMatched,
    boolean resourceMatched,
    @Nullable Condition failedCondition) {

  /** Whether every element of the statement applies to the request. */
  public boolean matched() {
    return principal != PrincipalMatch.NONE
        && actionMatched
        && resourceMatched
        && failedCondition == null;
  }

  public Effect effect() {
    return statement.effect();
  }

  /** Plain words: {@code matched}, or which elements did not match and why. */
  public String describe(AuthorizationContext context) {
    if (matched()) {
      return principal == PrincipalMatch.ACCOUNT
          ? "matched (names the account: delegates to its IAM policies)"
          : principal == PrincipalMatch.ROLE ? "matched (names the session's role)" : "matched";
    }
    StringBuilder why = new StringBuilder("not matched:");
    if (principal == PrincipalMatch.NONE) {
      why.append(" principal ")
          .append(context.principal().arn())
          .append(
              statement.notPrincipal() ? " is excluded by NotPrincipal " : " is not in Principal ")
          .append(statement.principal());
      why.append(';');
    }
    if (!actionMatched) {
      why.append(" action ")
          .append(context.action())
          .append(statement.action().not() ? " is excluded by NotAction " : " is not in Action ")
          .append(statement.action().values())
          .append(';');
    }
    if (!resourceMatched) {
      why.append(" resource ").append(context.resource());
      if (statement.resource() == null) {
        why.append(" is not covered: the statement has no Resource;");
      } else {
        why.append(
                statement.resource().not()
                    ? " is excluded by NotResource "
                    : " is not in Resource ")
            .append(statement.resource().values())
            .append(';');
      }
    }
    if (failedCondition != null) {
      why.append(" condition ")
          .append(failedCondition.operator())
          .append(" on ")
          .append(failedCondition.key())
          .append(' ')
          .append(failedCondition.values())
          .append(" is false (request has ")
          .append(
              context.values(failedCondition.lowerKey()) == null
                  ? "no " + failedCondition.key()
                  : failedCondition.key() + "=" + context.values(failedCondition.lowerKey()))
          .append(");");
    }
    why.setLength(why.length() - 1);
    return why.toString();
  }
}
