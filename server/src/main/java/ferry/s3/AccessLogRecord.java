package ferry.s3;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One request on a logged bucket, as S3's server access log records it.
 *
 * @param operation REST.HTTP_METHOD.RESOURCE_TYPE, e.g. REST.GET.OBJECT
 * @param requestUri the request line: "GET /bucket/key?query HTTP/1.1"
 * @param objectSize the object's size, or -1 when it does not apply
 * @param signatureVersion SigV4, SigV2 or null for an unsigned request
 * @param authenticationType AuthHeader, QueryString or null for an unsigned request
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/LogFormat.html">Server access
 *     log record format</a>
 */
public record AccessLogRecord(
    String bucket,
    Instant time,
    String remoteIp,
    @Nullable String requester,
    String requestId,
    String operation,
    @Nullable String key,
    String requestUri,
    int status,
    @Nullable String errorCode,
    long bytesSent,
    long objectSize,
    long totalMillis,
    long turnAroundMillis,
    @Nullable String referer,
    @Nullable String userAgent,
    @Nullable String versionId,
    String hostId,
    @Nullable String signatureVersion,
    @Nullable String authenticationType,
    String host,
    boolean tls) {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** The record as one line of a log object, fields separated by spaces, "-" for none. */
  public String line(String bucketOwnerCanonicalId) {
    return String.join(
        " ",
        bucketOwnerCanonicalId,
        bucket,
        "[" + TIME.format(time) + "]",
        remoteIp,
        dash(requester),
        requestId,
        operation,
        key == null ? "-" : encode(key),
        quoted(requestUri),
        Integer.toString(status),
        dash(errorCode),
        bytesSent > 0 ? Long.toString(bytesSent) : "-",
        objectSize >= 0 ? Long.toString(objectSize) : "-",
        Long.toString(totalMillis),
        turnAroundMillis >= 0 ? Long.toString(turnAroundMillis) : "-",
        quoted(referer),
        quoted(userAgent),
        dash(versionId),
        hostId,
        dash(signatureVersion),
        tls ? "TLS_AES_128_GCM_SHA256" : "-",
        dash(authenticationType),
        host,
        tls ? "TLSv1.3" : "-",
        "-",
        "-");
  }

  private static String dash(@Nullable String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }

  private static String quoted(@Nullable String value) {
    return value == null || value.isEmpty() ? "\"-\"" : "\"" + value.replace("\"", "\\\"") + "\"";
  }

  private static String encode(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
  }
}
