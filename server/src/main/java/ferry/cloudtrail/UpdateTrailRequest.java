package ferry.cloudtrail;

import org.jspecify.annotations.Nullable;

/**
 * UpdateTrail's members that Ferry serves; null leaves a setting as it is.
 *
 * @param kmsKeyId the key for SSE-KMS log files as the request names it; empty removes encryption
 */
public record UpdateTrailRequest(
    String name,
    @Nullable String bucket,
    @Nullable String prefix,
    @Nullable Boolean includeGlobalServiceEvents,
    @Nullable Boolean multiRegion,
    @Nullable String kmsKeyId) {

  public UpdateTrailRequest(
      String name,
      @Nullable String bucket,
      @Nullable String prefix,
      @Nullable Boolean includeGlobalServiceEvents,
      @Nullable Boolean multiRegion) {
    this(name, bucket, prefix, includeGlobalServiceEvents, multiRegion, null);
  }
}
