package ferry.events;

/** Whether a rule delivers matching events. */
public enum RuleState {
  ENABLED,
  DISABLED
}
