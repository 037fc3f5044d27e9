package ferry.s3;

import java.io.InputStream;

/**
 * An object's version and, for GetObject, its bytes from {@code start} for {@code length} bytes.
 * {@code partial} says a Range was served (206); {@code notModified} that a condition answered 304
 * and there is no body.
 */
public record GetObjectResult(
    ObjectVersion version,
    InputStream body,
    long start,
    long length,
    boolean partial,
    boolean notModified) {}
