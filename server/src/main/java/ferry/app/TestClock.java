package ferry.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of a Ferry started for tests ({@code ferry serve --test-clock}): the system clock plus
 * an offset that only grows, moved through {@code POST /_ferry/clock}.
 */
public final class TestClock extends Clock {
  private final Clock base;
  private volatile Duration offset = Duration.ZERO;

  public TestClock(Clock base) {
    this.base = base;
  }

  public synchronized void advance(Duration by) {
    offset = offset.plus(by);
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
