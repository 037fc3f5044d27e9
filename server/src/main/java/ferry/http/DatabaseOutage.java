package ferry.http;

import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import ferry.aws.WireProtocol;
import ferry.store.DatabaseBusyException;

/**
 * The answer to a request that found the database out of reach: AWS's {@code ServiceUnavailable},
 * 503, with a {@code Retry-After}, which the SDKs and the aws CLI retry by themselves. The request
 * changed nothing, so sending it again is safe. See <a
 * href="https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html">S3's error codes</a>
 * and the common errors of the query and JSON services.
 */
final class DatabaseOutage {
  /** Seconds a client is asked to wait: about how long a database restart or failover takes. */
  static final int RETRY_AFTER_SECONDS = 1;

  private DatabaseOutage() {}

  static AwsException error(WireProtocol protocol, Throwable cause) {
    String message =
        protocol == WireProtocol.REST_XML
            ? "Service is unable to handle request."
            : "The request has failed due to a temporary failure of the server.";
    return new AwsException(
            ErrorCode.receiver("ServiceUnavailable", 503),
            message
                + (cause instanceof DatabaseBusyException
                    ? " (Ferry's database connections stayed busy; nothing was changed. Retry"
                        + " shortly.)"
                    : " (Ferry's database cannot be reached; nothing was changed. Retry"
                        + " shortly.)"))
        .withHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
  }
}
