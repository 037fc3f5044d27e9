package ferry.s3;

import java.io.InputStream;

/**
 * An object's version and, for GetObject, its bytes from {@code start} for {@code length} bytes.
 * {@code partial} says a Range was served (206).
 */
public record GetObjectResult(
    ObjectVersion version, InputStream body, long start, long length, boolean partial) {}
