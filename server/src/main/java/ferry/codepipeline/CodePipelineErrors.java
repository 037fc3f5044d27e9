package ferry.codepipeline;

import ferry.aws.AccountId;
import ferry.aws.AwsException;
import ferry.aws.ErrorCode;

/**
 * CodePipeline's error catalogue: every modeled exception is HTTP 400 with a message.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/codepipeline/latest/APIReference/CommonErrors.html">Common
 *     errors</a>
 */
public final class CodePipelineErrors {
  private CodePipelineErrors() {}

  private static AwsException error(String code, String message) {
    return new AwsException(ErrorCode.sender(code, 400), message);
  }

  public static AwsException pipelineNotFound(AccountId account, String name) {
    return error(
        "PipelineNotFoundException",
        "Account '" + account + "' does not have a pipeline with name '" + name + "'");
  }

  public static AwsException pipelineNotFoundForUpdate(AccountId account, String name) {
    return error(
        "PipelineNotFoundException",
        "The account with id '"
            + account
            + "' does not include a pipeline with the name '"
            + name
            + "'");
  }

  public static AwsException pipelineVersionNotFound(String name, int version) {
    return error(
        "PipelineVersionNotFoundException",
        "Pipeline '" + name + "' does not have a version " + version);
  }

  public static AwsException executionNotFound(AccountId account, String id, String pipeline) {
    return error(
        "PipelineExecutionNotFoundException",
        "Account '"
            + account
            + "' does not have an execution with id '"
            + id
            + "' for pipeline '"
            + pipeline
            + "'");
  }

  public static AwsException nameInUse(AccountId account, String name) {
    return error(
        "PipelineNameInUseException",
        "A pipeline with the name '" + name + "' already exists in account '" + account + "'");
  }

  public static AwsException invalidStructure(String message) {
    return error("InvalidStructureException", message);
  }

  public static AwsException invalidStage(String message) {
    return error("InvalidStageDeclarationException", message);
  }

  public static AwsException invalidAction(String message) {
    return error("InvalidActionDeclarationException", message);
  }

  public static AwsException invalidBlocker(String message) {
    return error("InvalidBlockerDeclarationException", message);
  }

  /** A request member Ferry does not implement: refused rather than ignored. */
  public static AwsException unsupportedParameter(String operation, String member) {
    return validation("Ferry does not support the parameter " + member + " of " + operation + ".");
  }

  public static AwsException validation(String message) {
    return error("ValidationException", message);
  }

  public static AwsException limitExceeded(String message) {
    return error("LimitExceededException", message);
  }

  public static AwsException stageNotFound(String stage, String pipeline) {
    return error(
        "StageNotFoundException",
        "Stage '" + stage + "' does not exist in pipeline '" + pipeline + "'");
  }

  public static AwsException stageNotRetryable(String message) {
    return error("StageNotRetryableException", message);
  }

  public static AwsException notLatestExecution(String message) {
    return error("NotLatestPipelineExecutionException", message);
  }

  public static AwsException notStoppable(String message) {
    return error("PipelineExecutionNotStoppableException", message);
  }

  public static AwsException duplicatedStop(String message) {
    return error("DuplicatedStopRequestException", message);
  }

  public static AwsException conflict(String message) {
    return error("ConflictException", message);
  }

  public static AwsException actionNotFound(String message) {
    return error("ActionNotFoundException", message);
  }

  public static AwsException approvalAlreadyCompleted(String message) {
    return error("ApprovalAlreadyCompletedException", message);
  }

  public static AwsException invalidApprovalToken(String message) {
    return error("InvalidApprovalTokenException", message);
  }

  public static AwsException accessDenied(String message) {
    return error("AccessDeniedException", message);
  }

  public static AwsException invalidTags(String message) {
    return error("InvalidTagsException", message);
  }

  public static AwsException tooManyTags(String message) {
    return error("TooManyTagsException", message);
  }

  public static AwsException invalidArn(String message) {
    return error("InvalidArnException", message);
  }

  public static AwsException resourceNotFound(String message) {
    return error("ResourceNotFoundException", message);
  }
}
