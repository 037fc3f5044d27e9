package ferry.s3;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A CopyObject: the source (with an optional version and {@code x-amz-copy-source-if-*} conditions)
 * and the destination with its metadata and tagging directives ({@code REPLACE} takes the request's
 * headers and tags, {@code COPY} the source's), ACL, encryption and the destination's
 * conditional-write headers (If-Match, If-None-Match).
 */
public record CopyObjectRequest(
    String sourceBucket,
    String sourceKey,
    @Nullable String sourceVersionId,
    Preconditions sourceConditions,
    String bucket,
    String key,
    boolean replaceMetadata,
    Map<String, String> headers,
    boolean replaceTags,
    Map<String, String> tags,
    AccessControlList acl,
    @Nullable ServerSideEncryption encryption,
    @Nullable ChecksumAlgorithm checksumAlgorithm,
    @Nullable String ifMatch,
    @Nullable String ifNoneMatch,
    @Nullable CustomerKey sourceCustomerKey,
    @Nullable CustomerKey customerKey,
    ObjectLockRequest objectLock) {

  /** A copy without SSE-C or Object Lock. */
  public CopyObjectRequest(
      String sourceBucket,
      String sourceKey,
      @Nullable String sourceVersionId,
      Preconditions sourceConditions,
      String bucket,
      String key,
      boolean replaceMetadata,
      Map<String, String> headers,
      boolean replaceTags,
      Map<String, String> tags,
      AccessControlList acl,
      @Nullable ServerSideEncryption encryption,
      @Nullable ChecksumAlgorithm checksumAlgorithm,
      @Nullable String ifMatch,
      @Nullable String ifNoneMatch) {
    this(
        sourceBucket,
        sourceKey,
        sourceVersionId,
        sourceConditions,
        bucket,
        key,
        replaceMetadata,
        headers,
        replaceTags,
        tags,
        acl,
        encryption,
        checksumAlgorithm,
        ifMatch,
        ifNoneMatch,
        null,
        null,
        ObjectLockRequest.NONE);
  }
}
