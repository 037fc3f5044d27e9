package ferry.s3;

import java.io.InputStream;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A PutObject: the body as it streams in, its declared length (-1 when unknown), the headers stored
 * with the object (Content-Type, Cache-Control, … and x-amz-meta-*), what the body must match, the
 * ACL, tags and encryption asked for, and conditional-write headers (If-Match, If-None-Match).
 */
public record PutObjectRequest(
    String bucket,
    String key,
    InputStream body,
    long contentLength,
    Map<String, String> headers,
    BodyIntegrity integrity,
    AccessControlList acl,
    Map<String, String> tags,
    @Nullable ServerSideEncryption encryption,
    @Nullable String ifMatch,
    @Nullable String ifNoneMatch,
    @Nullable CustomerKey customerKey,
    ObjectLockRequest objectLock) {

  /** A write without SSE-C or Object Lock. */
  public PutObjectRequest(
      String bucket,
      String key,
      InputStream body,
      long contentLength,
      Map<String, String> headers,
      BodyIntegrity integrity,
      AccessControlList acl,
      Map<String, String> tags,
      @Nullable ServerSideEncryption encryption,
      @Nullable String ifMatch,
      @Nullable String ifNoneMatch) {
    this(
        bucket,
        key,
        body,
        contentLength,
        headers,
        integrity,
        acl,
        tags,
        encryption,
        ifMatch,
        ifNoneMatch,
        null,
        ObjectLockRequest.NONE);
  }

  /** A plain PutObject with nothing but headers and an optional Content-MD5. */
  public static PutObjectRequest of(
      String bucket,
      String key,
      InputStream body,
      long contentLength,
      Map<String, String> headers,
      @Nullable String contentMd5) {
    return new PutObjectRequest(
        bucket,
        key,
        body,
        contentLength,
        headers,
        BodyIntegrity.md5(contentMd5),
        AccessControlList.NONE,
        Map.of(),
        null,
        null,
        null);
  }
}
