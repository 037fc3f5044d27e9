package ferry.cli;

import ferry.app.Ferry;
import ferry.app.FerryConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry serve}: runs the server until Ctrl-C. */
@Command(name = "serve", description = "Run Ferry: the AWS endpoint for every account.")
public final class ServeCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      description = "HTTP port (default ${DEFAULT-VALUE}).",
      defaultValue = "4566")
  int port;

  @Option(
      names = "--tls-port",
      description = "HTTPS port; -1 turns TLS off (default ${DEFAULT-VALUE}).",
      defaultValue = "4567")
  int tlsPort;

  @Option(
      names = "--data",
      description = "Data folder (default ${DEFAULT-VALUE}).",
      defaultValue = ".ferry")
  Path data;

  @Option(names = "--config", description = "Configuration file (Java properties).")
  @Nullable Path config;

  @Override
  public Integer call() throws Exception {
    FerryConfig settings =
        (config == null ? FerryConfig.defaults(data) : FerryConfig.load(config, data))
            .withPorts(port, tlsPort);
    long started = System.nanoTime();
    Ferry ferry = Ferry.start(settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    ferry.close();
                  } catch (Exception e) {
                    System.err.println("ferry: " + e.getMessage());
                  }
                  stopped.countDown();
                },
                "ferry-shutdown"));
    Banner.print(ferry, (System.nanoTime() - started) / 1_000_000, System.out);
    stopped.await();
    return 0;
  }
}
