package ferry.cli;

import ferry.app.Ferry;
import ferry.app.FerryConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code ferry warmup}: starts Ferry in a throw-away data folder, answers a few requests and stops.
 * The launcher runs it once after each build to record the JDK's ahead-of-time cache, so that every
 * later start maps the classes instead of loading them.
 */
@Command(
    name = "warmup",
    hidden = true,
    description = "Start and stop Ferry once (for the AOT cache).")
public final class WarmupCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    Path data = Files.createTempDirectory("ferry-warmup");
    try (Ferry ferry = Ferry.start(FerryConfig.defaults(data).withPort(0));
        HttpClient client = HttpClient.newHttpClient()) {
      URI endpoint = ferry.endpoint();
      for (String path : new String[] {"/_ferry/decisions", "/", "/warmup-bucket/key"}) {
        client.send(
            HttpRequest.newBuilder(endpoint.resolve(path)).build(),
            HttpResponse.BodyHandlers.discarding());
      }
    } finally {
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
    return 0;
  }
}
