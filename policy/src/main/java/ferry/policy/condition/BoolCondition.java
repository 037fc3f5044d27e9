package ferry.policy.condition;

/** {@code Bool}: {@code "true"} or {@code "false"}, compared ignoring case. */
public final class BoolCondition extends Condition {
  private final Template[] templates;

  BoolCondition(Spec spec) {
    super(spec, false);
    this.templates = new Template[spec.values().size()];
    for (int i = 0; i < templates.length; i++) {
      templates[i] = Template.compile(spec.values().get(i), spec.variables(), false);
    }
  }

  @Override
  boolean matchesAny(String requestValue, ConditionContext context) {
    for (Template template : templates) {
      String value = template.resolve(context);
      if (value != null && value.equalsIgnoreCase(requestValue)) {
        return true;
      }
    }
    return false;
  }
}
