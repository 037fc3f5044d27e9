package ferry.policy.condition;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * {@code NumericEquals}, {@code NumericNotEquals}, {@code NumericLessThan}, {@code
 * NumericLessThanEquals}, {@code NumericGreaterThan}, {@code NumericGreaterThanEquals}; integers or
 * decimals. A value that is not a number never compares.
 */
public final class NumericCondition extends Condition {
  enum Comparison {
    EQ,
    LT,
    LE,
    GT,
    GE;

    boolean holds(int cmp) {
      return switch (this) {
        case EQ -> cmp == 0;
        case LT -> cmp < 0;
        case LE -> cmp <= 0;
        case GT -> cmp > 0;
        case GE -> cmp >= 0;
      };
    }
  }

  private final Comparison comparison;
  private final @Nullable BigDecimal[] numbers;
  private final boolean anyInvalid;

  NumericCondition(Spec spec, Comparison comparison, boolean negated) {
    super(spec, negated);
    this.comparison = comparison;
    this.numbers = new BigDecimal[spec.values().size()];
    boolean invalid = false;
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = parse(spec.values().get(i));
      invalid |= numbers[i] == null;
    }
    this.anyInvalid = invalid;
  }

  static @Nullable BigDecimal parse(String text) {
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * A value that is not a number, in the request or the policy, satisfies no comparison, negated or
   * not [unconfirmed: AWS does not document it; this is what iam-simulate does].
   */
  @Override
  boolean testValue(String requestValue, ConditionContext context) {
    BigDecimal request = parse(requestValue);
    if (request == null || (negated() && anyInvalid)) {
      return false;
    }
    return negated() != matchesAny(request);
  }

  @Override
  boolean matchesAny(String requestValue, ConditionContext context) {
    BigDecimal request = parse(requestValue);
    return request != null && matchesAny(request);
  }

  private boolean matchesAny(BigDecimal request) {
    for (BigDecimal number : numbers) {
      if (number != null && comparison.holds(request.compareTo(number))) {
        return true;
      }
    }
    return false;
  }
}
