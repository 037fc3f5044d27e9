package ferry.s3;

import ferry.aws.Caller;
import java.util.Map;

/**
 * A bucket's tags: PutBucketTagging, GetBucketTagging, DeleteBucketTagging. Deleting needs
 * s3:PutBucketTagging, as in AWS.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/CostAllocTagging.html">Bucket
 *     tags</a>
 */
public final class BucketTagging extends S3Family {
  static final BucketSetting<BucketTags> TAGS = new BucketSetting<>("tagging", BucketTags.class);

  BucketTagging(S3Family.Parts parts) {
    super(parts);
  }

  /** Replaces the tag set; an empty one removes it, so GetBucketTagging answers NoSuchTagSet. */
  public void putBucketTagging(Caller caller, String name, Map<String, String> tags) {
    authorizedBucket(caller, name, "s3:PutBucketTagging");
    BucketTags.check(tags);
    if (tags.isEmpty()) {
      buckets.deleteSetting(name, TAGS);
    } else {
      buckets.putSetting(name, TAGS, new BucketTags(tags));
    }
  }

  public Map<String, String> getBucketTagging(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:GetBucketTagging");
    return buckets
        .findSetting(name, TAGS)
        .map(BucketTags::tags)
        .orElseThrow(() -> S3Errors.noSuchTagSet(name));
  }

  public void deleteBucketTagging(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:PutBucketTagging");
    buckets.deleteSetting(name, TAGS);
  }

  /**
   * Before CreateBucket makes a bucket with Tags: the tags must pass S3's limits, and the caller
   * needs s3:TagResource as well as s3:CreateBucket.
   */
  public void checkCreationTags(Caller caller, String name, Map<String, String> tags) {
    BucketTags.check(tags);
    access.requireAccount(caller, "s3:TagResource", "arn:aws:s3:::" + name, Map.of());
  }

  /**
   * Gives the bucket CreateBucket just made for the caller's account its tags; a bucket that
   * already had tags (CreateBucket repeated in us-east-1) keeps them.
   */
  public void tagNewBucket(Caller caller, String name, Map<String, String> tags) {
    Bucket bucket = bucket(name);
    if (tags.isEmpty()
        || !bucket.owner().equals(caller.account())
        || buckets.findSetting(name, TAGS).isPresent()) {
      return;
    }
    buckets.putSetting(name, TAGS, new BucketTags(tags));
  }
}
