package ferry.s3;

import org.jspecify.annotations.Nullable;

/**
 * A GetObject or HeadObject: the key, an optional version, byte range or part number, and
 * conditions.
 */
public record GetObjectRequest(
    String bucket,
    String key,
    @Nullable String versionId,
    @Nullable ByteRange range,
    Preconditions conditions,
    @Nullable Integer partNumber,
    @Nullable CustomerKey customerKey) {

  /** A read without a customer-provided key. */
  public GetObjectRequest(
      String bucket,
      String key,
      @Nullable String versionId,
      @Nullable ByteRange range,
      Preconditions conditions,
      @Nullable Integer partNumber) {
    this(bucket, key, versionId, range, conditions, partNumber, null);
  }

  public GetObjectRequest(
      String bucket,
      String key,
      @Nullable String versionId,
      @Nullable ByteRange range,
      Preconditions conditions) {
    this(bucket, key, versionId, range, conditions, null);
  }

  public GetObjectRequest(
      String bucket, String key, @Nullable String versionId, @Nullable ByteRange range) {
    this(bucket, key, versionId, range, Preconditions.NONE);
  }
}
