package ferry.accessanalyzer;

import ferry.authz.PrincipalPolicies.NamedPolicy;
import ferry.policy.Effect;
import ferry.policy.Policy;
import ferry.policy.PolicyKind;
import ferry.policy.PolicyParser;
import ferry.policy.Statement;
import ferry.policy.condition.ConditionContext;
import ferry.policy.condition.Wildcard;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Which statements and actions of a principal's identity policies no recorded allowed access used,
 * for {@code ferry policy unused}. A use counts for every Allow statement whose Action (or
 * NotAction) and Resource (or NotResource) cover it; Deny statements grant nothing and are left
 * out. Conditions are not evaluated again: the access was allowed, and the history does not keep
 * the request context a condition read, so a statement whose condition did not hold may be counted
 * as used.
 */
public final class UnusedAccess {
  /** One policy's statements, in document order. */
  public record PolicyUse(String policy, List<StatementUse> statements) {}

  /**
   * A statement, named {@code statement N (Sid "S")}, and each entry of its Action element (or its
   * whole NotAction element as one entry).
   */
  public record StatementUse(String statement, boolean used, List<ActionUse> actions) {}

  /**
   * An Action entry and the used actions it covers; a wildcard entry that covers some is used only
   * for those.
   */
  public record ActionUse(String action, boolean wildcard, List<String> usedActions) {
    public boolean used() {
      return !usedActions.isEmpty();
    }

    /** Whether everything the entry allows was used: an exact action that was. */
    public boolean fullyUsed() {
      return used() && !wildcard;
    }
  }

  private UnusedAccess() {}

  /**
   * The use of each policy's statements by these allowed accesses. {@code userName} fills {@code
   * ${aws:username}} in a Resource, as the authorizer does for a user's requests; null for a role.
   */
  public static List<PolicyUse> of(
      List<NamedPolicy> policies,
      List<PolicyGenerator.Use> uses,
      @Nullable String userName,
      PolicyParser parser) {
    ConditionContext context = context(userName);
    List<PolicyUse> result = new ArrayList<>();
    for (NamedPolicy named : policies) {
      Policy policy = parser.parse(named.document(), PolicyKind.IDENTITY);
      List<StatementUse> statements = new ArrayList<>();
      for (Statement statement : policy.statements()) {
        if (statement.effect() == Effect.ALLOW) {
          statements.add(statementUse(statement, uses, context));
        }
      }
      result.add(new PolicyUse(named.name(), statements));
    }
    return result;
  }

  private static StatementUse statementUse(
      Statement statement, List<PolicyGenerator.Use> uses, ConditionContext context) {
    SortedSet<String> covered = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (PolicyGenerator.Use use : uses) {
      if (statement.appliesToAction(use.action().toLowerCase(Locale.ROOT))
          && statement.appliesToResource(use.resource(), context, true)) {
        covered.add(use.action());
      }
    }
    List<ActionUse> actions = new ArrayList<>();
    if (statement.action().not()) {
      actions.add(
          new ActionUse(
              "NotAction " + String.join(", ", statement.action().values()),
              true,
              List.copyOf(covered)));
    } else {
      for (String value : statement.action().values()) {
        String pattern = Wildcard.compile(value.toLowerCase(Locale.ROOT));
        List<String> used =
            covered.stream()
                .filter(action -> Wildcard.matches(pattern, action.toLowerCase(Locale.ROOT), false))
                .toList();
        actions.add(new ActionUse(value, Wildcard.hasWildcard(pattern), used));
      }
    }
    return new StatementUse(statement.label(), !covered.isEmpty(), actions);
  }

  private static ConditionContext context(@Nullable String userName) {
    Map<String, List<String>> values =
        userName == null ? Map.of() : Map.of("aws:username", List.of(userName));
    return new ConditionContext() {
      @Override
      public @Nullable List<String> values(String lowerCaseKey) {
        return values.get(lowerCaseKey);
      }

      @Override
      public boolean isMultivalued(String lowerCaseKey) {
        return false;
      }
    };
  }
}
