package ferry.s3;

import ferry.aws.Region;
import org.jspecify.annotations.Nullable;

/**
 * A CreateBucket: the name, the region from its LocationConstraint, the Object Ownership from
 * {@code x-amz-object-ownership} (null: the default, BucketOwnerEnforced) and the ACL asked for.
 */
public record CreateBucketRequest(
    String name, Region region, @Nullable ObjectOwnership ownership, AccessControlList acl) {}
