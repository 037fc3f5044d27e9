package ferry.protocol;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How a request was answered, once the answer has been sent: what S3's server access logs record.
 *
 * @param received when the request arrived
 * @param errorCode the AWS error code of an error answer, null for a success
 * @param bytesSent the body bytes sent, headers not counted
 * @param turnAroundMillis from the request's arrival until its answer began
 * @param totalMillis from the request's arrival until its answer was sent
 * @param httpVersion as the request line gave it, e.g. HTTP/1.1
 */
public record RequestOutcome(
    Instant received,
    int status,
    @Nullable String errorCode,
    long bytesSent,
    long turnAroundMillis,
    long totalMillis,
    String httpVersion,
    boolean secure) {}
