package ferry.s3.wire;

import ferry.protocol.ApiRequest;
import ferry.protocol.RequestOutcome;
import ferry.protocol.restxml.HostIds;
import ferry.protocol.restxml.S3Operation;
import ferry.s3.AccessLogRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * An answered S3 request as a server access log record: the operation in S3's REST.METHOD.TYPE
 * form, the request line, and the outcome.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/LogFormat.html">Server access
 *     log record format</a>
 */
final class ServerAccessLog {
  /** Operations whose logged resource type is not their sub-resource's name. */
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("ListObjects", "BUCKET"),
          Map.entry("ListObjectsV2", "BUCKET"),
          Map.entry("ListObjectVersions", "BUCKETVERSIONS"),
          Map.entry("CopyObject", "COPY.OBJECT"),
          Map.entry("UploadPartCopy", "COPY.PART"),
          Map.entry("UploadPart", "PART"),
          Map.entry("CreateMultipartUpload", "UPLOADS"),
          Map.entry("CompleteMultipartUpload", "UPLOAD"),
          Map.entry("AbortMultipartUpload", "UPLOAD"),
          Map.entry("ListParts", "UPLOAD"),
          Map.entry("ListMultipartUploads", "UPLOADS"),
          Map.entry("DeleteObjects", "MULTI_OBJECT_DELETE"),
          Map.entry("GetBucketPolicy", "BUCKETPOLICY"),
          Map.entry("PutBucketPolicy", "BUCKETPOLICY"),
          Map.entry("DeleteBucketPolicy", "BUCKETPOLICY"),
          Map.entry("GetBucketLogging", "LOGGING_STATUS"),
          Map.entry("PutBucketLogging", "LOGGING_STATUS"),
          Map.entry("GetObjectTagging", "OBJECT_TAGGING"),
          Map.entry("PutObjectTagging", "OBJECT_TAGGING"),
          Map.entry("DeleteObjectTagging", "OBJECT_TAGGING"));

  private ServerAccessLog() {}

  static AccessLogRecord record(
      ApiRequest request,
      RequestOutcome outcome,
      S3Operation operation,
      String bucket,
      @Nullable String key) {
    boolean success = outcome.errorCode() == null;
    long objectSize = -1;
    if (success && key != null) {
      if (operation.name().equals("PutObject")) {
        objectSize = Math.max(request.contentLength(), 0);
      } else if (operation.name().equals("GetObject")) {
        objectSize = outcome.bytesSent();
      }
    }
    String authorization = request.header("authorization");
    String signatureVersion = null;
    String authenticationType = null;
    if (authorization != null) {
      signatureVersion = authorization.startsWith("AWS ") ? "SigV2" : "SigV4";
      authenticationType = "AuthHeader";
    } else if (request.hasQueryParameter("X-Amz-Signature")) {
      signatureVersion = "SigV4";
      authenticationType = "QueryString";
    } else if (request.hasQueryParameter("Signature")) {
      signatureVersion = "SigV2";
      authenticationType = "QueryString";
    }
    return new AccessLogRecord(
        bucket,
        outcome.received(),
        request.caller().sourceIp(),
        request.caller().isAnonymous() ? null : request.caller().arn(),
        request.requestId(),
        "REST." + logMethod(operation) + type(operation),
        key,
        request.method()
            + " "
            + request.rawPath()
            + query(request.query())
            + " "
            + outcome.httpVersion(),
        outcome.status(),
        outcome.errorCode(),
        outcome.bytesSent(),
        objectSize,
        outcome.totalMillis(),
        outcome.turnAroundMillis(),
        request.header("referer"),
        request.header("user-agent"),
        request.queryParameter("versionId"),
        HostIds.of(request.requestId()),
        signatureVersion,
        authenticationType,
        request.host(),
        outcome.secure());
  }

  private static String logMethod(S3Operation operation) {
    String type = TYPES.get(operation.name());
    return type != null && type.startsWith("COPY.") ? "" : operation.method() + ".";
  }

  private static String type(S3Operation operation) {
    String type = TYPES.get(operation.name());
    if (type != null) {
      return type;
    }
    String subresource = operation.subresource();
    if (subresource != null) {
      return subresource.toUpperCase(Locale.ROOT);
    }
    return operation.target() == S3Operation.Target.OBJECT ? "OBJECT" : "BUCKET";
  }

  private static String query(Map<String, List<String>> query) {
    if (query.isEmpty()) {
      return "";
    }
    StringJoiner joined = new StringJoiner("&", "?", "");
    query.forEach((name, values) -> {
      for (String value : values.isEmpty() ? List.of("") : values) {
        joined.add(value.isEmpty() ? encode(name) : encode(name) + "=" + encode(value));
      }
    });
    return joined.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
