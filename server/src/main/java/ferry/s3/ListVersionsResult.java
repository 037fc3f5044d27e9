package ferry.s3;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of versions and delete markers, newest first per key, and where the next starts. */
public record ListVersionsResult(
    List<ObjectVersion> versions,
    List<String> commonPrefixes,
    boolean truncated,
    @Nullable String nextKeyMarker,
    @Nullable String nextVersionIdMarker) {}
