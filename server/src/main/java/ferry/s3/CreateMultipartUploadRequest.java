package ferry.s3;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A CreateMultipartUpload: what the completed object will carry; {@code fullObjectChecksum} asks
 * for a checksum of the whole object (FULL_OBJECT) instead of one of the parts' (COMPOSITE).
 */
public record CreateMultipartUploadRequest(
    String bucket,
    String key,
    Map<String, String> headers,
    AccessControlList acl,
    Map<String, String> tags,
    @Nullable ServerSideEncryption encryption,
    @Nullable ChecksumAlgorithm checksumAlgorithm,
    @Nullable CustomerKey customerKey,
    ObjectLockRequest objectLock,
    boolean fullObjectChecksum) {

  /** An upload with a composite checksum, if any. */
  public CreateMultipartUploadRequest(
      String bucket,
      String key,
      Map<String, String> headers,
      AccessControlList acl,
      Map<String, String> tags,
      @Nullable ServerSideEncryption encryption,
      @Nullable ChecksumAlgorithm checksumAlgorithm,
      @Nullable CustomerKey customerKey,
      ObjectLockRequest objectLock) {
    this(
        bucket,
        key,
        headers,
        acl,
        tags,
        encryption,
        checksumAlgorithm,
        customerKey,
        objectLock,
        false);
  }

  /** An upload without SSE-C or Object Lock. */
  public CreateMultipartUploadRequest(
      String bucket,
      String key,
      Map<String, String> headers,
      AccessControlList acl,
      Map<String, String> tags,
      @Nullable ServerSideEncryption encryption,
      @Nullable ChecksumAlgorithm checksumAlgorithm) {
    this(
        bucket,
        key,
        headers,
        acl,
        tags,
        encryption,
        checksumAlgorithm,
        null,
        ObjectLockRequest.NONE);
  }
}
