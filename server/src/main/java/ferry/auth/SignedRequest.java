package ferry.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request as the signature covers it: method, the path exactly as received (percent-encoded), the
 * raw query string, and headers by lower-case name.
 */
public record SignedRequest(
    String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {

  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.getFirst();
  }
}
