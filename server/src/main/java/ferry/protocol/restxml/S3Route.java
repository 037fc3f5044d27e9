package ferry.protocol.restxml;

import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * One row of S3's routing table: a method, what the path addresses, the sub-resource query key that
 * selects the operation (or none), an optional header that must be present, and the handler.
 */
public record S3Route(
    String method,
    Target target,
    @Nullable String subresource,
    @Nullable String header,
    Handler handler) {

  /** What the path addresses. */
  public enum Target {
    SERVICE,
    BUCKET,
    OBJECT
  }

  /** Answers one matched request. */
  @FunctionalInterface
  public interface Handler {
    void handle(S3Call call, ApiResponse response) throws IOException;
  }

  /** A request matched to a route, with its bucket and key. */
  public record S3Call(ApiRequest request, @Nullable String bucket, @Nullable String key) {
    public String bucketName() {
      return java.util.Objects.requireNonNull(bucket);
    }

    public String objectKey() {
      return java.util.Objects.requireNonNull(key);
    }
  }
}
