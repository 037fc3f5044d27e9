package ferry.s3;

import java.io.InputStream;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A PutObject: the body as it streams in, its declared length (-1 when unknown) and the headers
 * stored with the object (Content-Type, Cache-Control, … and x-amz-meta-*).
 */
public record PutObjectRequest(
    String bucket,
    String key,
    InputStream body,
    long contentLength,
    Map<String, String> headers,
    @Nullable String contentMd5) {}
