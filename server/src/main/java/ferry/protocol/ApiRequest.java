package ferry.protocol;

import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.ErrorCode;
import ferry.aws.WireProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A request as a service binding sees it: already authenticated, with its body decoded (chunked
 * framing removed, signatures checked as it streams).
 *
 * @param rawPath the path as sent, percent-encoded
 * @param query decoded query parameters in order; a parameter without value maps to ""
 * @param headers lower-case header names to their values
 * @param contentLength the decoded body length, or -1 when unknown
 * @param trailers the trailing headers of an aws-chunked body (checksums), complete once the body
 *     has been read to its end
 */
public record ApiRequest(
    String requestId,
    String method,
    String host,
    String rawPath,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    InputStream body,
    long contentLength,
    Caller caller,
    Supplier<Map<String, String>> trailers) {

  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : String.join(",", values);
  }

  public @Nullable String queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  public boolean hasQueryParameter(String name) {
    return query.containsKey(name);
  }

  /**
   * Reads the whole body; only for the small documents of control operations.
   *
   * @throws BodyTooLarge when it is longer than {@code limit} bytes
   */
  public byte[] bodyBytes(int limit) throws IOException {
    byte[] bytes = body.readNBytes(limit + 1);
    if (bytes.length > limit) {
      throw new BodyTooLarge(limit);
    }
    return bytes;
  }

  /** A body longer than the operation reads into memory. */
  public static final class BodyTooLarge extends IOException {
    BodyTooLarge(int limit) {
      super("The request body is larger than the " + limit + " bytes this operation reads");
    }

    /**
     * The answer in the wire family's words: S3's MaxMessageLengthExceeded; for the query and JSON
     * families, whose common errors name none, a 413 in the words of AWS's front ends (Lambda's
     * RequestEntityTooLargeException).
     */
    public AwsException error(WireProtocol protocol) {
      return switch (protocol) {
        case REST_XML ->
            new AwsException(
                ErrorCode.sender("MaxMessageLengthExceeded", 400),
                "Your request was too big: " + getMessage() + ".");
        case QUERY ->
            new AwsException(ErrorCode.sender("RequestEntityTooLarge", 413), getMessage() + ".");
        case JSON ->
            new AwsException(
                ErrorCode.sender("RequestEntityTooLargeException", 413), getMessage() + ".");
      };
    }
  }

  public String bodyText(int limit) throws IOException {
    return new String(bodyBytes(limit), StandardCharsets.UTF_8);
  }
}
