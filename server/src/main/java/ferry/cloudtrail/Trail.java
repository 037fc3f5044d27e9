package ferry.cloudtrail;

import ferry.aws.AccountId;
import ferry.aws.Region;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A trail: the account whose events it delivers, its home region, the bucket and prefix its log
 * files go to, which events it takes beyond its home region's, and its delivery status.
 *
 * @param eventSelectors what PutEventSelectors set; null for a trail's default ({@link
 *     EventSelector#DEFAULT})
 * @param kmsKeyId the ARN of the KMS key its log files are encrypted with (SSE-KMS); null for
 *     SSE-S3
 */
public record Trail(
    AccountId account,
    Region homeRegion,
    String name,
    String bucket,
    @Nullable String prefix,
    boolean includeGlobalServiceEvents,
    boolean multiRegion,
    Instant created,
    Status status,
    @Nullable List<EventSelector> eventSelectors,
    @Nullable String kmsKeyId) {

  public Trail {
    eventSelectors = eventSelectors == null ? null : List.copyOf(eventSelectors);
  }

  /** The selectors deciding what the trail delivers. */
  public List<EventSelector> selectors() {
    return eventSelectors == null ? EventSelector.DEFAULT : eventSelectors;
  }

  public static String arn(Region region, AccountId account, String name) {
    return "arn:aws:cloudtrail:" + region.name() + ":" + account.value() + ":trail/" + name;
  }

  public String arn() {
    return arn(homeRegion, account, name);
  }

  /** The same trail with its log files encrypted under another key (null: SSE-S3). */
  public Trail withKmsKeyId(@Nullable String keyArn) {
    return new Trail(
        account,
        homeRegion,
        name,
        bucket,
        prefix,
        includeGlobalServiceEvents,
        multiRegion,
        created,
        status,
        eventSelectors,
        keyArn);
  }

  /**
   * Whether it logs and how its delivery went; {@code deliveredTime} and {@code deliveredEventId}
   * are the last event delivered (or the time logging started, before any was).
   */
  public record Status(
      boolean logging,
      @Nullable Instant startLogging,
      @Nullable Instant stopLogging,
      @Nullable Instant deliveredTime,
      @Nullable String deliveredEventId,
      @Nullable Instant latestDelivery,
      @Nullable Instant latestDeliveryAttempt,
      @Nullable String latestDeliveryError) {

    public static final Status NEW = new Status(false, null, null, null, null, null, null, null);
  }
}
