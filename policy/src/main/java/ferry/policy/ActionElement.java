package ferry.policy;

import ferry.policy.condition.Wildcard;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A compiled {@code Action} or {@code NotAction} element: case-insensitive, {@code *} and {@code ?}
 * in the action name.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html">Action</a>
 */
public final class ActionElement {
  private final boolean not;
  private final boolean all;
  private final Set<String> exact;
  private final String[] patterns;
  private final List<String> values;

  ActionElement(boolean not, List<String> values) {
    this.not = not;
    this.values = List.copyOf(values);
    boolean everything = false;
    Set<String> literal = new HashSet<>();
    List<String> wild = new ArrayList<>();
    for (String value : values) {
      String lower = value.toLowerCase(Locale.ROOT);
      if (lower.equals("*")) {
        everything = true;
      } else if (lower.indexOf('*') >= 0 || lower.indexOf('?') >= 0) {
        wild.add(Wildcard.compile(lower));
      } else {
        literal.add(lower);
      }
    }
    this.all = everything;
    this.exact = Set.copyOf(literal);
    this.patterns = wild.toArray(String[]::new);
  }

  /** Whether this is a {@code NotAction} element. */
  public boolean not() {
    return not;
  }

  public List<String> values() {
    return values;
  }

  /** Whether the element applies to an action given in lower case. */
  public boolean applies(String lowerAction) {
    return not != listed(lowerAction);
  }

  private boolean listed(String lowerAction) {
    if (all || exact.contains(lowerAction)) {
      return true;
    }
    for (String pattern : patterns) {
      // Both sides are lower case already.
      if (Wildcard.matches(pattern, lowerAction, false)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return (not ? "NotAction " : "Action ") + values;
  }
}
