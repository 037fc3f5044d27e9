package ferry.console.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One console page: a method, a path under {@code /_ferry/console} whose {@code {name}} segments
 * are parameters, and the method that answers it. Public routes answer without a session.
 */
public record Route(String method, String pattern, boolean isPublic, Handler handler) {

  /** Answers one request to its route. */
  @FunctionalInterface
  public interface Handler {
    Reply handle(ConsoleRequest request);
  }

  public static Route get(String pattern, Handler handler) {
    return new Route("GET", pattern, false, handler);
  }

  public static Route post(String pattern, Handler handler) {
    return new Route("POST", pattern, false, handler);
  }

  static Route publicGet(String pattern, Handler handler) {
    return new Route("GET", pattern, true, handler);
  }

  static Route publicPost(String pattern, Handler handler) {
    return new Route("POST", pattern, true, handler);
  }

  /** The path's parameters, decoded, when {@code path} fits the pattern; otherwise null. */
  @Nullable Map<String, String> match(String path) {
    List<String> want = segments(pattern);
    List<String> got = segments(path);
    if (want.size() != got.size()) {
      return null;
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < want.size(); i++) {
      String segment = want.get(i);
      if (segment.startsWith("{") && segment.endsWith("}")) {
        String value = PercentDecoding.decode(got.get(i));
        if (value == null || value.isEmpty()) {
          return null;
        }
        parameters.put(segment.substring(1, segment.length() - 1), value);
      } else if (!segment.equals(got.get(i))) {
        return null;
      }
    }
    return parameters;
  }

  private static List<String> segments(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
  }
}
