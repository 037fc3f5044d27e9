package ferry.policy.condition;

import java.util.List;
import java.util.Locale;

/**
 * One key of one operator of a statement's {@code Condition} block, compiled: {@code "StringLike":
 * {"s3:prefix": ["home/*", "shared/*"]}}.
 *
 * <p>Values are OR-ed, or NOR-ed for a negated operator; a key missing from the request makes a
 * positive operator false, a negated one or an {@code …IfExists} one true; {@code ForAllValues:} is
 * true and {@code ForAnyValue:} false for a missing key.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html">Condition
 *     operators</a>
 */
public abstract sealed class Condition
    permits StringCondition,
        NumericCondition,
        DateCondition,
        BoolCondition,
        BinaryCondition,
        IpAddressCondition,
        ArnCondition,
        NullCondition {

  /** The set operator prefix of an operator, if any. */
  public enum SetOperator {
    NONE,
    FOR_ANY_VALUE,
    FOR_ALL_VALUES
  }

  private final String operator;
  private final String key;
  private final String lowerKey;
  private final List<String> values;
  private final SetOperator setOperator;
  private final boolean ifExists;
  private final boolean negated;

  Condition(Spec spec, boolean negated) {
    this.operator = spec.operator();
    this.key = spec.key();
    this.lowerKey = spec.key().toLowerCase(Locale.ROOT);
    this.values = List.copyOf(spec.values());
    this.setOperator = spec.setOperator();
    this.ifExists = spec.ifExists();
    this.negated = negated;
  }

  /** What the parser read for one condition: the operator split into its parts, key and values. */
  record Spec(
      String operator,
      String base,
      SetOperator setOperator,
      boolean ifExists,
      String key,
      List<String> values,
      boolean variables) {}

  /**
   * Compiles one key of a condition operator.
   *
   * @param operator the operator as written, e.g. {@code ForAnyValue:StringLikeIfExists}
   * @param variables whether policy variables are on (Version 2012-10-17)
   * @throws ConditionSyntaxException when the operator is unknown or a value cannot be used
   */
  public static Condition compile(
      String operator, String key, List<String> values, boolean variables) {
    String rest = operator;
    SetOperator set = SetOperator.NONE;
    int colon = rest.indexOf(':');
    if (colon >= 0) {
      String prefix = rest.substring(0, colon);
      if (prefix.equalsIgnoreCase("ForAnyValue")) {
        set = SetOperator.FOR_ANY_VALUE;
      } else if (prefix.equalsIgnoreCase("ForAllValues")) {
        set = SetOperator.FOR_ALL_VALUES;
      } else {
        throw new ConditionSyntaxException("unknown set operator '" + prefix + "' in " + operator);
      }
      rest = rest.substring(colon + 1);
    }
    boolean ifExists = false;
    if (rest.length() > "IfExists".length()
        && rest.regionMatches(true, rest.length() - 8, "IfExists", 0, 8)) {
      ifExists = true;
      rest = rest.substring(0, rest.length() - 8);
    }
    String base = rest.toLowerCase(Locale.ROOT);
    Spec spec = new Spec(operator, rest, set, ifExists, key, values, variables);
    return switch (base) {
      case "stringequals" -> new StringCondition(spec, StringCondition.Mode.EQUALS, false);
      case "stringnotequals" -> new StringCondition(spec, StringCondition.Mode.EQUALS, true);
      case "stringequalsignorecase" ->
          new StringCondition(spec, StringCondition.Mode.EQUALS_IGNORE_CASE, false);
      case "stringnotequalsignorecase" ->
          new StringCondition(spec, StringCondition.Mode.EQUALS_IGNORE_CASE, true);
      case "stringlike" -> new StringCondition(spec, StringCondition.Mode.LIKE, false);
      case "stringnotlike" -> new StringCondition(spec, StringCondition.Mode.LIKE, true);
      case "numericequals" -> new NumericCondition(spec, NumericCondition.Comparison.EQ, false);
      case "numericnotequals" -> new NumericCondition(spec, NumericCondition.Comparison.EQ, true);
      case "numericlessthan" -> new NumericCondition(spec, NumericCondition.Comparison.LT, false);
      case "numericlessthanequals" ->
          new NumericCondition(spec, NumericCondition.Comparison.LE, false);
      case "numericgreaterthan" ->
          new NumericCondition(spec, NumericCondition.Comparison.GT, false);
      case "numericgreaterthanequals" ->
          new NumericCondition(spec, NumericCondition.Comparison.GE, false);
      case "dateequals" -> new DateCondition(spec, NumericCondition.Comparison.EQ, false);
      case "datenotequals" -> new DateCondition(spec, NumericCondition.Comparison.EQ, true);
      case "datelessthan" -> new DateCondition(spec, NumericCondition.Comparison.LT, false);
      case "datelessthanequals" -> new DateCondition(spec, NumericCondition.Comparison.LE, false);
      case "dategreaterthan" -> new DateCondition(spec, NumericCondition.Comparison.GT, false);
      case "dategreaterthanequals" ->
          new DateCondition(spec, NumericCondition.Comparison.GE, false);
      case "bool" -> new BoolCondition(spec);
      case "binaryequals" -> new BinaryCondition(spec);
      case "ipaddress" -> new IpAddressCondition(spec, false);
      case "notipaddress" -> new IpAddressCondition(spec, true);
      case "arnequals", "arnlike" -> new ArnCondition(spec, false);
      case "arnnotequals", "arnnotlike" -> new ArnCondition(spec, true);
      case "null" -> {
        if (ifExists || set != SetOperator.NONE) {
          throw new ConditionSyntaxException(
              "the Null operator takes neither IfExists nor a set operator: " + operator);
        }
        yield new NullCondition(spec);
      }
      default -> throw new ConditionSyntaxException("unknown condition operator " + operator);
    };
  }

  /** The operator as written in the policy, e.g. {@code ForAnyValue:StringLikeIfExists}. */
  public String operator() {
    return operator;
  }

  /** The context key as written in the policy. */
  public String key() {
    return key;
  }

  /** The key in lower case, as the request context is looked up. */
  public String lowerKey() {
    return lowerKey;
  }

  /** The policy values as written. */
  public List<String> values() {
    return values;
  }

  public SetOperator setOperator() {
    return setOperator;
  }

  public boolean ifExists() {
    return ifExists;
  }

  /** Whether the operator is negated ({@code …Not…}), whose values combine with NOR. */
  public boolean negated() {
    return negated;
  }

  /** Whether the request satisfies this condition. */
  public boolean test(ConditionContext context) {
    List<String> requestValues = context.values(lowerKey);
    boolean missing = requestValues == null;
    switch (setOperator) {
      case FOR_ANY_VALUE -> {
        if (missing) {
          return false;
        }
        for (String v : requestValues) {
          if (testValue(v, context)) {
            return true;
          }
        }
        return false;
      }
      case FOR_ALL_VALUES -> {
        if (missing) {
          return true;
        }
        for (String v : requestValues) {
          if (!testValue(v, context)) {
            return false;
          }
        }
        return true;
      }
      case NONE -> {
        if (missing) {
          return ifExists || negated;
        }
        if (context.isMultivalued(lowerKey) || requestValues.size() != 1) {
          // A multivalued key needs a set operator; a plain operator never matches it.
          return false;
        }
        return testValue(requestValues.get(0), context);
      }
    }
    throw new AssertionError(setOperator);
  }

  /**
   * Whether one present request value satisfies the operator: matches some policy value, or for a
   * negated operator matches none.
   */
  boolean testValue(String requestValue, ConditionContext context) {
    return negated != matchesAny(requestValue, context);
  }

  /** Whether one request value equals (or is like, or compares right with) any policy value. */
  abstract boolean matchesAny(String requestValue, ConditionContext context);

  @Override
  public String toString() {
    return operator + " " + key + " " + values;
  }
}
