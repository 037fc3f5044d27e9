package ferry.cloudtrail;

import org.jspecify.annotations.Nullable;

/**
 * CreateTrail's members that Ferry serves; the others are refused by the wire binding.
 *
 * @param kmsKeyId the key for SSE-KMS log files as the request names it; null or empty for none
 */
public record CreateTrailRequest(
    String name,
    String bucket,
    @Nullable String prefix,
    boolean includeGlobalServiceEvents,
    boolean multiRegion,
    @Nullable String kmsKeyId) {

  public CreateTrailRequest(
      String name,
      String bucket,
      @Nullable String prefix,
      boolean includeGlobalServiceEvents,
      boolean multiRegion) {
    this(name, bucket, prefix, includeGlobalServiceEvents, multiRegion, null);
  }
}
