package ferry.codepipeline.engine;

/**
 * The runner no longer holds its execution: another worker took it over. The runner stops where it
 * is and writes nothing more; the execution's outcome is the taker's to report.
 */
public final class ClaimLost extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ClaimLost(String executionId) {
    super("Execution " + executionId + " is no longer held by this worker");
  }
}
