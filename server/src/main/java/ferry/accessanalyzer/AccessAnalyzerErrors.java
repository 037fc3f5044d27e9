package ferry.accessanalyzer;

import ferry.authz.Verdict;
import ferry.aws.AwsException;
import ferry.aws.ErrorCode;

/** IAM Access Analyzer's error catalogue, as its API model names the errors. */
public final class AccessAnalyzerErrors {
  private AccessAnalyzerErrors() {}

  /**
   * A request member that is missing or wrong; {@code reason} is one of the model's
   * ValidationExceptionReason values.
   */
  public static AwsException validation(String reason, String message) {
    return new AwsException(ErrorCode.sender("ValidationException", 400), message)
        .withField("reason", reason);
  }

  public static AwsException invalidField(String field, String message) {
    return validation("fieldValidationFailed", message);
  }

  public static AwsException noSuchJob(String jobId) {
    return validation("fieldValidationFailed", "No policy generation job " + jobId + " exists");
  }

  public static AwsException accessDenied(Verdict verdict) {
    return new AwsException(ErrorCode.sender("AccessDeniedException", 403), verdict.message());
  }
}
