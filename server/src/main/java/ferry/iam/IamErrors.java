package ferry.iam;

import ferry.authz.Verdict;
import ferry.aws.AwsException;
import ferry.aws.ErrorCode;

/**
 * IAM's error catalogue, in AWS's codes and words.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html">Common
 *     errors</a>
 */
public final class IamErrors {
  private IamErrors() {}

  public static AwsException accessDenied(Verdict verdict) {
    return new AwsException(ErrorCode.sender("AccessDenied", 403), verdict.message())
        .withHeader("x-ferry-decision-id", verdict.id());
  }

  /** A request without credentials, where the query protocol needs them. */
  public static AwsException missingAuthentication() {
    return new AwsException(
        ErrorCode.sender("MissingAuthenticationToken", 403),
        "Request is missing Authentication Token");
  }

  public static AwsException noSuchEntity(String message) {
    return new AwsException(ErrorCode.sender("NoSuchEntity", 404), message);
  }

  public static AwsException noSuchUser(String name) {
    return noSuchEntity("The user with name " + name + " cannot be found.");
  }

  public static AwsException noSuchRole(String name) {
    return noSuchEntity("The role with name " + name + " cannot be found.");
  }

  public static AwsException noSuchGroup(String name) {
    return noSuchEntity("The group with name " + name + " cannot be found.");
  }

  public static AwsException noSuchPolicy(String arn) {
    return noSuchEntity("Policy " + arn + " was not found.");
  }

  public static AwsException notAttachable(String arn) {
    return noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
  }

  public static AwsException noSuchPolicyVersion(String arn, String versionId) {
    return noSuchEntity(
        "Policy " + arn + " version " + versionId + " does not exist or is not attachable.");
  }

  public static AwsException noSuchInlinePolicy(EntityKind kind, String name) {
    return noSuchEntity("The " + kind.word() + " policy with name " + name + " cannot be found.");
  }

  public static AwsException noSuchAccessKey(String id) {
    return noSuchEntity("The Access Key with id " + id + " cannot be found.");
  }

  public static AwsException alreadyExists(String message) {
    return new AwsException(ErrorCode.sender("EntityAlreadyExists", 409), message);
  }

  public static AwsException deleteConflict(String message) {
    return new AwsException(ErrorCode.sender("DeleteConflict", 409), message);
  }

  public static AwsException limitExceeded(String message) {
    return new AwsException(ErrorCode.sender("LimitExceeded", 409), message);
  }

  public static AwsException malformedPolicy(String message) {
    return new AwsException(ErrorCode.sender("MalformedPolicyDocument", 400), message);
  }

  public static AwsException invalidInput(String message) {
    return new AwsException(ErrorCode.sender("InvalidInput", 400), message);
  }

  /** A request member Ferry does not implement: refused rather than ignored. */
  public static AwsException unsupportedParameter(String operation, String member) {
    return invalidInput(
        "Ferry does not support the parameter " + member + " of " + operation + ".");
  }

  public static AwsException validation(String message) {
    return new AwsException(ErrorCode.sender("ValidationError", 400), message);
  }

  /** {@code 1 validation error detected: Value 'v' at 'field' failed to satisfy constraint: …}. */
  public static AwsException constraint(String field, String value, String constraint) {
    return validation(
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + field
            + "' failed to satisfy constraint: "
            + constraint);
  }
}
