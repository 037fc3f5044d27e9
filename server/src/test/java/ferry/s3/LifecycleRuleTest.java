package ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LifecycleRuleTest {

  static Stream<Arguments> expiries() {
    return Stream.of(
        Arguments.of(
            "the AWS example: 15 January 10:30 plus 3 days is 19 January at midnight",
            "2014-01-15T10:30:00Z",
            3,
            "2014-01-19T00:00:00Z"),
        Arguments.of(
            "one second before midnight plus 1 day is the midnight after the next",
            "2026-03-01T23:59:59Z",
            1,
            "2026-03-03T00:00:00Z"),
        Arguments.of(
            "just after midnight plus 1 day rounds up to the next midnight",
            "2026-03-01T00:00:01Z",
            1,
            "2026-03-03T00:00:00Z"),
        Arguments.of(
            "across a month end and a leap day", "2028-02-28T12:00:00Z", 2, "2028-03-02T00:00:00Z"),
        Arguments.of("a year of days", "2026-01-01T08:00:00Z", 365, "2027-01-02T00:00:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expiries")
  void afterDays_roundsUpToTheNextMidnightUtc(
      String name, String start, int days, String expected) {
    assertThat(LifecycleRule.afterDays(Instant.parse(start), days))
        .isEqualTo(Instant.parse(expected));
  }

  @Test
  void aDateRule_expiresOnItsDate_whateverTheCreationTime() {
    LifecycleRule rule = rule(null, "2027-01-01T00:00:00Z");
    assertThat(rule.currentExpiry(Instant.parse("2020-05-05T05:05:05Z")))
        .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
  }

  @Test
  void noncurrentAndAbort_countFromWhenTheyStarted() {
    LifecycleRule rule = new LifecycleRule("r", true, everything(), null, null, null, 30, null, 7);
    assertThat(rule.noncurrentExpiry(Instant.parse("2026-01-01T12:00:00Z")))
        .isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    assertThat(rule.abortAt(Instant.parse("2026-01-01T12:00:00Z")))
        .isEqualTo(Instant.parse("2026-01-09T00:00:00Z"));
    assertThat(rule.currentExpiry(Instant.parse("2026-01-01T12:00:00Z"))).isNull();
  }

  static Stream<Arguments> filters() {
    LifecycleFilter logs =
        new LifecycleFilter(LifecycleFilter.Form.FILTER, "logs/", Map.of(), null, null);
    LifecycleFilter tagged =
        new LifecycleFilter(
            LifecycleFilter.Form.AND, "tmp/", Map.of("class", "scratch"), null, null);
    LifecycleFilter sized =
        new LifecycleFilter(LifecycleFilter.Form.AND, null, Map.of(), 100L, 1000L);
    return Stream.of(
        Arguments.of("a key under the prefix matches", logs, "logs/a", 5L, Map.of(), true),
        Arguments.of("a key beside the prefix does not", logs, "log/a", 5L, Map.of(), false),
        Arguments.of(
            "prefix and tag both hold",
            tagged,
            "tmp/x",
            5L,
            Map.of("class", "scratch", "other", "1"),
            true),
        Arguments.of(
            "the tag's value differs", tagged, "tmp/x", 5L, Map.of("class", "keep"), false),
        Arguments.of("the tag is missing", tagged, "tmp/x", 5L, Map.of(), false),
        Arguments.of("a size between the bounds", sized, "k", 500L, Map.of(), true),
        Arguments.of("the lower bound itself is excluded", sized, "k", 100L, Map.of(), false),
        Arguments.of("the upper bound itself is excluded", sized, "k", 1000L, Map.of(), false),
        Arguments.of("an empty filter matches all", everything(), "any", 0L, Map.of(), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filters")
  void filterMatches(
      String name,
      LifecycleFilter filter,
      String key,
      long size,
      Map<String, String> tags,
      boolean expected) {
    assertThat(filter.matches(key, size, tags)).isEqualTo(expected);
  }

  static LifecycleFilter everything() {
    return new LifecycleFilter(LifecycleFilter.Form.FILTER, null, Map.of(), null, null);
  }

  private static LifecycleRule rule(Integer days, String date) {
    return new LifecycleRule("r", true, everything(), days, date, null, null, null, null);
  }
}
