package ferry.aws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one exception a service throws to answer a request with an AWS error. The HTTP layer catches
 * it once and renders it in the wire format of the request's protocol.
 */
public class AwsException extends RuntimeException {
  private final ErrorCode errorCode;
  private final Map<String, String> fields;
  private final Map<String, String> headers;

  public AwsException(ErrorCode errorCode, String message) {
    this(errorCode, message, Map.of(), Map.of(), null);
  }

  public AwsException(
      ErrorCode errorCode,
      String message,
      Map<String, String> fields,
      Map<String, String> headers,
      @Nullable Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  public String code() {
    return errorCode.code();
  }

  public int httpStatus() {
    return errorCode.httpStatus();
  }

  /** Extra elements of the error document, such as S3's {@code <BucketName>}. */
  public Map<String, String> fields() {
    return fields;
  }

  /** Extra response headers, such as {@code x-ferry-decision-id}. */
  public Map<String, String> headers() {
    return headers;
  }

  /** A copy with one more element in the error document. */
  public AwsException withField(String name, String value) {
    var more = new LinkedHashMap<>(fields);
    more.put(name, value);
    return new AwsException(errorCode, getMessage(), more, headers, getCause());
  }

  /** A copy with one more response header. */
  public AwsException withHeader(String name, String value) {
    var more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new AwsException(errorCode, getMessage(), fields, more, getCause());
  }

  @Override
  public String getMessage() {
    String message = super.getMessage();
    return message == null ? errorCode.code() : message;
  }
}
