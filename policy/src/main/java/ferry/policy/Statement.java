package ferry.policy;

import ferry.policy.condition.Condition;
import ferry.policy.condition.ConditionContext;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One compiled statement of a policy.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_statement.html">Statement</a>
 */
public final class Statement {
  private final int index;
  private final @Nullable String sid;
  private final Effect effect;
  private final @Nullable PrincipalElement principal;
  private final boolean notPrincipal;
  private final ActionElement action;
  private final @Nullable ResourceElement resource;
  private final Condition[] conditions;
  private final List<Condition> conditionList;

  Statement(
      int index,
      @Nullable String sid,
      Effect effect,
      @Nullable PrincipalElement principal,
      boolean notPrincipal,
      ActionElement action,
      @Nullable ResourceElement resource,
      List<Condition> conditions) {
    this.index = index;
    this.sid = sid;
    this.effect = effect;
    this.principal = principal;
    this.notPrincipal = notPrincipal;
    this.action = action;
    this.resource = resource;
    this.conditionList = List.copyOf(conditions);
    this.conditions = conditions.toArray(Condition[]::new);
  }

  /** The position of the statement in its policy, from 0. */
  public int index() {
    return index;
  }

  public @Nullable String sid() {
    return sid;
  }

  public Effect effect() {
    return effect;
  }

  /** The {@code Principal} or {@code NotPrincipal} element, or null in identity-side policies. */
  public @Nullable PrincipalElement principal() {
    return principal;
  }

  public boolean notPrincipal() {
    return notPrincipal;
  }

  public ActionElement action() {
    return action;
  }

  /**
   * The {@code Resource} or {@code NotResource} element; null where the kind allows leaving it out
   * (a trust policy: any resource; a key policy: none).
   */
  public @Nullable ResourceElement resource() {
    return resource;
  }

  public List<Condition> conditions() {
    return conditionList;
  }

  /** Whether the statement applies to an action given in lower case. */
  public boolean appliesToAction(String lowerAction) {
    return action.applies(lowerAction);
  }

  /**
   * Whether the statement applies to a resource; a statement without a resource element applies to
   * any resource when {@code missingMeansAny}.
   */
  public boolean appliesToResource(
      String resourceArn, ConditionContext context, boolean missingMeansAny) {
    return resource == null ? missingMeansAny : resource.applies(resourceArn, context);
  }

  /** The first condition the request does not satisfy, or null when all hold. */
  public @Nullable Condition failedCondition(ConditionContext context) {
    for (Condition condition : conditions) {
      if (!condition.test(context)) {
        return condition;
      }
    }
    return null;
  }

  /** A short name: {@code statement 2 (Sid "AllowRead")}. */
  public String label() {
    return sid == null || sid.isEmpty()
        ? "statement " + (index + 1)
        : "statement " + (index + 1) + " (Sid \"" + sid + "\")";
  }

  @Override
  public String toString() {
    return label();
  }
}
