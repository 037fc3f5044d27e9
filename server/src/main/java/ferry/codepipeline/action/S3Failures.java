package ferry.codepipeline.action;

import ferry.aws.AwsException;
import ferry.codepipeline.engine.ActionFailure;

/**
 * How the S3 actions report an S3 error: access problems as PermissionError, the rest as AWS does.
 */
final class S3Failures {
  private S3Failures() {}

  static ActionFailure of(AwsException error, String bucket) {
    return switch (error.code()) {
      case "AccessDenied", "AccessDeniedException", "KMS.AccessDeniedException" ->
          ActionFailure.permissionError(error);
      case "NoSuchBucket" ->
          ActionFailure.configurationError("The bucket '" + bucket + "' does not exist.");
      default -> ActionFailure.jobFailed(error.code() + ": " + error.getMessage());
    };
  }
}
