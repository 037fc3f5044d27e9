package ferry.cloudformation.resource;

import ferry.aws.AwsException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a handler made so far while creating a resource in several calls (a role, then its
 * policies), so that a later refusal removes it again: a failed resource leaves nothing behind,
 * since the stack knows no physical id to delete. Undoing is best effort, as the same caller; what
 * it cannot undo is recorded on the original error.
 */
final class PartialCreation {
  private final Deque<Runnable> undo = new ArrayDeque<>();

  /** Records how to undo the step just made. */
  void made(Runnable undoStep) {
    undo.push(undoStep);
  }

  /** Undoes every step, newest first, and returns {@code cause} for the caller to throw. */
  RuntimeException undo(RuntimeException cause) {
    while (!undo.isEmpty()) {
      try {
        undo.pop().run();
      } catch (AwsException e) {
        cause.addSuppressed(e);
      }
    }
    return cause;
  }
}
