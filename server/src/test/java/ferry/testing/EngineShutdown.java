package ferry.testing;

import ferry.codepipeline.engine.PipelineEngine;
import java.time.Duration;

/** How a test fixture closes a pipeline engine before the database and folder it runs on. */
public final class EngineShutdown {
  private EngineShutdown() {}

  /**
   * Closes the engine and waits until no execution runs: one still in an action would write to the
   * database and the folder the test is about to close and delete.
   */
  public static void closeAndAwaitIdle(PipelineEngine engine) {
    engine.close();
    if (!engine.awaitIdle(Duration.ofSeconds(30))) {
      throw new IllegalStateException(
          "An execution was still running 30 s after the engine closed");
    }
  }
}
