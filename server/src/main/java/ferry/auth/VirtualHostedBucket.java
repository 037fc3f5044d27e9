package ferry.auth;

import org.jspecify.annotations.Nullable;

/**
 * The bucket an S3 request names in its Host header (virtual-hosted style), or null when the path
 * names it: SigV2 signs the bucket in its resource either way.
 */
@FunctionalInterface
public interface VirtualHostedBucket {
  VirtualHostedBucket NONE = host -> null;

  @Nullable String bucketOf(String host);
}
