package ferry.s3;

import ferry.aws.Caller;
import org.jspecify.annotations.Nullable;

/**
 * Transfer Acceleration (PutBucketAccelerateConfiguration, GetBucketAccelerateConfiguration):
 * stored and answered; Ferry has no accelerated endpoint.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/transfer-acceleration.html">
 *     Transfer Acceleration</a>
 */
public final class BucketAcceleration extends S3Family {
  /** The status: Enabled or Suspended. */
  public record Accelerate(String status) {}

  static final BucketSetting<Accelerate> ACCELERATE =
      new BucketSetting<>("accelerate", Accelerate.class);

  BucketAcceleration(S3Family.Parts parts) {
    super(parts);
  }

  public void putBucketAccelerateConfiguration(Caller caller, String name, String status) {
    authorizedBucket(caller, name, "s3:PutAccelerateConfiguration");
    if (!status.equals("Enabled") && !status.equals("Suspended")) {
      throw S3Errors.malformedXml();
    }
    if (name.contains(".")) {
      throw S3Errors.invalidRequest(
          "S3 Transfer Acceleration is not supported for buckets with periods (.) in their names");
    }
    buckets.putSetting(name, ACCELERATE, new Accelerate(status));
  }

  /** The status, or null for a bucket whose acceleration was never configured. */
  public @Nullable String getBucketAccelerateConfiguration(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:GetAccelerateConfiguration");
    return buckets.findSetting(name, ACCELERATE).map(Accelerate::status).orElse(null);
  }
}
