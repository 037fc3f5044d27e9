package ferry.s3;

import ferry.aws.Region;
import org.jspecify.annotations.Nullable;

/**
 * A CreateBucket: the name, the region from its LocationConstraint, the Object Ownership from
 * {@code x-amz-object-ownership} (null: the default, BucketOwnerEnforced), the ACL asked for, and
 * whether Object Lock is enabled on it ({@code x-amz-bucket-object-lock-enabled}).
 */
public record CreateBucketRequest(
    String name,
    Region region,
    @Nullable ObjectOwnership ownership,
    AccessControlList acl,
    boolean objectLockEnabled) {

  /** A bucket without Object Lock. */
  public CreateBucketRequest(
      String name, Region region, @Nullable ObjectOwnership ownership, AccessControlList acl) {
    this(name, region, ownership, acl, false);
  }
}
