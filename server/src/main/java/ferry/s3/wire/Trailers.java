package ferry.s3.wire;

import ferry.protocol.ApiRequest;
import java.util.Map;
import java.util.function.Supplier;

/** The trailing headers of an aws-chunked body, available once the body has been read. */
final class Trailers {
  private Trailers() {}

  static Supplier<Map<String, String>> of(ApiRequest request) {
    return Map::of;
  }
}
