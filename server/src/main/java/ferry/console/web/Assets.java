package ferry.console.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The console's stylesheet and script, served from the jar; only the files named here. */
final class Assets {
  private static final Map<String, String> TYPES =
      Map.of(
          "console.css", "text/css; charset=utf-8",
          "console.js", "text/javascript; charset=utf-8");

  private static final Map<String, byte[]> CONTENT = load();

  private Assets() {}

  static List<Route> routes() {
    return List.of(Route.publicGet("/assets/{name}", Assets::serve));
  }

  private static Reply serve(ConsoleRequest request) {
    String name = request.parameter("name");
    byte[] content = CONTENT.get(name);
    if (content == null) {
      return Reply.page(404, "notfound.jte", request.path());
    }
    return new Reply.Raw((jettyRequest, response) -> {
      response.setStatus(200);
      response.getHeaders().put("Content-Type", TYPES.get(name));
      response.getHeaders().put("Content-Length", Integer.toString(content.length));
      response.getHeaders().put("Cache-Control", "max-age=300");
      try (var out = org.eclipse.jetty.io.Content.Sink.asOutputStream(response)) {
        if (!"HEAD".equals(jettyRequest.getMethod())) {
          new ByteArrayInputStream(content).transferTo(out);
        }
      }
    });
  }

  private static Map<String, byte[]> load() {
    var loaded = new java.util.HashMap<String, byte[]>();
    for (String name : TYPES.keySet()) {
      try (InputStream in = Assets.class.getResourceAsStream("/console/" + name)) {
        if (in == null) {
          throw new IllegalStateException("The console asset " + name + " is missing from the jar");
        }
        loaded.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Map.copyOf(loaded);
  }
}
