package ferry.policy.condition;

/** {@code Null}: {@code "true"} means the key must be absent, {@code "false"} present. */
public final class NullCondition extends Condition {
  private final boolean wantAbsent;
  private final boolean wantPresent;

  NullCondition(Spec spec) {
    super(spec, false);
    boolean absent = false;
    boolean present = false;
    for (String v : spec.values()) {
      absent |= v.equalsIgnoreCase("true");
      present |= v.equalsIgnoreCase("false");
    }
    this.wantAbsent = absent;
    this.wantPresent = present;
  }

  @Override
  public boolean test(ConditionContext context) {
    return context.values(lowerKey()) == null ? wantAbsent : wantPresent;
  }

  @Override
  boolean matchesAny(String requestValue, ConditionContext context) {
    return wantPresent;
  }
}
