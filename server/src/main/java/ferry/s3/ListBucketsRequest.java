package ferry.s3;

import ferry.aws.Region;
import org.jspecify.annotations.Nullable;

/**
 * ListBuckets' filters and page: names starting with {@code prefix}, in {@code region}, after the
 * name {@code after} (the continuation token's), at most {@code maxBuckets}.
 */
public record ListBucketsRequest(
    @Nullable String prefix, @Nullable Region region, @Nullable String after, int maxBuckets) {
  /** S3's largest page, and its page when the caller names none. */
  public static final int MAX_BUCKETS = 10_000;

  public static final ListBucketsRequest ALL =
      new ListBucketsRequest(null, null, null, MAX_BUCKETS);
}
