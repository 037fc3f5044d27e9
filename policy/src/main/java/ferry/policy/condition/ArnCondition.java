package ferry.policy.condition;

/**
 * {@code ArnEquals}, {@code ArnLike}, {@code ArnNotEquals}, {@code ArnNotLike}: both sides are
 * split at the first five colons and each of the six components is matched on its own, with
 * wildcards and case-sensitively; {@code Equals} and {@code Like} behave the same.
 */
public final class ArnCondition extends Condition {
  private final Template[] templates;

  ArnCondition(Spec spec, boolean negated) {
    super(spec, negated);
    this.templates = new Template[spec.values().size()];
    for (int i = 0; i < templates.length; i++) {
      try {
        templates[i] = Template.compile(spec.values().get(i), spec.variables(), true);
      } catch (IllegalArgumentException e) {
        throw new ConditionSyntaxException(e.getMessage());
      }
    }
  }

  @Override
  boolean matchesAny(String requestValue, ConditionContext context) {
    for (Template template : templates) {
      String pattern = template.resolve(context);
      if (pattern != null && matchesArn(pattern, requestValue)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an ARN matches a compiled ARN pattern component by component. A pattern that is a
   * single wildcard matches any value.
   */
  public static boolean matchesArn(String pattern, String arn) {
    if (pattern.length() == 1 && pattern.charAt(0) == Wildcard.ANY) {
      return true;
    }
    int p = 0;
    int t = 0;
    for (int component = 0; component < 5; component++) {
      int pc = pattern.indexOf(':', p);
      int tc = arn.indexOf(':', t);
      if (pc < 0 || tc < 0) {
        return false;
      }
      if (!Wildcard.matches(pattern, p, pc, arn, t, tc, false)) {
        return false;
      }
      p = pc + 1;
      t = tc + 1;
    }
    return Wildcard.matches(pattern, p, pattern.length(), arn, t, arn.length(), false);
  }
}
