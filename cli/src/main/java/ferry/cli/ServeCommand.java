package ferry.cli;

import ferry.app.Ferry;
import ferry.app.FerryConfig;
import ferry.app.TestClock;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry serve}: runs the server until Ctrl-C. */
@Command(name = "serve", description = "Run Ferry: the AWS endpoint for every account.")
public final class ServeCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description =
          "Port for HTTP and HTTPS alike (TLS is detected on each connection); 0 picks a free one"
              + " (default: the configuration file's port, else 4566).")
  @Nullable Integer port;

  @Option(
      names = "--test-clock",
      description =
          "For tests only: start with a clock that POST /_ferry/clock?advance=P30D moves forward"
              + " (then lifecycle rules are applied and access logs delivered at once).")
  boolean testClock;

  @Mixin SettingsOptions options = new SettingsOptions();

  /** The settings this command would serve with: the configuration file, then the flags. */
  FerryConfig settings() throws Exception {
    FerryConfig settings = options.settings();
    return port == null ? settings : settings.withPort(port);
  }

  @Override
  public Integer call() throws Exception {
    untilShutdown(start(System.out));
    return 0;
  }

  /** Starts Ferry with these settings and prints its banner. */
  Ferry start(PrintStream out) throws Exception {
    return start(settings(), out);
  }

  /** Starts Ferry with {@code settings} and prints its banner. */
  Ferry start(FerryConfig settings, PrintStream out) throws Exception {
    long started = System.nanoTime();
    Ferry ferry =
        testClock ? Ferry.start(settings, new TestClock(Clock.systemUTC())) : Ferry.start(settings);
    try {
      Banner.print(ferry, (System.nanoTime() - started) / 1_000_000, out);
    } catch (UncheckedIOException e) {
      // The banner names the CA file, made or read first: certificates that cannot be made, or a
      // key that cannot be read, stop the start.
      ferry.close();
      throw e.getCause();
    }
    return ferry;
  }

  /** Keeps Ferry serving until the JVM is told to stop (Ctrl-C, SIGTERM), then closes it. */
  static void untilShutdown(Ferry ferry) throws InterruptedException {
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
    stopped.await();
  }
}
