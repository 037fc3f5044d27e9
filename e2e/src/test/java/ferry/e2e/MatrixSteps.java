package ferry.e2e;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One client's run through the matrix: every step runs even when an earlier one failed, so one run
 * names every failing step, as the Python and JavaScript scripts do.
 */
final class MatrixSteps {
  interface Step {
    void run() throws Exception;
  }

  private final String client;
  private final StringBuilder log = new StringBuilder();
  private final List<String> failed = new ArrayList<>();

  MatrixSteps(String client) {
    this.client = client;
  }

  void run(String name, Step step) {
    try {
      step.run();
      log.append("ok     ").append(name).append('\n');
    } catch (AssertionError e) {
      failed.add(name);
      log.append("FAILED ").append(name).append(": ").append(e.getMessage()).append('\n');
    } catch (Exception e) {
      failed.add(name);
      var trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      log.append("FAILED ").append(name).append(": ").append(trace);
    }
  }

  static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }

  void assertAllPassed() {
    if (failed.isEmpty()) {
      System.out.print(log);
    } else {
      throw new AssertionError(
          client
              + " matrix: "
              + failed.size()
              + " step(s) failed: "
              + String.join("; ", failed)
              + "\n"
              + log);
    }
  }
}
