package ferry.policy;

import ferry.policy.condition.ConditionContext;
import ferry.policy.condition.Template;
import ferry.policy.condition.Wildcard;
import java.util.List;

/**
 * A compiled {@code Resource} or {@code NotResource} element. ARNs are matched component by
 * component: partition, service, region and account ignoring case, the resource part
 * case-sensitively, {@code *} and {@code ?} within a component; policy variables only in the
 * resource part. A short ARN (fewer than six components) is padded with {@code *} in identity
 * policies and matches nothing in resource-based policies unless it has a wildcard.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html">Resource</a>
 */
public final class ResourceElement {
  private final boolean not;
  private final boolean all;
  private final Template[] templates;
  private final List<String> values;

  ResourceElement(boolean not, List<String> values, boolean variables, PolicyKind kind) {
    this.not = not;
    this.values = List.copyOf(values);
    boolean everything = false;
    this.templates = new Template[values.size()];
    for (int i = 0; i < templates.length; i++) {
      String value = values.get(i);
      if (value.equals("*")) {
        everything = true;
      }
      templates[i] = Template.compile(pad(value, kind), variables, true);
    }
    this.all = everything;
  }

  private static String pad(String value, PolicyKind kind) {
    if (value.equals("*") || !value.startsWith("arn:")) {
      return value;
    }
    int colons = 0;
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) == ':') {
        colons++;
      }
    }
    if (colons >= 5) {
      return value;
    }
    if (kind.isResourceBased() && value.indexOf('*') < 0) {
      // A short ARN without a wildcard names nothing in a resource-based policy; '\u0000' never
      // occurs in a request's resource, so the padded pattern matches nothing.
      return value + "\u0000";
    }
    return value + ":*".repeat(5 - colons);
  }

  /** Whether this is a {@code NotResource} element. */
  public boolean not() {
    return not;
  }

  public List<String> values() {
    return values;
  }

  /** Whether the element applies to a resource ARN (or {@code *}). */
  public boolean applies(String resource, ConditionContext context) {
    if (!not) {
      return listed(resource, context);
    }
    // A NotResource entry whose variable the request cannot fill proves nothing about the
    // resource, so the statement is not applied (as the oracle, iam-simulate, also decides).
    if (all) {
      return false;
    }
    for (Template template : templates) {
      String pattern = template.resolve(context);
      if (pattern == null || matches(pattern, resource)) {
        return false;
      }
    }
    return true;
  }

  private boolean listed(String resource, ConditionContext context) {
    if (all) {
      return true;
    }
    for (Template template : templates) {
      String pattern = template.resolve(context);
      if (pattern != null && matches(pattern, resource)) {
        return true;
      }
    }
    return false;
  }

  /** Matches one compiled resource pattern against a request resource. */
  static boolean matches(String pattern, String resource) {
    int p = 0;
    int t = 0;
    for (int component = 0; component < 5; component++) {
      int pc = pattern.indexOf(':', p);
      int tc = resource.indexOf(':', t);
      if (pc < 0 || tc < 0) {
        return pc < 0
            && tc < 0
            && Wildcard.matches(
                pattern, p, pattern.length(), resource, t, resource.length(), false);
      }
      if (!matchesIgnoringCase(pattern, p, pc, resource, t, tc)) {
        return false;
      }
      p = pc + 1;
      t = tc + 1;
    }
    return Wildcard.matches(pattern, p, pattern.length(), resource, t, resource.length(), false);
  }

  private static boolean matchesIgnoringCase(
      String pattern, int pStart, int pEnd, String text, int tStart, int tEnd) {
    return Wildcard.matches(pattern, pStart, pEnd, text, tStart, tEnd, true);
  }

  @Override
  public String toString() {
    return (not ? "NotResource " : "Resource ") + values;
  }
}
