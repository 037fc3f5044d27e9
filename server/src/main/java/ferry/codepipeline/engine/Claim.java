package ferry.codepipeline.engine;

/**
 * The runner's hold on its execution, which an action checks before each write it makes outside the
 * execution's own rows (an S3 object): a worker stalled past its lease (a long GC pause, a stalled
 * disk) may have had the execution taken over and failed as interrupted by another node, and must
 * then write nothing more.
 */
@FunctionalInterface
public interface Claim {
  /**
   * Returns while this worker still holds the execution.
   *
   * @throws ClaimLost once another worker took it over, or it was let go and claimed again
   */
  void check();
}
