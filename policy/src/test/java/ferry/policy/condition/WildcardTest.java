package ferry.policy.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The wildcard algorithm of spec §1.6. */
class WildcardTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        arguments("B/*/test/*", "B//test/object.jpg", true),
        arguments("B/*/test/*", "B/1/test/", true),
        arguments("B/*/test/*", "B/test/object.jpg", false),
        arguments("*", "", true),
        arguments("a*", "a", true),
        arguments("a?c", "abc", true),
        arguments("a?c", "ac", false),
        arguments("*a*b*c*", "xxaxxbxxcxx", true),
        arguments("*a*b*c*", "xxaxxcxxbxx", false),
        arguments("s3:get*", "s3:getobject", true),
        arguments("a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false),
        arguments("abc", "abcd", false),
        arguments("*.zip", "sample-website.zip", true));
  }

  @ParameterizedTest(name = "{0} against {1} is {2}")
  @MethodSource("cases")
  void matches(String pattern, String text, boolean expected) {
    assertThat(Wildcard.matches(Wildcard.compile(pattern), text, false)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "ignoring case, S3:GET* matches {0}")
  @MethodSource("actions")
  void matchesIgnoringCase(String action) {
    assertThat(Wildcard.matches(Wildcard.lower(Wildcard.compile("S3:GET*")), action, true))
        .isTrue();
  }

  static Stream<String> actions() {
    return Stream.of("s3:GetObject", "S3:GETOBJECT", "s3:getbucketversioning");
  }
}
