package ferry.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The clock of a Ferry started for tests ({@code ferry serve --test-clock}), which the {@code
 * /_ferry/clock} endpoint moves forward.
 */
public interface TestClockControl {
  Instant now();

  void advance(Duration by);

  /**
   * Runs now what otherwise waits for its period (lifecycle rules, access log delivery), and says
   * what each did.
   */
  Map<String, String> runDueWork();
}
