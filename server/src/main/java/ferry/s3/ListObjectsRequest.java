package ferry.s3;

import org.jspecify.annotations.Nullable;

/**
 * ListObjectsV2's parameters; {@code startAfter} is the larger of start-after and the key a
 * continuation token stands for.
 */
public record ListObjectsRequest(
    String bucket, String prefix, @Nullable String delimiter, int maxKeys, String startAfter) {}
