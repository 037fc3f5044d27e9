package ferry.s3;

import ferry.aws.Caller;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Objects an AWS service writes into a customer's bucket for one of its resources, such as
 * CloudTrail's log files. The service is the caller, through the same authorization as any client,
 * with the aws:SourceArn and aws:SourceAccount of its resource and the {@code
 * bucket-owner-full-control} ACL it sends as condition keys: the bucket policy decides, as in AWS.
 * The objects belong to the bucket owner.
 *
 * <p>AWS's documented policies for such deliveries grant s3:PutObject alone, with a condition on
 * s3:x-amz-acl; the ACL therefore counts here as a condition key and not as a PutObjectAcl.
 */
public final class ServiceWrites extends S3Family {
  private static final Map<String, String> OWNER_FULL_CONTROL =
      Map.of("s3:x-amz-acl", CannedAcl.BUCKET_OWNER_FULL_CONTROL.wireName());

  private final ObjectOperations objects;

  ServiceWrites(S3Family.Parts parts, ObjectOperations objects) {
    super(parts);
    this.objects = objects;
  }

  /**
   * Whether the service could deliver under {@code key}: the bucket exists (else NoSuchBucket) and
   * its policy lets the service read the bucket ACL and put the object (else AccessDenied).
   */
  public void check(Caller service, String bucketName, String key, Map<String, String> source) {
    Bucket bucket = bucket(bucketName);
    Map<String, String> context = context(source);
    access.requireBucket(service, "s3:GetBucketAcl", bucket, source);
    access.requireObjectKeys(
        service,
        "s3:PutObject",
        bucket,
        key,
        bucket.owner(),
        bucket.effectiveAcl(),
        S3Access.multivalued(context));
  }

  /** Writes one object as the service; throws the AWS error S3 answers with. */
  public PutObjectResult put(
      Caller service,
      String bucket,
      String key,
      byte[] body,
      Map<String, String> headers,
      Map<String, String> source) {
    return objects.putObject(
        service,
        PutObjectRequest.of(
            bucket, key, new ByteArrayInputStream(body), body.length, headers, null),
        context(source));
  }

  /**
   * Writes one SSE-KMS object as the service: S3 asks KMS, as the service, for a data key under
   * {@code kmsKeyArn} bound to the object's ARN and to {@code encryptionContext}, with the source
   * keys for the key policy to test; throws the AWS error S3 answers with (AccessDenied when the
   * key policy does not let the service use the key).
   */
  public PutObjectResult putEncrypted(
      Caller service,
      String bucket,
      String key,
      byte[] body,
      Map<String, String> headers,
      Map<String, String> source,
      String kmsKeyArn,
      Map<String, String> encryptionContext) {
    PutObjectRequest request =
        new PutObjectRequest(
            bucket,
            key,
            new ByteArrayInputStream(body),
            body.length,
            headers,
            BodyIntegrity.NONE,
            AccessControlList.NONE,
            Map.of(),
            new ServerSideEncryption(ServerSideEncryption.AWS_KMS, kmsKeyArn, false),
            null,
            null);
    return objects.putObject(
        service, request, context(source), new DataKeys.ServiceContext(encryptionContext, source));
  }

  private static Map<String, String> context(Map<String, String> source) {
    Map<String, String> context = new HashMap<>(source);
    context.putAll(OWNER_FULL_CONTROL);
    return context;
  }
}
