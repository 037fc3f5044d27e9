package ferry.s3;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A CreateMultipartUpload: what the completed object will carry. */
public record CreateMultipartUploadRequest(
    String bucket,
    String key,
    Map<String, String> headers,
    AccessControlList acl,
    Map<String, String> tags,
    @Nullable ServerSideEncryption encryption,
    @Nullable ChecksumAlgorithm checksumAlgorithm,
    @Nullable CustomerKey customerKey,
    ObjectLockRequest objectLock) {

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
