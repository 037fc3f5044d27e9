package ferry.kms;

import ferry.authz.Verdict;
import ferry.aws.AwsException;
import ferry.aws.ErrorCode;

/**
 * KMS's error catalogue. Every KMS error, access denial included, is HTTP 400.
 *
 * @see <a href="https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html">KMS
 *     errors</a>
 */
public final class KmsErrors {
  private KmsErrors() {}

  /** An error of a code this catalogue has no factory for. */
  public static AwsException error(String code, String message) {
    return new AwsException(ErrorCode.sender(code, 400), message);
  }

  public static AwsException keyNotFound(String keyArn) {
    return error("NotFoundException", "Key '" + keyArn + "' does not exist");
  }

  public static AwsException aliasNotFound(String aliasArn) {
    return error("NotFoundException", "Alias " + aliasArn + " is not found.");
  }

  public static AwsException invalidKeyId(String keyId) {
    return error("NotFoundException", "Invalid keyId '" + keyId + "'");
  }

  public static AwsException invalidArn(String arn) {
    return error("NotFoundException", "Invalid arn " + arn);
  }

  public static AwsException disabled(String keyArn) {
    return error("DisabledException", keyArn + " is disabled.");
  }

  public static AwsException pendingDeletion(String keyArn) {
    return error("KMSInvalidStateException", keyArn + " is pending deletion.");
  }

  public static AwsException notPendingDeletion(String keyArn) {
    return error("KMSInvalidStateException", keyArn + " is not pending deletion.");
  }

  public static AwsException invalidState(String message) {
    return error("KMSInvalidStateException", message);
  }

  public static AwsException aliasAlreadyExists(String aliasArn) {
    return error(
        "AlreadyExistsException", "An alias with the name " + aliasArn + " already exists");
  }

  public static AwsException invalidAliasName(String message) {
    return error("InvalidAliasNameException", message);
  }

  public static AwsException malformedPolicy(String message) {
    return error("MalformedPolicyDocumentException", message);
  }

  /** A ciphertext that is not one of ours, was altered, or is used with another context. */
  public static AwsException invalidCiphertext() {
    return error(
        "InvalidCiphertextException",
        "The ciphertext is invalid: it was altered, was not produced by KMS, or the encryption"
            + " context differs from the one it was encrypted with.");
  }

  public static AwsException incorrectKey() {
    return error(
        "IncorrectKeyException",
        "The key ID in the request does not identify a CMK that can perform this operation.");
  }

  public static AwsException validation(String message) {
    return error("ValidationException", message);
  }

  /** One member that breaks a constraint, in AWS's words. */
  public static AwsException constraint(String member, String value, String constraint) {
    return validation(
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + member
            + "' failed to satisfy constraint: "
            + constraint);
  }

  public static AwsException invalidKeyUsage(String message) {
    return error("InvalidKeyUsageException", message);
  }

  public static AwsException unsupportedOperation(String message) {
    return error("UnsupportedOperationException", message);
  }

  /** A request member Ferry does not implement: refused rather than ignored. */
  public static AwsException unsupportedParameter(String operation, String member) {
    return unsupportedOperation(
        "Ferry does not support the parameter " + member + " of " + operation + ".");
  }

  /** A DryRun request that passed every check: nothing was done. */
  public static AwsException dryRun() {
    return new AwsException(
        ErrorCode.sender("DryRunOperationException", 412),
        "The request would have succeeded, but the DryRun option is set.");
  }

  public static AwsException customKeyStoreNotFound(String id) {
    return error(
        "CustomKeyStoreNotFoundException",
        "Custom key store " + id + " does not exist: Ferry has no custom key stores.");
  }

  public static AwsException limitExceeded(String message) {
    return error("LimitExceededException", message);
  }

  public static AwsException invalidMarker() {
    return error("InvalidMarkerException", "The Marker is not one this operation returned.");
  }

  public static AwsException tag(String message) {
    return error("TagException", message);
  }

  public static AwsException invalidGrantId(String grantId) {
    return error("InvalidGrantIdException", "Grant ID " + grantId + " not found.");
  }

  public static AwsException invalidGrantToken() {
    return error("InvalidGrantTokenException", "The grant token is not valid.");
  }

  public static AwsException accessDenied(Verdict verdict) {
    return error("AccessDeniedException", verdict.message())
        .withHeader("x-ferry-decision-id", verdict.id());
  }

  public static AwsException accessDenied(String message) {
    return error("AccessDeniedException", message);
  }

  /** Decrypt of a ciphertext whose key does not exist in this region. */
  public static AwsException ciphertextKeyUnavailable(String callerArn) {
    return error(
        "AccessDeniedException",
        "User: "
            + callerArn
            + " is not authorized to perform: kms:Decrypt on the resource associated with this"
            + " ciphertext because the resource does not exist in this Region, no resource-based"
            + " policies allow access, or a resource-based policy explicitly denies access");
  }
}
