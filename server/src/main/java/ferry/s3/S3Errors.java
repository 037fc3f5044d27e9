package ferry.s3;

import ferry.aws.AwsException;
import ferry.aws.ErrorCode;

/**
 * S3's error catalogue.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html">S3 error
 *     responses</a>
 */
public final class S3Errors {
  private S3Errors() {}

  public static AwsException noSuchBucket(String bucket) {
    return new AwsException(
            ErrorCode.sender("NoSuchBucket", 404), "The specified bucket does not exist")
        .withField("BucketName", bucket);
  }

  public static AwsException noSuchKey(String key) {
    return new AwsException(ErrorCode.sender("NoSuchKey", 404), "The specified key does not exist.")
        .withField("Key", key);
  }

  public static AwsException noSuchVersion(String key, String versionId) {
    return new AwsException(
            ErrorCode.sender("NoSuchVersion", 404), "The specified version does not exist.")
        .withField("Key", key)
        .withField("VersionId", versionId);
  }

  public static AwsException bucketAlreadyExists(String bucket) {
    return new AwsException(
            ErrorCode.sender("BucketAlreadyExists", 409),
            "The requested bucket name is not available. The bucket namespace is shared by all"
                + " users of the system. Please select a different name and try again.")
        .withField("BucketName", bucket);
  }

  public static AwsException bucketAlreadyOwnedByYou(String bucket) {
    return new AwsException(
            ErrorCode.sender("BucketAlreadyOwnedByYou", 409),
            "Your previous request to create the named bucket succeeded and you already own it.")
        .withField("BucketName", bucket);
  }

  public static AwsException bucketNotEmpty(String bucket) {
    return new AwsException(
            ErrorCode.sender("BucketNotEmpty", 409), "The bucket you tried to delete is not empty")
        .withField("BucketName", bucket);
  }

  public static AwsException invalidBucketName(String bucket, String why) {
    return new AwsException(
            ErrorCode.sender("InvalidBucketName", 400), "The specified bucket is not valid. " + why)
        .withField("BucketName", bucket);
  }

  public static AwsException malformedXml() {
    return new AwsException(
        ErrorCode.sender("MalformedXML", 400),
        "The XML you provided was not well-formed or did not validate against our published"
            + " schema");
  }

  public static AwsException invalidArgument(String message, String name, String value) {
    return new AwsException(ErrorCode.sender("InvalidArgument", 400), message)
        .withField("ArgumentName", name)
        .withField("ArgumentValue", value);
  }

  public static AwsException invalidRequest(String message) {
    return new AwsException(ErrorCode.sender("InvalidRequest", 400), message);
  }

  public static AwsException badDigest(String message) {
    return new AwsException(ErrorCode.sender("BadDigest", 400), message);
  }

  public static AwsException invalidDigest() {
    return new AwsException(
        ErrorCode.sender("InvalidDigest", 400), "The Content-MD5 you specified was invalid.");
  }

  public static AwsException incompleteBody() {
    return new AwsException(
        ErrorCode.sender("IncompleteBody", 400),
        "You did not provide the number of bytes specified by the Content-Length HTTP header");
  }

  public static AwsException entityTooLarge(long size, long max) {
    return new AwsException(
            ErrorCode.sender("EntityTooLarge", 400),
            "Your proposed upload exceeds the maximum allowed size")
        .withField("ProposedSize", Long.toString(size))
        .withField("MaxSizeAllowed", Long.toString(max));
  }

  public static AwsException missingContentLength() {
    return new AwsException(
        ErrorCode.sender("MissingContentLength", 411),
        "You must provide the Content-Length HTTP header.");
  }

  public static AwsException invalidRange(long size) {
    return new AwsException(
            ErrorCode.sender("InvalidRange", 416), "The requested range is not satisfiable")
        .withField("ActualObjectSize", Long.toString(size));
  }

  public static AwsException preconditionFailed(String condition) {
    return new AwsException(
            ErrorCode.sender("PreconditionFailed", 412),
            "At least one of the pre-conditions you specified did not hold")
        .withField("Condition", condition);
  }

  public static AwsException notImplemented(String what) {
    return new AwsException(
        ErrorCode.sender("NotImplemented", 501),
        "A header or query you provided implies functionality that is not implemented: " + what);
  }

  public static AwsException methodNotAllowed(String method, String resourceType) {
    return new AwsException(
            ErrorCode.sender("MethodNotAllowed", 405),
            "The specified method is not allowed against this resource.")
        .withField("Method", method)
        .withField("ResourceType", resourceType);
  }

  public static AwsException accessDenied(String message) {
    return new AwsException(ErrorCode.sender("AccessDenied", 403), message);
  }
}
