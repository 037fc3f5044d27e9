package ferry.s3;

import org.jspecify.annotations.Nullable;

/** A GetObject or HeadObject: the key, an optional version and an optional byte range. */
public record GetObjectRequest(
    String bucket, String key, @Nullable String versionId, @Nullable ByteRange range) {}
