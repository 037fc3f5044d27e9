package ferry.protocol.restxml;

import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** A request matched to the operation it names and the handler that implements it. */
public record S3Route(S3Operation operation, S3Route.Handler handler) {

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
