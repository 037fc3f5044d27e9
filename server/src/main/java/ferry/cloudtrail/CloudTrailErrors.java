package ferry.cloudtrail;

import ferry.authz.Verdict;
import ferry.aws.AwsException;
import ferry.aws.ErrorCode;

/** CloudTrail's error catalogue, as its API model names the errors. */
public final class CloudTrailErrors {
  private CloudTrailErrors() {}

  public static AwsException invalidLookupAttributes(String message) {
    return new AwsException(ErrorCode.sender("InvalidLookupAttributesException", 400), message);
  }

  public static AwsException invalidMaxResults() {
    return new AwsException(
        ErrorCode.sender("InvalidMaxResultsException", 400),
        "MaxResults must be between 1 and 50.");
  }

  public static AwsException invalidTimeRange() {
    return new AwsException(
        ErrorCode.sender("InvalidTimeRangeException", 400),
        "Start time must be before or equal to end time.");
  }

  public static AwsException invalidNextToken() {
    return new AwsException(
        ErrorCode.sender("InvalidNextTokenException", 400), "Invalid NextToken.");
  }

  public static AwsException invalidEventCategory(String category) {
    return new AwsException(
        ErrorCode.sender("InvalidEventCategoryException", 400),
        "Event category " + category + " is not valid; the only category is insight.");
  }

  public static AwsException accessDenied(Verdict verdict) {
    return new AwsException(ErrorCode.sender("AccessDeniedException", 400), verdict.message());
  }
}
