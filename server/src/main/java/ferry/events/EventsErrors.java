package ferry.events;

import ferry.aws.AwsException;
import ferry.aws.ErrorCode;

/**
 * EventBridge's error catalogue.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/eventbridge/latest/APIReference/CommonErrors.html">Common
 *     errors</a>
 */
public final class EventsErrors {
  private EventsErrors() {}

  public static AwsException ruleNotFound(String name, String bus) {
    return new AwsException(
        ErrorCode.sender("ResourceNotFoundException", 400),
        "Rule " + name + " does not exist on EventBus " + bus + ".");
  }

  public static AwsException busNotFound(String bus) {
    return new AwsException(
        ErrorCode.sender("ResourceNotFoundException", 400),
        "Event bus " + bus + " does not exist.");
  }

  public static AwsException invalidEventPattern(String reason) {
    return new AwsException(
        ErrorCode.sender("InvalidEventPatternException", 400),
        "Event pattern is not valid. Reason: " + reason);
  }

  /** A request member Ferry does not implement: refused rather than ignored. */
  public static AwsException unsupportedParameter(String operation, String member) {
    return validation("Ferry does not support the parameter " + member + " of " + operation + ".");
  }

  public static AwsException validation(String message) {
    return new AwsException(ErrorCode.sender("ValidationException", 400), message);
  }

  public static AwsException ruleHasTargets(String name) {
    return validation("Rule can't be deleted since it has targets.");
  }

  public static AwsException accessDenied(String message) {
    return new AwsException(ErrorCode.sender("AccessDeniedException", 400), message);
  }

  public static AwsException resourceNotFound(String message) {
    return new AwsException(ErrorCode.sender("ResourceNotFoundException", 400), message);
  }

  public static AwsException alreadyExists(String message) {
    return new AwsException(ErrorCode.sender("ResourceAlreadyExistsException", 400), message);
  }

  /** More than 50 tags on a resource. */
  public static AwsException tooManyTags() {
    return new AwsException(
        ErrorCode.sender("LimitExceededException", 400),
        "The requested resource exceeds the maximum number allowed: a resource has at most 50"
            + " tags.");
  }
}
