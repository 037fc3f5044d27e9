package ferry.codepipeline.engine;

import ferry.aws.AwsException;
import ferry.codepipeline.ErrorDetails;

/**
 * An action's failure, with the failure type CodePipeline reports ({@code JobFailed}, {@code
 * ConfigurationError}, {@code PermissionError}) and the message.
 */
public final class ActionFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private static final String DECISION_HEADER = "x-ferry-decision-id";
  private final String code;

  public ActionFailure(String code, String message) {
    super(message);
    this.code = code;
  }

  public static ActionFailure jobFailed(String message) {
    return new ActionFailure("JobFailed", message);
  }

  public static ActionFailure configurationError(String message) {
    return new ActionFailure("ConfigurationError", message);
  }

  /**
   * A denied call to another service: CodePipeline's sentence, then the service's own error, whose
   * message names the missing grant.
   */
  public static ActionFailure permissionError(AwsException denied) {
    String message = denied.code() + ": " + denied.getMessage();
    // The decision's id is what links the failed action to its explanation; every service names it
    // in its message today, and this keeps it there for one that does not.
    String decision = denied.headers().get(DECISION_HEADER);
    if (decision != null && !message.contains(decision)) {
      message += " (ferry explain " + decision + ")";
    }
    return new ActionFailure(
        "PermissionError",
        "The provided role does not have permissions to perform this action. Error: " + message);
  }

  public String code() {
    return code;
  }

  public ErrorDetails details() {
    return new ErrorDetails(code, getMessage());
  }
}
