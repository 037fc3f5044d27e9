package ferry.junit;

/**
 * A call Ferry refused, and why: the AWS error as the SDK saw it, and Ferry's logged decision as
 * {@code ferry explain} shows it.
 *
 * @param errorCode the AWS error code, e.g. {@code AccessDenied} or {@code AccessDeniedException}
 * @param statusCode the HTTP status
 * @param message the error's message, as AWS words it, with the missing grant and the decision id
 * @param decisionId the id of Ferry's decision, from {@code x-ferry-decision-id}
 * @param principal the caller's ARN
 * @param action the IAM action, e.g. {@code s3:GetObject}
 * @param resource the resource's ARN
 * @param explanation which policies were considered and why none allowed the request
 */
public record Denial(
    String errorCode,
    int statusCode,
    String message,
    String decisionId,
    String principal,
    String action,
    String resource,
    String explanation) {}
