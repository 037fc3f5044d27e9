package ferry.policy.condition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The wildcard matcher agrees with a regular-expression reference on random patterns. */
class WildcardPropertyTest {
  private static final char[] ALPHABET = {'a', 'b', 'A', '/', ':', '*', '?'};

  private static String random(Random r, int max, boolean wildcards) {
    int n = r.nextInt(max + 1);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      char c = ALPHABET[r.nextInt(wildcards ? ALPHABET.length : ALPHABET.length - 2)];
      b.append(c);
    }
    return b.toString();
  }

  private static Pattern reference(String pattern, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(
        regex.toString(), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0));
  }

  @Test
  void agreesWithRegularExpressions_onTwentyThousandRandomCases() {
    Random r = new Random(20261128);
    for (int i = 0; i < 20_000; i++) {
      String pattern = random(r, 8, true);
      String text = random(r, 10, false);
      boolean ignoreCase = r.nextBoolean();
      boolean expected = reference(pattern, ignoreCase).matcher(text).matches();
      assertThat(Wildcard.matches(Wildcard.compile(pattern), text, ignoreCase))
          .as("%s against %s, ignoring case: %s", pattern, text, ignoreCase)
          .isEqualTo(expected);
    }
  }
}
