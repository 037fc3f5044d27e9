package ferry.s3;

import java.time.Instant;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * A bucket's Object Lock configuration: Object Lock is enabled (it cannot be disabled), with an
 * optional default retention of a number of days or of years for new versions.
 *
 * @param mode the default retention's mode, null when there is no default retention
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html">Object
 *     Lock</a>
 */
public record ObjectLockConfiguration(
    @Nullable RetentionMode mode, @Nullable Integer days, @Nullable Integer years) {

  /** Enabled, without a default retention. */
  public static final ObjectLockConfiguration ENABLED =
      new ObjectLockConfiguration(null, null, null);

  /** The default retention a version created at {@code created} gets, or null for none. */
  public @Nullable Retention defaultRetention(Instant created) {
    if (mode == null) {
      return null;
    }
    var at = created.atZone(ZoneOffset.UTC);
    return new Retention(
        mode,
        (days != null ? at.plusDays(days) : at.plusYears(years == null ? 0 : years)).toInstant());
  }
}
