package ferry.policy.condition;

/**
 * {@code StringEquals}, {@code StringNotEquals}, {@code StringEqualsIgnoreCase}, {@code
 * StringNotEqualsIgnoreCase}, {@code StringLike}, {@code StringNotLike}; values may hold policy
 * variables, and the {@code Like} forms wildcards.
 */
public final class StringCondition extends Condition {
  enum Mode {
    EQUALS,
    EQUALS_IGNORE_CASE,
    LIKE
  }

  private final Mode mode;
  private final Template[] templates;

  StringCondition(Spec spec, Mode mode, boolean negated) {
    super(spec, negated);
    this.mode = mode;
    this.templates = new Template[spec.values().size()];
    for (int i = 0; i < templates.length; i++) {
      try {
        templates[i] = Template.compile(spec.values().get(i), spec.variables(), mode == Mode.LIKE);
      } catch (IllegalArgumentException e) {
        throw new ConditionSyntaxException(e.getMessage());
      }
    }
  }

  @Override
  boolean matchesAny(String requestValue, ConditionContext context) {
    for (Template template : templates) {
      String value = template.resolve(context);
      if (value == null) {
        continue;
      }
      boolean match =
          switch (mode) {
            case EQUALS -> value.equals(requestValue);
            case EQUALS_IGNORE_CASE -> value.equalsIgnoreCase(requestValue);
            case LIKE -> Wildcard.matches(value, requestValue, false);
          };
      if (match) {
        return true;
      }
    }
    return false;
  }
}
