package ferry.cli;

import ferry.app.DatabaseSettings;
import ferry.app.Ferry;
import ferry.app.FerryConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry warmup DATA}: starts Ferry on a data folder as {@code ferry serve} does (its
 * options, configuration and banner included), answers a few requests and stops. The launcher runs
 * it twice after each build: once to make the folder (migrations, TLS material), then again on it,
 * with {@code --train}, while the JDK records its ahead-of-time cache. So the cache holds what a
 * usual start loads and nothing a first start alone needs (Flyway, certificate generation): the JVM
 * loads every class of the cache at each start. The requests are written on plain sockets, and the
 * trained workload comes from another JVM ({@link WorkloadCommand}), for the same reason: an HTTP
 * client's classes would be loaded by every server start.
 */
@Command(
    name = "warmup",
    hidden = true,
    description = "Start and stop Ferry once on a data folder (for the AOT cache).")
public final class WarmupCommand implements Callable<Integer> {

  private static final Duration WORKLOAD_TIMEOUT = Duration.ofMinutes(3);

  @Parameters(paramLabel = "DATA", description = "The data folder to start on.")
  Path data;

  @Option(
      names = "--train",
      description = "Also serve the guide and S3 object traffic, played from a second JVM.")
  boolean train;

  @Override
  public Integer call() throws Exception {
    ServeCommand serve =
        ServeArguments.parse("serve", "--data", data.toString(), "--port", "0")
            .orElseThrow()
            .command();
    // Its own folder's SQLite, never the database FERRY_JDBC_URL names: the training creates the
    // guide's resources and writes objects.
    FerryConfig settings = serve.settings().withDatabase(DatabaseSettings.SQLITE);
    try (Ferry ferry = serve.start(settings, new PrintStream(OutputStream.nullOutputStream()))) {
      for (String path : new String[] {"/_ferry/decisions", "/", "/warmup-bucket/key"}) {
        get(ferry.endpoint(), path);
      }
      if (train) {
        playWorkload(ferry);
      }
    }
    return 0;
  }

  /** Runs {@code ferry workload} against {@code ferry} in a JVM of its own; fails if it does. */
  private static void playWorkload(Ferry ferry) throws IOException, InterruptedException {
    ProcessBuilder workload =
        ferry(
                // A short-lived client: C1 alone has its code compiled soonest and leaves the
                // cores to the server being trained.
                List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                "workload",
                ferry.endpoint().toString())
            .inheritIO();
    Map<String, String> environment = workload.environment();
    environment.put(WorkloadCommand.DEV_VARIABLE, WorkloadCommand.variable(ferry.root("dev")));
    environment.put(WorkloadCommand.PROD_VARIABLE, WorkloadCommand.variable(ferry.root("prod")));
    Process running = workload.start();
    if (!running.waitFor(WORKLOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      running.destroyForcibly();
      throw new IllegalStateException(
          "ferry workload did not finish in " + WORKLOAD_TIMEOUT.toSeconds() + " s");
    }
    if (running.exitValue() != 0) {
      throw new IllegalStateException(
          "ferry workload failed (exit code " + running.exitValue() + ")");
    }
  }

  /** {@code ferry ARGUMENTS} in a new JVM on this one's JDK and class path, with its options. */
  static ProcessBuilder ferry(List<String> jvmOptions, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), FerryCommand.class.getName()));
    command.addAll(List.of(arguments));
    return new ProcessBuilder(command);
  }

  private static void get(URI endpoint, String path) throws IOException {
    try (var socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: "
              + endpoint.getAuthority()
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getInputStream().readAllBytes();
    }
  }
}
