package ferry.policy.condition;

import java.util.Locale;

/**
 * AWS's wildcard matching: {@code *} matches any run of characters, {@code ?} exactly one, anchored
 * at both ends.
 *
 * <p>Compiled patterns carry the wildcards as the private-use characters {@link #ANY} and {@link
 * #ONE}, so that a literal {@code *} produced by {@code ${*}} or by a policy variable's value is
 * never a wildcard. Policy documents cannot contain these characters (they allow only U+0020 to
 * U+00FF).
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html">Resource
 *     wildcards</a>
 */
public final class Wildcard {
  /** Stands for {@code *} in a compiled pattern. */
  public static final char ANY = '\uE000';

  /** Stands for {@code ?} in a compiled pattern. */
  public static final char ONE = '\uE001';

  private Wildcard() {}

  /** Compiles a pattern as written in a policy: every {@code *} and {@code ?} is a wildcard. */
  public static String compile(String raw) {
    return raw.replace('*', ANY).replace('?', ONE);
  }

  /** Whether a compiled pattern has any wildcard. */
  public static boolean hasWildcard(String compiled) {
    return compiled.indexOf(ANY) >= 0 || compiled.indexOf(ONE) >= 0;
  }

  /** Turns a compiled pattern back into the policy's spelling. */
  public static String display(String compiled) {
    return compiled.replace(ANY, '*').replace(ONE, '?');
  }

  /** Lower-cases the literal characters of a compiled pattern. */
  public static String lower(String compiled) {
    return compiled.toLowerCase(Locale.ROOT);
  }

  /** Whether {@code text} matches the compiled {@code pattern}, ignoring case if asked. */
  public static boolean matches(String pattern, String text, boolean ignoreCase) {
    return matches(pattern, 0, pattern.length(), text, 0, text.length(), ignoreCase);
  }

  /** Matches a region of the pattern against a region of the text; greedy, linear backtracking. */
  public static boolean matches(
      String pattern, int pStart, int pEnd, String text, int tStart, int tEnd, boolean ignoreCase) {
    int p = pStart;
    int t = tStart;
    int starP = -1;
    int starT = -1;
    while (t < tEnd) {
      if (p < pEnd) {
        char pc = pattern.charAt(p);
        if (pc == ANY) {
          starP = ++p;
          starT = t;
          continue;
        }
        if (pc == ONE || same(pc, text.charAt(t), ignoreCase)) {
          p++;
          t++;
          continue;
        }
      }
      if (starP < 0) {
        return false;
      }
      p = starP;
      t = ++starT;
    }
    while (p < pEnd && pattern.charAt(p) == ANY) {
      p++;
    }
    return p == pEnd;
  }

  private static boolean same(char pc, char tc, boolean ignoreCase) {
    if (pc == tc) {
      return true;
    }
    return ignoreCase && Character.toLowerCase(pc) == Character.toLowerCase(tc);
  }
}
