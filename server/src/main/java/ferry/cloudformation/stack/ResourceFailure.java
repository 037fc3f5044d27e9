package ferry.cloudformation.stack;

import ferry.aws.AwsException;
import java.util.Locale;
import java.util.UUID;

/**
 * A resource operation's failure as CloudFormation words it in the resource's status reason: for a
 * service's refusal, the handler's message with the service, status and request id, then the
 * request token and the handler error code; Ferry adds the decision id of a denial (for {@code
 * ferry explain}) when the service's message does not already name it.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-test-contract-errors.html">Handler
 *     error codes</a>
 */
final class ResourceFailure {
  private static final String DECISION_HEADER = "x-ferry-decision-id";

  private ResourceFailure() {}

  static String reason(String type, AwsException error) {
    if ("ValidationError".equals(error.code())
        && error.getMessage() != null
        && (error.getMessage().startsWith("Template")
            || error.getMessage().startsWith("Properties")
            || error.getMessage().startsWith("Encountered"))) {
      return error.getMessage();
    }
    String message = error.getMessage();
    String decision = error.headers().get(DECISION_HEADER);
    if (decision != null && !message.contains(decision)) {
      message += " (ferry explain " + decision + ")";
    }
    String requestId = decision != null ? decision : UUID.randomUUID().toString();
    return "Resource handler returned message: \""
        + message
        + " (Service: "
        + service(type)
        + ", Status Code: "
        + error.httpStatus()
        + ", Request ID: "
        + requestId
        + ")\" (RequestToken: "
        + UUID.randomUUID()
        + ", HandlerErrorCode: "
        + handlerErrorCode(error)
        + ")";
  }

  /** The SDK's service name in AWS's handler messages: {@code Iam}, {@code S3}, {@code Kms} … */
  static String service(String type) {
    String[] parts = type.split("::");
    String service = parts.length > 1 ? parts[1] : type;
    return switch (service) {
      case "S3" -> "S3";
      case "Events" -> "EventBridge";
      case "CodePipeline" -> "CodePipeline";
      default -> service.charAt(0) + service.substring(1).toLowerCase(Locale.ROOT);
    };
  }

  static String handlerErrorCode(AwsException error) {
    String code = error.code();
    if (code.startsWith("AccessDenied") || code.equals("UnauthorizedOperation")) {
      return "AccessDenied";
    }
    if (code.contains("AlreadyExists") || code.equals("BucketAlreadyOwnedByYou")) {
      return "AlreadyExists";
    }
    if (code.startsWith("NoSuch") || code.contains("NotFound")) {
      return "NotFound";
    }
    if (code.contains("Limit") || code.contains("TooMany")) {
      return "ServiceLimitExceeded";
    }
    if (code.startsWith("Throttl")) {
      return "Throttling";
    }
    if (error.httpStatus() >= 500) {
      return "ServiceInternalError";
    }
    if (code.startsWith("Invalid") || code.startsWith("Malformed") || code.contains("Validation")) {
      return "InvalidRequest";
    }
    return "GeneralServiceException";
  }
}
