package ferry.s3;

import ferry.aws.Caller;

/**
 * Requester Pays (PutBucketRequestPayment, GetBucketRequestPayment): stored and answered; Ferry
 * bills nobody.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/RequesterPaysBuckets.html">
 *     Requester Pays buckets</a>
 */
public final class BucketRequestPayment extends S3Family {
  /** Who pays: BucketOwner or Requester. */
  public record Payment(String payer) {}

  static final BucketSetting<Payment> PAYMENT =
      new BucketSetting<>("requestPayment", Payment.class);
  static final String BUCKET_OWNER = "BucketOwner";

  BucketRequestPayment(S3Family.Parts parts) {
    super(parts);
  }

  public void putBucketRequestPayment(Caller caller, String name, String payer) {
    authorizedBucket(caller, name, "s3:PutBucketRequestPayment");
    if (!payer.equals(BUCKET_OWNER) && !payer.equals("Requester")) {
      throw S3Errors.malformedXml();
    }
    buckets.putSetting(name, PAYMENT, new Payment(payer));
  }

  /** The payer; BucketOwner unless the bucket was made Requester Pays. */
  public String getBucketRequestPayment(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:GetBucketRequestPayment");
    return buckets.findSetting(name, PAYMENT).map(Payment::payer).orElse(BUCKET_OWNER);
  }
}
