package ferry.cloudformation.resource;

import ferry.aws.AwsException;
import ferry.aws.ErrorCode;

/**
 * A resource handler's own refusals, by CloudFormation's handler error codes: a property Ferry does
 * not implement or a malformed one ({@code InvalidRequest}), a change the type cannot make in place
 * ({@code NotUpdatable}). A service's refusal is thrown as that service's error instead.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-test-contract-errors.html">Handler
 *     error codes</a>
 */
final class HandlerErrors {
  private HandlerErrors() {}

  static AwsException invalidRequest(String message) {
    return new AwsException(ErrorCode.sender("InvalidRequest", 400), message);
  }

  /** A property (or a value of it) whose feature Ferry does not implement: refused, not ignored. */
  static AwsException unsupported(String typeName, String property, String why) {
    return invalidRequest(
        "Ferry does not support " + property + " of " + typeName + ": " + why + ".");
  }

  static AwsException notUpdatable(String message) {
    return new AwsException(ErrorCode.sender("NotUpdatable", 400), message);
  }

  /** A named resource that exists already: CloudFormation does not adopt it. */
  static AwsException alreadyExists(String typeName, String identifier) {
    return new AwsException(
        ErrorCode.sender("AlreadyExists", 400),
        "Resource of type '" + typeName + "' with identifier '" + identifier + "' already exists.");
  }

  /** A property of the wrong type, as CloudFormation's schema validation words it. */
  static AwsException propertyValidation(String logicalId, String message) {
    return invalidRequest(
        "Properties validation failed for resource " + logicalId + " with message: " + message);
  }
}
