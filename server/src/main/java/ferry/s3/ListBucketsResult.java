package ferry.s3;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of ListBuckets; {@code lastName} is set when more buckets follow it. */
public record ListBucketsResult(List<Bucket> buckets, @Nullable String lastName) {}
