package ferry.s3;

import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/** An UploadPart: the body of part {@code partNumber} of an upload. */
public record UploadPartRequest(
    String bucket,
    String key,
    String uploadId,
    int partNumber,
    InputStream body,
    long contentLength,
    BodyIntegrity integrity,
    @Nullable CustomerKey customerKey) {

  /** A part without a customer-provided key. */
  public UploadPartRequest(
      String bucket,
      String key,
      String uploadId,
      int partNumber,
      InputStream body,
      long contentLength,
      BodyIntegrity integrity) {
    this(bucket, key, uploadId, partNumber, body, contentLength, integrity, null);
  }
}
