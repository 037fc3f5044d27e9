package ferry.cloudtrail;

import ferry.authz.AccessRequest;
import ferry.aws.Caller;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One call as the trail records it: who made it, through which service, the operation, how it
 * ended, and the authorization decision of its primary action.
 *
 * @param invokedBy the AWS service that made the call with the caller's credentials, if any
 * @param requestId the request id of an HTTP request; null for a call made inside Ferry
 * @param primary the access the operation was decided on; null when it needed no authorization
 * @param decisionId the id of that decision, which {@code ferry explain} and errors name
 * @param responseElements what the service noted of its answer for the trail, secrets left out
 */
public record ApiCall(
    Instant time,
    Caller caller,
    @Nullable String invokedBy,
    String eventSource,
    String eventName,
    String userAgent,
    @Nullable String requestId,
    @Nullable String errorCode,
    @Nullable String errorMessage,
    @Nullable AccessRequest primary,
    @Nullable String decisionId,
    @Nullable Map<String, Object> responseElements) {}
