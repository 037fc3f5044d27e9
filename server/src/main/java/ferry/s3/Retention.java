package ferry.s3;

import java.time.Instant;

/** An object version's Object Lock retention: its mode, and until when it protects the version. */
public record Retention(RetentionMode mode, Instant retainUntil) {

  /** Whether it still protects the version at {@code now}. */
  public boolean activeAt(Instant now) {
    return retainUntil.isAfter(now);
  }
}
