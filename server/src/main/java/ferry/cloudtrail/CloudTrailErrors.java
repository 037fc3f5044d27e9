package ferry.cloudtrail;

import ferry.authz.Verdict;
import ferry.aws.AwsException;
import ferry.aws.ErrorCode;

/** CloudTrail's error catalogue, as its API model names the errors. */
public final class CloudTrailErrors {
  private CloudTrailErrors() {}

  public static AwsException invalidLookupAttributes(String message) {
    return new AwsException(ErrorCode.sender("InvalidLookupAttributesException", 400), message);
  }

  public static AwsException invalidMaxResults() {
    return new AwsException(
        ErrorCode.sender("InvalidMaxResultsException", 400),
        "MaxResults must be between 1 and 50.");
  }

  public static AwsException invalidTimeRange() {
    return new AwsException(
        ErrorCode.sender("InvalidTimeRangeException", 400),
        "Start time must be before or equal to end time.");
  }

  public static AwsException invalidNextToken() {
    return new AwsException(
        ErrorCode.sender("InvalidNextTokenException", 400), "Invalid NextToken.");
  }

  public static AwsException invalidEventCategory(String category) {
    return new AwsException(
        ErrorCode.sender("InvalidEventCategoryException", 400),
        "Event category " + category + " is not valid; the only category is insight.");
  }

  public static AwsException accessDenied(Verdict verdict) {
    return new AwsException(ErrorCode.sender("AccessDeniedException", 400), verdict.message());
  }

  public static AwsException invalidTrailName(String message) {
    return new AwsException(ErrorCode.sender("InvalidTrailNameException", 400), message);
  }

  public static AwsException invalidArn(String arn) {
    return new AwsException(
        ErrorCode.sender("CloudTrailARNInvalidException", 400),
        "The ARN " + arn + " is not valid.");
  }

  public static AwsException trailNotFound(String arn, String account) {
    return new AwsException(
        ErrorCode.sender("TrailNotFoundException", 400),
        "Unknown trail: " + arn + " for the user: " + account);
  }

  public static AwsException trailAlreadyExists(String name, String account) {
    return new AwsException(
        ErrorCode.sender("TrailAlreadyExistsException", 400),
        "Trail " + name + " already exists for customer: " + account);
  }

  public static AwsException maximumTrails(String account, int max, String region) {
    return new AwsException(
        ErrorCode.sender("MaximumNumberOfTrailsExceededException", 400),
        "User: " + account + " already has " + max + " trails in " + region + ".");
  }

  public static AwsException bucketDoesNotExist(String bucket) {
    return new AwsException(
        ErrorCode.sender("S3BucketDoesNotExistException", 400),
        "S3 bucket " + bucket + " does not exist.");
  }

  public static AwsException insufficientBucketPolicy(String bucket) {
    return new AwsException(
        ErrorCode.sender("InsufficientS3BucketPolicyException", 400),
        "Incorrect S3 bucket policy is detected for bucket: " + bucket);
  }

  public static AwsException invalidS3Prefix(String prefix) {
    return new AwsException(
        ErrorCode.sender("InvalidS3PrefixException", 400),
        "The S3 prefix " + prefix + " is not valid.");
  }

  public static AwsException invalidBucketName(String bucket) {
    return new AwsException(
        ErrorCode.sender("InvalidS3BucketNameException", 400),
        "Bucket name " + bucket + " is not valid.");
  }

  public static AwsException invalidHomeRegion(String arn, String region) {
    return new AwsException(
        ErrorCode.sender("InvalidHomeRegionException", 400),
        "This operation must be called from the trail's home region: the trail "
            + arn
            + " is not in "
            + region
            + ".");
  }

  public static AwsException invalidParameterCombination(String message) {
    return new AwsException(ErrorCode.sender("InvalidParameterCombinationException", 400), message);
  }

  public static AwsException invalidEventSelectors(String message) {
    return new AwsException(ErrorCode.sender("InvalidEventSelectorsException", 400), message);
  }

  public static AwsException resourceNotFound(String arn) {
    return new AwsException(
        ErrorCode.sender("ResourceNotFoundException", 400), "Resource not found: " + arn + ".");
  }

  public static AwsException invalidTagParameter(String message) {
    return new AwsException(ErrorCode.sender("InvalidTagParameterException", 400), message);
  }

  public static AwsException tagsLimitExceeded(int max) {
    return new AwsException(
        ErrorCode.sender("TagsLimitExceededException", 400),
        "The number of tags per trail, event data store, or channel has exceeded the permitted"
            + " amount. Currently, the limit is "
            + max
            + ".");
  }

  /** A member Ferry does not serve: refused, never ignored. */
  public static AwsException unsupported(String message) {
    return new AwsException(ErrorCode.sender("UnsupportedOperationException", 400), message);
  }

  public static AwsException insufficientEncryptionPolicy(String bucket, String keyArn) {
    return new AwsException(
        ErrorCode.sender("InsufficientEncryptionPolicyException", 400),
        "Insufficient permissions to access S3 bucket " + bucket + " or KMS key " + keyArn + ".");
  }

  public static AwsException kmsKeyNotFound(String keyId) {
    return new AwsException(
        ErrorCode.sender("KmsKeyNotFoundException", 400),
        "KMS key " + keyId + " does not exist, or it is not in the trail's region.");
  }

  public static AwsException invalidKmsKeyId(String keyId) {
    return new AwsException(
        ErrorCode.sender("InvalidKmsKeyIdException", 400),
        "Invalid KMS key ID: "
            + keyId
            + ". Give a key id, a key ARN, an alias name (alias/…) or an"
            + " alias ARN.");
  }

  public static AwsException kms(String keyArn, String message) {
    return new AwsException(
        ErrorCode.sender("KmsException", 400),
        "KMS key " + keyArn + " cannot be used for the trail: " + message);
  }
}
