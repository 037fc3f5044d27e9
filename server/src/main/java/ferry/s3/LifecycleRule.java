package ferry.s3;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a bucket's lifecycle configuration: the objects it applies to and what S3 does with
 * them. Transitions are not part of it: Ferry has one storage class and refuses them.
 *
 * @param expirationDays current versions expire this many days after creation
 * @param expirationDate current versions expire on this day (midnight UTC, ISO-8601)
 * @param expiredObjectDeleteMarker whether a delete marker left without versions is removed; null
 *     when the rule does not say
 * @param noncurrentDays noncurrent versions expire this many days after they became noncurrent
 * @param newerNoncurrentVersions how many of the newest noncurrent versions are kept regardless
 * @param abortDaysAfterInitiation incomplete multipart uploads are aborted this many days after
 *     they were initiated
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html">Lifecycle
 *     configuration elements</a>
 */
public record LifecycleRule(
    String id,
    boolean enabled,
    LifecycleFilter filter,
    @Nullable Integer expirationDays,
    @Nullable String expirationDate,
    @Nullable Boolean expiredObjectDeleteMarker,
    @Nullable Integer noncurrentDays,
    @Nullable Integer newerNoncurrentVersions,
    @Nullable Integer abortDaysAfterInitiation) {

  /**
   * S3's rounding: the number of days is added to the start and the result is rounded up to the
   * next midnight UTC, so an object made on 15 January at 10:30 with 3 days expires on 19 January
   * at 00:00.
   *
   * @see <a
   *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-expire-general-considerations.html">Expiring
   *     objects</a>
   */
  public static Instant afterDays(Instant start, int days) {
    return start.plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
  }

  /** When a current version made at {@code created} expires; null when the rule does not expire. */
  public @Nullable Instant currentExpiry(Instant created) {
    if (expirationDays != null) {
      return afterDays(created, expirationDays);
    }
    if (expirationDate != null) {
      return Instant.parse(expirationDate);
    }
    return null;
  }

  /**
   * When a version that became noncurrent at {@code since} expires, or null when the rule has no
   * noncurrent expiration.
   */
  public @Nullable Instant noncurrentExpiry(Instant since) {
    return noncurrentDays == null ? null : afterDays(since, noncurrentDays);
  }

  /**
   * When an upload initiated at {@code initiated} is aborted; null when the rule does not abort.
   */
  public @Nullable Instant abortAt(Instant initiated) {
    return abortDaysAfterInitiation == null ? null : afterDays(initiated, abortDaysAfterInitiation);
  }

  boolean removesExpiredDeleteMarkers() {
    return Boolean.TRUE.equals(expiredObjectDeleteMarker);
  }

  /** Whether the rule says to do anything at all. */
  boolean hasAction() {
    return expirationDays != null
        || expirationDate != null
        || expiredObjectDeleteMarker != null
        || noncurrentDays != null
        || newerNoncurrentVersions != null
        || abortDaysAfterInitiation != null;
  }
}
