package ferry.codepipeline.engine;

import ferry.aws.AwsException;
import ferry.codepipeline.ErrorDetails;

/**
 * An action's failure, with the failure type CodePipeline reports ({@code JobFailed}, {@code
 * ConfigurationError}, {@code PermissionError}) and the message.
 */
public final class ActionFailure extends Exception {
  private static final long serialVersionUID = 1L;
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
    return new ActionFailure(
        "PermissionError",
        "The provided role does not have permissions to perform this action. Error: "
            + denied.code()
            + ": "
            + denied.getMessage());
  }

  public String code() {
    return code;
  }

  public ErrorDetails details() {
    return new ErrorDetails(code, getMessage());
  }
}
