package ferry.s3;

import org.jspecify.annotations.Nullable;

/** An UploadPartCopy: part {@code partNumber} copied from (a range of) another object. */
public record UploadPartCopyRequest(
    String bucket,
    String key,
    String uploadId,
    int partNumber,
    String sourceBucket,
    String sourceKey,
    @Nullable String sourceVersionId,
    @Nullable ByteRange sourceRange,
    Preconditions sourceConditions,
    @Nullable CustomerKey sourceCustomerKey,
    @Nullable CustomerKey customerKey) {

  /** A part copy without customer-provided keys. */
  public UploadPartCopyRequest(
      String bucket,
      String key,
      String uploadId,
      int partNumber,
      String sourceBucket,
      String sourceKey,
      @Nullable String sourceVersionId,
      @Nullable ByteRange sourceRange,
      Preconditions sourceConditions) {
    this(
        bucket,
        key,
        uploadId,
        partNumber,
        sourceBucket,
        sourceKey,
        sourceVersionId,
        sourceRange,
        sourceConditions,
        null,
        null);
  }
}
