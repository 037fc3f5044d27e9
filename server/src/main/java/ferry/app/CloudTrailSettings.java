package ferry.app;

import ferry.cloudtrail.CloudTrailService;
import java.time.Duration;

/**
 * How Ferry keeps its CloudTrail event history: whether calls are recorded at all (off only to
 * measure what recording costs) and how long events are kept, 90 days by default as in AWS.
 */
public record CloudTrailSettings(boolean recording, Duration retention) {
  /**
   * The JVM properties {@code ferry.cloudtrail} (on|off) and {@code
   * ferry.cloudtrail.retentionDays}.
   */
  public static CloudTrailSettings fromSystemProperties() {
    return new CloudTrailSettings(
        !"off".equals(System.getProperty("ferry.cloudtrail", "on")),
        Duration.ofDays(
            Long.getLong(
                "ferry.cloudtrail.retentionDays", CloudTrailService.DEFAULT_RETENTION.toDays())));
  }
}
