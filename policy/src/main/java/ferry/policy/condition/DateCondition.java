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
    return parse(requestValue) != null && super.testValue(requestValue, context);
  }

  @Override
  boolean matchesAny(String requestValue, ConditionContext context) {
    Long request = parse(requestValue);
    if (request == null) {
      return false;
    }
    for (long m : millis) {
      if (comparison.holds(Long.compare(request, m))) {
        return true;
      }
    }
    return false;
  }
}
