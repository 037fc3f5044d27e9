package ferry.cloudformation;

import ferry.authz.Verdict;
import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import java.util.List;

/** CloudFormation's error catalogue, with the codes and words of its API. */
public final class CloudFormationErrors {
  private CloudFormationErrors() {}

  public static AwsException validation(String message) {
    return new AwsException(ErrorCode.sender("ValidationError", 400), message);
  }

  public static AwsException accessDenied(Verdict verdict) {
    return new AwsException(ErrorCode.sender("AccessDenied", 403), verdict.message())
        .withHeader("x-ferry-decision-id", verdict.id());
  }

  public static AwsException stackNotFound(String nameOrId) {
    return validation("Stack with id " + nameOrId + " does not exist");
  }

  public static AwsException alreadyExists(String name) {
    return new AwsException(
        ErrorCode.sender("AlreadyExistsException", 400), "Stack [" + name + "] already exists");
  }

  public static AwsException changeSetAlreadyExists(String name) {
    return new AwsException(
        ErrorCode.sender("AlreadyExistsException", 400), "ChangeSet [" + name + "] already exists");
  }

  public static AwsException changeSetNotFound(String nameOrId) {
    return new AwsException(
        ErrorCode.sender("ChangeSetNotFound", 404), "ChangeSet [" + nameOrId + "] does not exist");
  }

  public static AwsException invalidChangeSetStatus(String message) {
    return new AwsException(ErrorCode.sender("InvalidChangeSetStatus", 400), message);
  }

  public static AwsException insufficientCapabilities(List<String> needed) {
    return new AwsException(
        ErrorCode.sender("InsufficientCapabilitiesException", 400),
        "Requires capabilities : " + needed);
  }

  public static AwsException noUpdates() {
    return validation("No updates are to be performed.");
  }

  /** A stack in the middle of an operation takes no other. */
  public static AwsException inProgress(String stackId, StackStatus status, String operation) {
    return validation(
        "Stack:" + stackId + " is in " + status + " state and can not be " + operation);
  }

  /** A member Ferry's CloudFormation does not act on, refused rather than ignored. */
  public static AwsException unsupported(String operation, String member) {
    return validation(
        operation
            + " with "
            + member
            + " is not supported by Ferry's CloudFormation; send the request without it");
  }
}
