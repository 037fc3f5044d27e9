package ferry.sts;

import ferry.authz.Verdict;
import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import ferry.iam.IamErrors;

/**
 * STS's error catalogue, in AWS's codes and words.
 *
 * @see <a href="https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html">AssumeRole
 *     errors</a>
 */
public final class StsErrors {
  private StsErrors() {}

  public static AwsException accessDenied(Verdict verdict) {
    return accessDenied(verdict.message()).withHeader("x-ferry-decision-id", verdict.id());
  }

  public static AwsException accessDenied(String message) {
    return new AwsException(ErrorCode.sender("AccessDenied", 403), message);
  }

  public static AwsException validation(String message) {
    return IamErrors.validation(message);
  }

  /** A request member Ferry does not implement: refused rather than ignored. */
  public static AwsException unsupportedParameter(String operation, String member) {
    return validation("Ferry does not support the parameter " + member + " of " + operation + ".");
  }

  /** The same ValidationError wording as IAM's. */
  public static AwsException constraint(String field, String value, String constraint) {
    return IamErrors.constraint(field, value, constraint);
  }

  public static AwsException malformedPolicy(String message) {
    return new AwsException(ErrorCode.sender("MalformedPolicyDocument", 400), message);
  }

  public static AwsException packedPolicyTooLarge(int percent) {
    return new AwsException(
        ErrorCode.sender("PackedPolicyTooLarge", 400),
        "Packed policy consumes " + percent + "% of allotted space, please use smaller policy.");
  }
}
