package ferry.policy.condition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * {@code DateEquals}, {@code DateNotEquals}, {@code DateLessThan}, {@code DateLessThanEquals},
 * {@code DateGreaterThan}, {@code DateGreaterThanEquals}: W3C ISO-8601 dates and times, or epoch
 * seconds.
 */
public final class DateCondition extends Condition {
  private final NumericCondition.Comparison comparison;
  private final long[] millis;

  DateCondition(Spec spec, NumericCondition.Comparison comparison, boolean negated) {
    super(spec, negated);
    this.comparison = comparison;
    this.millis = new long[spec.values().size()];
    for (int i = 0; i < millis.length; i++) {
      Long parsed = parse(spec.values().get(i));
      if (parsed == null) {
        throw new ConditionSyntaxException(
            "'" + spec.values().get(i) + "' under " + spec.operator() + " is not a date", true);
      }
      millis[i] = parsed;
    }
  }

  /** Milliseconds since the epoch, or null when the text is neither a date nor epoch seconds. */
  public static @Nullable Long parse(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      return null;
    }
    if (isInteger(t)) {
      try {
        return Math.multiplyExact(Long.parseLong(t), 1000L);
      } catch (ArithmeticException | NumberFormatException e) {
        return null;
      }
    }
    long fast = utcSeconds(t);
    if (fast != NOT_UTC) {
      return fast * 1000L;
    }
    try {
      return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant()
          .toEpochMilli();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .toInstant(ZoneOffset.UTC)
          .toEpochMilli();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDate.parse(t, DateTimeFormatter.ISO_LOCAL_DATE)
          .atStartOfDay(ZoneOffset.UTC)
          .toInstant()
          .toEpochMilli();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return Instant.parse(t).toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static final long NOT_UTC = Long.MIN_VALUE;

  /**
   * Epoch seconds of {@code yyyy-MM-ddTHH:mm:ssZ}, the form requests carry, without the exceptions
   * of the general parsers; {@link #NOT_UTC} for any other form.
   */
  private static long utcSeconds(String t) {
    if (t.length() != 20
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':'
        || t.charAt(19) != 'Z') {
      return NOT_UTC;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return NOT_UTC;
    }
    if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
      return NOT_UTC;
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    return days * 86_400L + hour * 3_600L + minute * 60L + second;
  }

  private static int digits(String t, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isInteger(String t) {
    int start = t.charAt(0) == '-' ? 1 : 0;
    if (start == t.length()) {
      return false;
    }
    for (int i = start; i < t.length(); i++) {
      if (t.charAt(i) < '0' || t.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** A request value that is not a date satisfies no comparison, negated or not [unconfirmed]. */
  @Override
  boolean testValue(String requestValue, ConditionContext context) {
    Long request = parse(requestValue);
    return request != null && negated() != matchesAny(request);
  }

  @Override
  boolean matchesAny(String requestValue, ConditionContext context) {
    Long request = parse(requestValue);
    return request != null && matchesAny(request);
  }

  private boolean matchesAny(long request) {
    for (long m : millis) {
      if (comparison.holds(Long.compare(request, m))) {
        return true;
      }
    }
    return false;
  }
}
