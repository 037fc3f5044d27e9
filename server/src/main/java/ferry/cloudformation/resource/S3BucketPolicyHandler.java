package ferry.cloudformation.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.s3.S3Service;
import java.util.Map;
import java.util.Set;

/**
 * AWS::S3::BucketPolicy through S3's GetBucketPolicy (a bucket with a policy already is refused),
 * PutBucketPolicy and DeleteBucketPolicy, as the caller: a malformed document gets S3's
 * MalformedPolicy. Its physical id is the bucket's name, the type's primary identifier; another
 * Bucket replaces it.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucketpolicy.html">AWS::S3::BucketPolicy</a>
 */
public final class S3BucketPolicyHandler implements ResourceHandler {
  private static final ResourceSchema SCHEMA =
      new ResourceSchema(
          "AWS::S3::BucketPolicy",
          Set.of("Bucket", "PolicyDocument"),
          Set.of("Bucket", "PolicyDocument"),
          Set.of("Bucket"),
          Set.of(),
          null);

  private final S3Service s3;

  public S3BucketPolicyHandler(S3Service s3) {
    this.s3 = s3;
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Provisioned create(ResourceRequest request) {
    PropertyValues properties = PropertyValues.of(request);
    String bucket = properties.requiredString("Bucket");
    String policy = properties.requiredDocument("PolicyDocument");
    requireNoPolicy(request, bucket);
    s3.configuration().putBucketPolicy(request.caller(), bucket, policy);
    return new Provisioned(bucket, Map.of());
  }

  @Override
  public Provisioned update(
      ResourceRequest request, Provisioned current, ObjectNode previousProperties) {
    PropertyValues properties = PropertyValues.of(request);
    if (properties.changed(
        PropertyValues.of(request.logicalId(), previousProperties), "PolicyDocument")) {
      s3.configuration()
          .putBucketPolicy(request.caller(), current.physicalId(), policy(properties));
    }
    return current;
  }

  /** DeleteBucketPolicy; a bucket that is gone has no policy left to delete. */
  @Override
  public void delete(ResourceRequest request, Provisioned current) {
    try {
      s3.configuration().deleteBucketPolicy(request.caller(), current.physicalId());
    } catch (AwsException e) {
      if (!e.code().equals("NoSuchBucket")) {
        throw e;
      }
    }
  }

  /**
   * A bucket that has a policy already is another resource's (or was set by hand): its policy is
   * not taken over, as AWS's handler, which reads it first, does not.
   */
  private void requireNoPolicy(ResourceRequest request, String bucket) {
    try {
      s3.configuration().getBucketPolicy(request.caller(), bucket);
    } catch (AwsException e) {
      if (e.code().equals("NoSuchBucketPolicy")) {
        return;
      }
      throw e;
    }
    throw HandlerErrors.alreadyExists("AWS::S3::BucketPolicy", bucket);
  }

  private static String policy(PropertyValues properties) {
    return properties.requiredDocument("PolicyDocument");
  }
}
