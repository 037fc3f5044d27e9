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

  NumericCondition(Spec spec, Comparison comparison, boolean negated) {
    super(spec, negated);
    this.comparison = comparison;
    this.numbers = new BigDecimal[spec.values().size()];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = parse(spec.values().get(i));
    }
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
    if (parse(requestValue) == null) {
      return false;
    }
    if (negated()) {
      for (BigDecimal number : numbers) {
        if (number == null) {
          return false;
        }
      }
    }
    return super.testValue(requestValue, context);
  }

  @Override
  boolean matchesAny(String requestValue, ConditionContext context) {
    BigDecimal request = parse(requestValue);
    if (request == null) {
      return false;
    }
    for (BigDecimal number : numbers) {
      if (number != null && comparison.holds(request.compareTo(number))) {
        return true;
      }
    }
    return false;
  }
}
