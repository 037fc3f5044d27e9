package ferry.s3;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A CompleteMultipartUpload: the parts to join, and what the completed object must be for the
 * upload to complete: its checksum ({@code x-amz-checksum-*}) and checksum type, its size ({@code
 * x-amz-mp-object-size}) and the conditional-write headers (If-Match, If-None-Match).
 */
public record CompleteMultipartUploadRequest(
    String bucket,
    String key,
    String uploadId,
    List<CompletedPart> parts,
    @Nullable Checksum checksum,
    @Nullable String checksumType,
    @Nullable Long objectSize,
    @Nullable String ifMatch,
    @Nullable String ifNoneMatch,
    @Nullable CustomerKey customerKey) {

  /** A completion without a customer-provided key. */
  public CompleteMultipartUploadRequest(
      String bucket,
      String key,
      String uploadId,
      List<CompletedPart> parts,
      @Nullable Checksum checksum,
      @Nullable String checksumType,
      @Nullable Long objectSize,
      @Nullable String ifMatch,
      @Nullable String ifNoneMatch) {
    this(
        bucket,
        key,
        uploadId,
        parts,
        checksum,
        checksumType,
        objectSize,
        ifMatch,
        ifNoneMatch,
        null);
  }

  /** A completion with nothing but its parts. */
  public static CompleteMultipartUploadRequest of(
      String bucket, String key, String uploadId, List<CompletedPart> parts) {
    return new CompleteMultipartUploadRequest(
        bucket, key, uploadId, parts, null, null, null, null, null);
  }
}
