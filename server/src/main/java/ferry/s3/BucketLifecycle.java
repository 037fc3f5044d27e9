package ferry.s3;

import ferry.aws.Caller;

/**
 * A bucket's lifecycle configuration: Put, Get and DeleteBucketLifecycle(Configuration). The rules
 * are applied by the {@link LifecycleSweeper}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html">Managing
 *     the lifecycle of objects</a>
 */
public final class BucketLifecycle extends S3Family {
  BucketLifecycle(S3Family.Parts parts) {
    super(parts);
  }

  /** Replaces the bucket's lifecycle configuration once it is valid. */
  public void putBucketLifecycleConfiguration(
      Caller caller, String name, LifecycleConfiguration configuration) {
    authorizedBucket(caller, name, "s3:PutLifecycleConfiguration");
    configuration.validate();
    buckets.putSetting(name, LifecycleConfiguration.SETTING, configuration);
  }

  public LifecycleConfiguration getBucketLifecycleConfiguration(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:GetLifecycleConfiguration");
    return buckets
        .findSetting(name, LifecycleConfiguration.SETTING)
        .orElseThrow(() -> S3Errors.noSuchLifecycleConfiguration(name));
  }

  /** DeleteBucketLifecycle: AWS authorizes it as s3:PutLifecycleConfiguration. */
  public void deleteBucketLifecycle(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:PutLifecycleConfiguration");
    buckets.deleteSetting(name, LifecycleConfiguration.SETTING);
  }
}
