package ferry.protocol.restxml;

import org.jspecify.annotations.Nullable;

/**
 * One S3 operation as it appears on the wire: the method, what the path addresses, the sub-resource
 * query key that names it (or none), a query parameter that must be present (the {@code uploadId}
 * of a part, the {@code id} of an analytics configuration) and a header that must be present
 * ({@code x-amz-copy-source}).
 */
public record S3Operation(
    String name,
    String method,
    Target target,
    @Nullable String subresource,
    @Nullable String parameter,
    @Nullable String header) {

  /** What the path addresses. */
  public enum Target {
    SERVICE,
    BUCKET,
    OBJECT
  }

  /**
   * An operation from its request line as botocore's model writes it: {@code GET /{Bucket}?cors}
   * names a sub-resource, {@code PUT /{Bucket}/{Key+}?uploadId=} a parameter whose value varies.
   */
  public static S3Operation of(String name, String requestLine, @Nullable String header) {
    int space = requestLine.indexOf(' ');
    String method = requestLine.substring(0, space);
    String uri = requestLine.substring(space + 1);
    int question = uri.indexOf('?');
    String path = question < 0 ? uri : uri.substring(0, question);
    Target target =
        switch (path) {
          case "/" -> Target.SERVICE;
          case "/{Bucket}" -> Target.BUCKET;
          case "/{Bucket}/{Key+}" -> Target.OBJECT;
          default -> throw new IllegalArgumentException("Not an S3 path: " + requestLine);
        };
    String subresource = null;
    String parameter = null;
    if (question >= 0) {
      for (String part : uri.substring(question + 1).split("&")) {
        if (part.endsWith("=")) {
          parameter = part.substring(0, part.length() - 1);
        } else if (subresource == null) {
          subresource = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
        }
      }
    }
    return new S3Operation(name, method, target, subresource, parameter, header);
  }

  /** How many conditions beyond method and target select it: the most specific match wins. */
  int conditions() {
    return (subresource == null ? 0 : 1) + (parameter == null ? 0 : 1) + (header == null ? 0 : 1);
  }

  /** The request line as S3's API reference writes it, e.g. {@code GET /{Bucket}?cors}. */
  public String requestLine() {
    String path =
        switch (target) {
          case SERVICE -> "/";
          case BUCKET -> "/{Bucket}";
          case OBJECT -> "/{Bucket}/{Key+}";
        };
    String query = subresource == null ? "" : "?" + subresource;
    if (parameter != null) {
      query += (query.isEmpty() ? "?" : "&") + parameter + "=…";
    }
    return method + " " + path + query + (header == null ? "" : " with " + header);
  }
}
