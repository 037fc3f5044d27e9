package ferry.s3;

import org.jspecify.annotations.Nullable;

/** ListObjectVersions' parameters. */
public record ListVersionsRequest(
    String bucket,
    String prefix,
    @Nullable String delimiter,
    int maxKeys,
    String keyMarker,
    @Nullable String versionIdMarker) {}
