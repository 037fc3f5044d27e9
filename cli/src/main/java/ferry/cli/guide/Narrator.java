package ferry.cli.guide;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells what the guide does, one line a step: the step, the account, what was made, and how long it
 * took. Keeps the timings for the report.
 */
public final class Narrator {
  /** One narrated step and the milliseconds it took. */
  public record Timing(String step, String text, long millis) {}

  private final PrintStream out;
  private final boolean interactive;
  private final List<Timing> timings = new ArrayList<>();
  private long lastMark = System.nanoTime();
  private int progressWidth;
  private String lastProgress = "";

  public Narrator(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  /** Restarts the clock for the next step. */
  public void mark() {
    lastMark = System.nanoTime();
  }

  /** One finished step, e.g. {@code step("1", "dev 111111111111", "created key …")}. */
  public void step(String step, String account, String text) {
    long millis = (System.nanoTime() - lastMark) / 1_000_000;
    clearProgress();
    out.printf("  %-3s %-17s %s  (%d ms)%n", step, account, text, millis);
    out.flush();
    timings.add(new Timing(step, text, millis));
    mark();
  }

  /** A line that is not a step: a heading, a detail, an expected failure. */
  public void say(String text) {
    clearProgress();
    out.println(text);
    out.flush();
  }

  /**
   * A progress line while waiting: rewritten in place with the elapsed time on a terminal, printed
   * only when the state changes otherwise.
   */
  public void progress(String state, long elapsedMillis) {
    if (interactive) {
      String spinner =
          "|/-\\".substring((int) (elapsedMillis / 100 % 4), (int) (elapsedMillis / 100 % 4) + 1);
      String line =
          "      " + spinner + " " + state + String.format("  %.1f s", elapsedMillis / 1000.0);
      out.print("\r" + line + " ".repeat(Math.max(0, progressWidth - line.length())));
      progressWidth = line.length();
      out.flush();
    } else if (!state.equals(lastProgress)) {
      out.println("      " + state);
      out.flush();
    }
    lastProgress = state;
  }

  private void clearProgress() {
    if (progressWidth > 0) {
      out.print("\r" + " ".repeat(progressWidth) + "\r");
      progressWidth = 0;
    }
  }

  public List<Timing> timings() {
    return List.copyOf(timings);
  }
}
