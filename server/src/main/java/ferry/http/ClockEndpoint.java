package ferry.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.protocol.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.jspecify.annotations.Nullable;

/**
 * Ferry's test clock, only when Ferry was started with {@code --test-clock}: {@code GET
 * /_ferry/clock} says the time; {@code POST /_ferry/clock?advance=P30D} (an ISO-8601 duration)
 * moves it forward, then applies the lifecycle rules and delivers the access logs at once. Without
 * the test clock every request here is refused.
 */
final class ClockEndpoint {
  static final String PATH = "/_ferry/clock";

  private final @Nullable TestClockControl clock;

  ClockEndpoint(@Nullable TestClockControl clock) {
    this.clock = clock;
  }

  static boolean handles(String path) {
    return path.equals(PATH);
  }

  void serve(Request request, Response response) throws IOException {
    if (clock == null) {
      send(
          response,
          404,
          Json.object()
              .put(
                  "message",
                  "Ferry's clock can only be moved when it was started for tests:"
                      + " ferry serve --test-clock"));
      return;
    }
    String method = request.getMethod();
    if ("GET".equals(method)) {
      send(response, 200, Json.object().put("now", clock.now().toString()));
      return;
    }
    if (!"POST".equals(method)) {
      send(response, 405, Json.object().put("message", "Only GET and POST are allowed here"));
      return;
    }
    Duration by;
    try {
      by = Duration.parse(advance(request.getHttpURI().getQuery()));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      send(
          response,
          400,
          Json.object()
              .put("message", "advance must be an ISO-8601 duration such as P30D or PT1H"));
      return;
    }
    if (by.isNegative()) {
      send(response, 400, Json.object().put("message", "The clock only moves forward"));
      return;
    }
    clock.advance(by);
    ObjectNode answer = Json.object().put("now", clock.now().toString());
    clock.runDueWork().forEach(answer::put);
    send(response, 200, answer);
  }

  private static String advance(@Nullable String query) {
    if (query != null) {
      for (String parameter : query.split("&")) {
        if (parameter.startsWith("advance=")) {
          return parameter.substring("advance=".length());
        }
      }
    }
    return "PT0S";
  }

  private static void send(Response response, int status, ObjectNode body) throws IOException {
    byte[] bytes = Json.bytes(body);
    response.setStatus(status);
    response.getHeaders().put("Content-Type", "application/json");
    response.getHeaders().put("Content-Length", Integer.toString(bytes.length));
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(bytes);
    }
  }
}
