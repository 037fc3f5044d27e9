package ferry.s3;

import ferry.aws.Caller;

/**
 * A bucket's static website configuration (Put/Get/DeleteBucketWebsite), and the configuration the
 * website endpoint serves a bucket by.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteHosting.html
 */
public final class BucketWebsites extends S3Family {
  static final BucketSetting<WebsiteConfiguration> WEBSITE =
      new BucketSetting<>("website", WebsiteConfiguration.class);

  BucketWebsites(S3Family.Parts parts) {
    super(parts);
  }

  public void putBucketWebsite(Caller caller, String name, WebsiteConfiguration website) {
    authorizedBucket(caller, name, "s3:PutBucketWebsite");
    website.validate();
    buckets.putSetting(name, WEBSITE, website);
  }

  public WebsiteConfiguration getBucketWebsite(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:GetBucketWebsite");
    return buckets
        .findSetting(name, WEBSITE)
        .orElseThrow(() -> S3Errors.noSuchWebsiteConfiguration(name));
  }

  public void deleteBucketWebsite(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:DeleteBucketWebsite");
    buckets.deleteSetting(name, WEBSITE);
  }

  /**
   * The configuration a bucket's website is served by. The website endpoint reads it for itself, as
   * S3's does: the visitor is anonymous and is authorized only for the objects it reads.
   */
  public WebsiteConfiguration website(String name) {
    bucket(name);
    return buckets
        .findSetting(name, WEBSITE)
        .orElseThrow(() -> S3Errors.noSuchWebsiteConfiguration(name));
  }
}
