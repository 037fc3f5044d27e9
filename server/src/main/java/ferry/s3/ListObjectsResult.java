package ferry.s3;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing: objects and common prefixes in key order, and where the next page starts
 * when the listing is truncated.
 */
public record ListObjectsResult(
    List<ObjectVersion> objects,
    List<String> commonPrefixes,
    boolean truncated,
    @Nullable String nextStartAfter) {}
