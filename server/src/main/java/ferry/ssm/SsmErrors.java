package ferry.ssm;

import ferry.authz.Verdict;
import ferry.aws.AwsException;
import ferry.aws.ErrorCode;

/** SSM's error catalogue, as its API model names the errors. */
public final class SsmErrors {
  private SsmErrors() {}

  public static AwsException validation(String message) {
    return new AwsException(ErrorCode.sender("ValidationException", 400), message);
  }

  public static AwsException accessDenied(Verdict verdict) {
    return new AwsException(ErrorCode.sender("AccessDeniedException", 400), verdict.message())
        .withHeader("x-ferry-decision-id", verdict.id());
  }

  /** KMS's denial of the call SSM made for the caller, with KMS's explanation and decision id. */
  public static AwsException accessDenied(AwsException kmsDenial) {
    AwsException denied =
        new AwsException(ErrorCode.sender("AccessDeniedException", 400), kmsDenial.getMessage());
    for (var header : kmsDenial.headers().entrySet()) {
      denied = denied.withHeader(header.getKey(), header.getValue());
    }
    return denied;
  }

  public static AwsException parameterNotFound(String name) {
    return new AwsException(
        ErrorCode.sender("ParameterNotFound", 400), "Parameter " + name + " not found.");
  }

  public static AwsException parameterVersionNotFound(String name, String selector) {
    return new AwsException(
        ErrorCode.sender("ParameterVersionNotFound", 400),
        "Systems Manager could not find version "
            + selector
            + " of "
            + name
            + ". Verify the version and try again.");
  }

  public static AwsException parameterAlreadyExists() {
    return new AwsException(
        ErrorCode.sender("ParameterAlreadyExists", 400),
        "The parameter already exists. To overwrite this value, set the overwrite option in the"
            + " request to true.");
  }

  public static AwsException hierarchyLevelLimitExceeded() {
    return new AwsException(
        ErrorCode.sender("HierarchyLevelLimitExceededException", 400),
        "A hierarchy can have a maximum of 15 levels. For more information, see"
            + " https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-parameter-name-constraints.html");
  }

  public static AwsException invalidAllowedPattern(String reason) {
    return new AwsException(
        ErrorCode.sender("InvalidAllowedPatternException", 400),
        "The request does not meet the regular expression requirement: " + reason);
  }

  public static AwsException patternMismatch(String pattern) {
    return new AwsException(
        ErrorCode.sender("ParameterPatternMismatchException", 400),
        "Parameter value, cannot be validated against allowedPattern: " + pattern);
  }

  public static AwsException invalidKeyId(String message) {
    return new AwsException(ErrorCode.sender("InvalidKeyId", 400), message);
  }

  public static AwsException invalidNextToken() {
    return new AwsException(
        ErrorCode.sender("InvalidNextToken", 400), "The specified token isn't valid.");
  }

  public static AwsException invalidFilterKey(String message) {
    return new AwsException(ErrorCode.sender("InvalidFilterKey", 400), message);
  }

  public static AwsException invalidFilterOption(String message) {
    return new AwsException(ErrorCode.sender("InvalidFilterOption", 400), message);
  }

  public static AwsException invalidFilterValue(String message) {
    return new AwsException(ErrorCode.sender("InvalidFilterValue", 400), message);
  }

  public static AwsException invalidResourceType() {
    return new AwsException(
        ErrorCode.sender("InvalidResourceType", 400),
        "Ferry's Systems Manager tags parameters only: the ResourceType must be Parameter.");
  }

  public static AwsException invalidResourceId(String id) {
    return new AwsException(
        ErrorCode.sender("InvalidResourceId", 400),
        "The resource ID " + id + " is not valid: no parameter has this name.");
  }

  public static AwsException tooManyTags(int max) {
    return new AwsException(
        ErrorCode.sender("TooManyTagsError", 400),
        "The Tags parameter contains too many entries: a parameter can have at most "
            + max
            + " tags.");
  }

  public static AwsException invalidTag(String message) {
    return validation(message);
  }

  /** A feature Ferry does not serve: refused, never ignored. */
  public static AwsException unsupported(String message) {
    return new AwsException(ErrorCode.sender("UnsupportedOperationException", 400), message);
  }

  public static AwsException tooManyUpdates() {
    return new AwsException(
        ErrorCode.sender("TooManyUpdates", 400),
        "There are concurrent updates for the resource that you are trying to update. Please try"
            + " again.");
  }

  /** A member outside its model's bounds, worded as AWS's model validation words it. */
  public static AwsException outOfRange(String member, Object value, String constraint) {
    return validation(
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + member
            + "' failed to satisfy constraint: Member must "
            + constraint);
  }
}
