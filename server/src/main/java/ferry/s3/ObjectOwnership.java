package ferry.s3;

import org.jspecify.annotations.Nullable;

/**
 * Who owns objects written to a bucket.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html">Object
 *     Ownership</a>
 */
public enum ObjectOwnership {
  /** ACLs are off; the bucket owner owns every object. The default for new buckets. */
  BUCKET_OWNER_ENFORCED("BucketOwnerEnforced"),
  /** The bucket owner owns objects written with the bucket-owner-full-control ACL. */
  BUCKET_OWNER_PREFERRED("BucketOwnerPreferred"),
  /** The writing account owns what it writes. */
  OBJECT_WRITER("ObjectWriter");

  private final String wireName;

  ObjectOwnership(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static @Nullable ObjectOwnership fromWire(String name) {
    for (ObjectOwnership value : values()) {
      if (value.wireName.equals(name)) {
        return value;
      }
    }
    return null;
  }
}
