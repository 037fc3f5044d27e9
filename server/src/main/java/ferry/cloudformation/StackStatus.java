package ferry.cloudformation;

/** A stack's status, as CloudFormation's API names it. */
public enum StackStatus {
  CREATE_IN_PROGRESS,
  CREATE_FAILED,
  CREATE_COMPLETE,
  ROLLBACK_IN_PROGRESS,
  ROLLBACK_FAILED,
  ROLLBACK_COMPLETE,
  DELETE_IN_PROGRESS,
  DELETE_FAILED,
  DELETE_COMPLETE,
  UPDATE_IN_PROGRESS,
  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS,
  UPDATE_COMPLETE,
  UPDATE_FAILED,
  UPDATE_ROLLBACK_IN_PROGRESS,
  UPDATE_ROLLBACK_FAILED,
  UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS,
  UPDATE_ROLLBACK_COMPLETE,
  REVIEW_IN_PROGRESS;

  /** Whether an operation is running on the stack (no other may start). */
  public boolean inProgress() {
    return name().endsWith("_IN_PROGRESS") && this != REVIEW_IN_PROGRESS;
  }

  /** Whether the stack may be updated: its last operation ended with its resources in place. */
  public boolean updatable() {
    return switch (this) {
      case CREATE_COMPLETE, UPDATE_COMPLETE, UPDATE_ROLLBACK_COMPLETE -> true;
      default -> false;
    };
  }
}
