package ferry.s3;

import org.jspecify.annotations.Nullable;

/**
 * Where a bucket's server access logs go: the target bucket, the prefix of the log objects' keys,
 * and the form of those keys.
 *
 * @param keyFormat null when the request gave no TargetObjectKeyFormat (the simple form)
 * @param partitionDateSource EventTime or DeliveryTime, for the partitioned form
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html#server-log-keyname-format">Log
 *     object key format</a>
 */
public record LoggingConfiguration(
    String targetBucket,
    String targetPrefix,
    @Nullable KeyFormat keyFormat,
    @Nullable String partitionDateSource) {

  static final BucketSetting<LoggingConfiguration> SETTING =
      new BucketSetting<>("logging", LoggingConfiguration.class);

  /** The two forms of log object keys. */
  public enum KeyFormat {
    /** [TargetPrefix][YYYY]-[MM]-[DD]-[hh]-[mm]-[ss]-[UniqueString] */
    SIMPLE_PREFIX,
    /**
     * [TargetPrefix][SourceAccountId]/[SourceRegion]/[SourceBucket]/[YYYY]/[MM]/[DD]/[YYYY]-[MM]-[DD]-[hh]-[mm]-[ss]-[UniqueString]
     */
    PARTITIONED_PREFIX
  }

  boolean partitionedByEventTime() {
    return keyFormat == KeyFormat.PARTITIONED_PREFIX && "EventTime".equals(partitionDateSource);
  }
}
