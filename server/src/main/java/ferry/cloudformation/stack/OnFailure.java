package ferry.cloudformation.stack;

/** What a failed create does: roll back (the default), leave what was made, or delete the stack. */
public enum OnFailure {
  ROLLBACK,
  DO_NOTHING,
  DELETE
}
