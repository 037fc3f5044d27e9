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

  /** S3's answer to more requests on one key than it can serve; clients retry it with back-off. */
  public static AwsException slowDown() {
    return new AwsException(
        ErrorCode.receiver("SlowDown", 503), "Please reduce your request rate.");
  }

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

  public static AwsException invalidPartNumber() {
    return new AwsException(
        ErrorCode.sender("InvalidPartNumber", 416), "The requested partnumber is not satisfiable");
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

  public static AwsException noSuchUpload(String uploadId) {
    return new AwsException(
            ErrorCode.sender("NoSuchUpload", 404),
            "The specified upload does not exist. The upload ID may be invalid, or the upload may"
                + " have been aborted or completed.")
        .withField("UploadId", uploadId);
  }

  public static AwsException noSuchBucketPolicy(String bucket) {
    return new AwsException(
            ErrorCode.sender("NoSuchBucketPolicy", 404), "The bucket policy does not exist")
        .withField("BucketName", bucket);
  }

  public static AwsException ownershipControlsNotFound(String bucket) {
    return new AwsException(
            ErrorCode.sender("OwnershipControlsNotFoundError", 404),
            "The bucket ownership controls were not found")
        .withField("BucketName", bucket);
  }

  public static AwsException noSuchPublicAccessBlockConfiguration(String bucket) {
    return new AwsException(
            ErrorCode.sender("NoSuchPublicAccessBlockConfiguration", 404),
            "The public access block configuration was not found")
        .withField("BucketName", bucket);
  }

  public static AwsException malformedPolicy(String message) {
    return new AwsException(ErrorCode.sender("MalformedPolicy", 400), message);
  }

  public static AwsException accessControlListNotSupported() {
    return new AwsException(
        ErrorCode.sender("AccessControlListNotSupported", 400), "The bucket does not allow ACLs");
  }

  public static AwsException invalidPart(String message) {
    return new AwsException(ErrorCode.sender("InvalidPart", 400), message);
  }

  public static AwsException invalidPartOrder() {
    return new AwsException(
        ErrorCode.sender("InvalidPartOrder", 400),
        "The list of parts was not in ascending order. Parts must be ordered by part number.");
  }

  public static AwsException entityTooSmall(long size) {
    return new AwsException(
            ErrorCode.sender("EntityTooSmall", 400),
            "Your proposed upload is smaller than the minimum allowed object size.")
        .withField("ProposedSize", Long.toString(size))
        .withField("MinSizeAllowed", Long.toString(5L * 1024 * 1024));
  }

  public static AwsException illegalLocationConstraint(String message) {
    return new AwsException(ErrorCode.sender("IllegalLocationConstraintException", 400), message);
  }

  public static AwsException invalidLocationConstraint(String constraint) {
    return new AwsException(
            ErrorCode.sender("InvalidLocationConstraint", 400),
            "The specified location-constraint is not valid")
        .withField("LocationConstraint", constraint);
  }

  public static AwsException illegalVersioningConfiguration(String message) {
    return new AwsException(
        ErrorCode.sender("IllegalVersioningConfigurationException", 400), message);
  }

  public static AwsException invalidTag(String message) {
    return new AwsException(ErrorCode.sender("InvalidTag", 400), message);
  }

  public static AwsException keyTooLong(int length) {
    return new AwsException(ErrorCode.sender("KeyTooLongError", 400), "Your key is too long")
        .withField("Size", Integer.toString(length))
        .withField("MaxSizeAllowed", "1024");
  }

  public static AwsException invalidEncryptionAlgorithm(String value) {
    return invalidArgument(
        "The encryption method specified is not supported", "x-amz-server-side-encryption", value);
  }

  public static AwsException invalidBucketAclWithObjectOwnership() {
    return new AwsException(
        ErrorCode.sender("InvalidBucketAclWithObjectOwnership", 400),
        "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
  }

  public static AwsException objectLockConfigurationNotFound(String bucket) {
    return new AwsException(
            ErrorCode.sender("ObjectLockConfigurationNotFoundError", 404),
            "Object Lock configuration does not exist for this bucket")
        .withField("BucketName", bucket);
  }

  public static AwsException missingObjectLockConfiguration() {
    return invalidRequest("Bucket is missing Object Lock Configuration");
  }

  /** A header AWS accepts on some operations only, e.g. x-amz-server-side-encryption on a GET. */
  public static AwsException headerNotSupported(String header, String value) {
    return invalidArgument(header + " header is not supported for this operation.", header, value);
  }

  public static AwsException unexpectedContent() {
    return new AwsException(
        ErrorCode.sender("UnexpectedContent", 400), "This request does not support content");
  }

  public static AwsException invalidStorageClass(String storageClass) {
    return new AwsException(
            ErrorCode.sender("InvalidStorageClass", 400),
            "The storage class you specified is not valid")
        .withField("StorageClassRequested", storageClass);
  }

  public static AwsException badRequest(String message) {
    return new AwsException(ErrorCode.sender("BadRequest", 400), message);
  }

  public static AwsException noSuchTagSet(String bucket) {
    return new AwsException(ErrorCode.sender("NoSuchTagSet", 404), "The TagSet does not exist")
        .withField("BucketName", bucket);
  }

  public static AwsException noSuchCorsConfiguration(String bucket) {
    return new AwsException(
            ErrorCode.sender("NoSuchCORSConfiguration", 404),
            "The CORS configuration does not exist")
        .withField("BucketName", bucket);
  }

  /** A CORS preflight S3 refuses; {@code method} is the requested method, or OPTIONS. */
  public static AwsException corsForbidden(String message, String method, String resourceType) {
    return new AwsException(ErrorCode.sender("AccessForbidden", 403), "CORSResponse: " + message)
        .withField("Method", method)
        .withField("ResourceType", resourceType);
  }

  public static AwsException replicationConfigurationNotFound(String bucket) {
    return new AwsException(
            ErrorCode.sender("ReplicationConfigurationNotFoundError", 404),
            "The replication configuration was not found")
        .withField("BucketName", bucket);
  }

  public static AwsException noSuchWebsiteConfiguration(String bucket) {
    return new AwsException(
            ErrorCode.sender("NoSuchWebsiteConfiguration", 404),
            "The specified bucket does not have a website configuration")
        .withField("BucketName", bucket);
  }

  public static AwsException invalidRedirectLocation() {
    return new AwsException(
        ErrorCode.sender("InvalidRedirectLocation", 400),
        "The website redirect location must have a prefix of 'http://' or 'https://' or '/'.");
  }

  public static AwsException noSuchLifecycleConfiguration(String bucket) {
    return new AwsException(
            ErrorCode.sender("NoSuchLifecycleConfiguration", 404),
            "The lifecycle configuration does not exist")
        .withField("BucketName", bucket);
  }

  public static AwsException invalidTargetBucketForLogging(String targetBucket, String message) {
    return new AwsException(ErrorCode.sender("InvalidTargetBucketForLogging", 400), message)
        .withField("TargetBucket", targetBucket);
  }

  /** A logging target in another region than the bucket logged. */
  public static AwsException crossLocationLoggingProhibited(String source, String target) {
    return new AwsException(
            ErrorCode.sender("CrossLocationLoggingProhibitted", 403),
            "Cross S3 location logging not allowed. ")
        .withField("SourceBucketLocation", source)
        .withField("TargetBucketLocation", target);
  }

  public static AwsException protectedByObjectLock() {
    return accessDenied("Access Denied because object protected by object lock.");
  }

  public static AwsException retainUntilDateInPast() {
    return new AwsException(
        ErrorCode.sender("InvalidArgument", 400), "The retain until date must be in the future!");
  }

  public static AwsException noSuchObjectLockConfiguration() {
    return new AwsException(
        ErrorCode.sender("NoSuchObjectLockConfiguration", 404),
        "The specified object does not have a ObjectLock configuration");
  }

  public static AwsException invalidBucketState(String message) {
    return new AwsException(ErrorCode.sender("InvalidBucketState", 409), message);
  }

  public static AwsException invalidCustomerKeyAlgorithm() {
    return new AwsException(
        ErrorCode.sender("InvalidEncryptionAlgorithmError", 400),
        "The Encryption request you specified is not valid. Supported value: AES256.");
  }

  // ---- browser POST uploads ----

  public static AwsException invalidPolicyDocument(String message) {
    return new AwsException(ErrorCode.sender("InvalidPolicyDocument", 400), message);
  }

  /** A POST upload smaller than its policy's content-length-range allows. */
  public static AwsException entityTooSmall(long size, long min) {
    return new AwsException(
            ErrorCode.sender("EntityTooSmall", 400),
            "Your proposed upload is smaller than the minimum allowed size")
        .withField("ProposedSize", Long.toString(size))
        .withField("MinSizeAllowed", Long.toString(min));
  }

  public static AwsException malformedPostRequest() {
    return new AwsException(
        ErrorCode.sender("MalformedPOSTRequest", 400),
        "The body of your POST request is not well-formed multipart/form-data.");
  }

  public static AwsException maxPostPreDataLengthExceeded() {
    return new AwsException(
        ErrorCode.sender("MaxPostPreDataLengthExceededError", 400),
        "Your POST request fields preceeding the upload file was too large.");
  }
}
