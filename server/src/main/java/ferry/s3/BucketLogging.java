package ferry.s3;

import ferry.aws.Caller;
import org.jspecify.annotations.Nullable;

/**
 * A bucket's server access logging configuration: PutBucketLogging and GetBucketLogging. The logs
 * themselves are written by {@link AccessLogDelivery}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLogging.html">PutBucketLogging</a>
 */
public final class BucketLogging extends S3Family {
  private final AccessLogDelivery delivery;

  BucketLogging(S3Family.Parts parts, AccessLogDelivery delivery) {
    super(parts);
    this.delivery = delivery;
  }

  /**
   * Turns logging on with {@code configuration}, or off with null. The target bucket must exist and
   * belong to the same account, in the same region.
   */
  public void putBucketLogging(
      Caller caller, String name, @Nullable LoggingConfiguration configuration) {
    Bucket source = authorizedBucket(caller, name, "s3:PutBucketLogging");
    if (configuration == null) {
      buckets.deleteSetting(name, LoggingConfiguration.SETTING);
      delivery.forget(name);
      return;
    }
    String targetName = configuration.targetBucket();
    Bucket target =
        buckets
            .find(targetName)
            .orElseThrow(() ->
                S3Errors.invalidTargetBucketForLogging(
                    targetName, "The target bucket for logging does not exist"));
    if (!target.owner().equals(source.owner())) {
      throw S3Errors.invalidTargetBucketForLogging(
          targetName,
          "The owner for the bucket to be logged and the target bucket must be the same.");
    }
    if (!target.region().equals(source.region())) {
      throw S3Errors.crossLocationLoggingProhibited(source.region().name(), target.region().name());
    }
    buckets.putSetting(name, LoggingConfiguration.SETTING, configuration);
    delivery.forget(name);
  }

  /** The configuration, or null when logging is off. */
  public @Nullable LoggingConfiguration getBucketLogging(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:GetBucketLogging");
    return buckets.findSetting(name, LoggingConfiguration.SETTING).orElse(null);
  }
}
