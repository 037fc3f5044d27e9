package ferry.cli;

import ferry.app.Ferry;
import ferry.app.FerryConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin SettingsOptions options = new SettingsOptions();

  @Override
  public Integer call() throws Exception {
    FerryConfig settings = options.settings().withPorts(port, tlsPort);
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
