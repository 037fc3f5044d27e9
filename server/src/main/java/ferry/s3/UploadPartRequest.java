package ferry.s3;

import java.io.InputStream;

/** An UploadPart: the body of part {@code partNumber} of an upload. */
public record UploadPartRequest(
    String bucket,
    String key,
    String uploadId,
    int partNumber,
    InputStream body,
    long contentLength,
    BodyIntegrity integrity) {}
