package ferry.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** The {@code --endpoint} option of the commands that talk to a running Ferry. */
final class FerryEndpoint {
  @Option(
      names = "--endpoint",
      description = "Ferry's endpoint (default ${DEFAULT-VALUE}).",
      defaultValue = "http://127.0.0.1:4566")
  URI uri = URI.create("http://127.0.0.1:4566");

  /** The endpoint with {@code path} (which starts with a slash) after it. */
  URI resolve(String path) {
    return URI.create(uri.toString().replaceAll("/$", "") + path);
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
