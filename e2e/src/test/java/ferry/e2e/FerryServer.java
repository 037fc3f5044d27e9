package ferry.e2e;

import ferry.junit.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Ferry process started from the runnable jar, as a user starts it: its banner gives the
 * endpoint and the accounts' root credentials.
 */
final class FerryServer implements AutoCloseable {
  private static final Pattern ENDPOINT = Pattern.compile("^\\s+endpoint\\s+(http://\\S+)");
  private static final Pattern TLS =
      Pattern.compile("^\\s+tls endpoint\\s+(https://\\S+)\\s+\\(AWS_CA_BUNDLE=(\\S+)\\)");
  private static final Pattern ACCOUNT =
      Pattern.compile("^\\s+(\\w+)\\s+(\\d{12})\\s+(AKIA\\w+)\\s+(\\S+)$");

  /** Root credentials of one account, as the banner prints them. */
  record Account(String name, String id, String accessKeyId, String secretAccessKey) {}

  private final Process process;
  private final Path dataDir;
  private final URI endpoint;
  private final URI tlsEndpoint;
  private final Path caFile;
  private final Map<String, Account> accounts;
  private final StringBuilder output;

  private FerryServer(
      Process process,
      Path dataDir,
      URI endpoint,
      URI tlsEndpoint,
      Path caFile,
      Map<String, Account> accounts,
      StringBuilder output) {
    this.process = process;
    this.dataDir = dataDir;
    this.endpoint = endpoint;
    this.tlsEndpoint = tlsEndpoint;
    this.caFile = caFile;
    this.accounts = accounts;
    this.output = output;
  }

  static Path jar() {
    Path jar = Path.of("..", "cli", "target", "ferry.jar").toAbsolutePath().normalize();
    if (!Files.exists(jar)) {
      throw new IllegalStateException("Build the runnable jar first: " + jar + " is missing");
    }
    return jar;
  }

  /** Starts Ferry on an ephemeral port with the given data folder and waits for its banner. */
  static FerryServer start(Path dataDir) throws IOException {
    return start(dataDir, "--port", "0");
  }

  /** Starts {@code ferry serve --data DIR OPTIONS…} and waits for its banner. */
  static FerryServer start(Path dataDir, String... options) throws IOException {
    return start(dataDir, Map.of(), options);
  }

  /**
   * Starts {@code ferry serve --data DIR OPTIONS…} with more environment variables. With {@code
   * -Dferry.test.db=postgres} its metadata is in the data folder's {@link TestDatabase}, unless the
   * options name a configuration file with a {@code jdbcUrl} of its own.
   */
  static FerryServer start(Path dataDir, Map<String, String> environment, String... options)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-XX:+UseSerialGC",
                "-jar",
                jar().toString(),
                "serve",
                "--data",
                dataDir.toString()));
    command.addAll(List.of(options));
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(TestDatabase.environment(dataDir));
    builder.environment().putAll(environment);
    Process process = builder.start();
    var output = new StringBuilder();
    var reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<FerryServer> ready = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(() -> {
          URI endpoint = null;
          URI tls = null;
          Path ca = null;
          Map<String, Account> accounts = new LinkedHashMap<>();
          try {
            String line;
            while ((line = reader.readLine()) != null) {
              synchronized (output) {
                output.append(line).append('\n');
              }
              Matcher m;
              if ((m = ENDPOINT.matcher(line)).find()) {
                endpoint = URI.create(m.group(1));
              } else if ((m = TLS.matcher(line)).find()) {
                tls = URI.create(m.group(1));
                ca = Path.of(m.group(2));
              } else if ((m = ACCOUNT.matcher(line)).find()) {
                accounts.put(
                    m.group(1), new Account(m.group(1), m.group(2), m.group(3), m.group(4)));
              } else if (line.startsWith("Press Ctrl-C") && endpoint != null) {
                ready.complete(
                    new FerryServer(process, dataDir, endpoint, tls, ca, accounts, output));
              }
            }
            ready.completeExceptionally(
                new IllegalStateException("Ferry exited before it was ready:\n" + output));
          } catch (IOException e) {
            ready.completeExceptionally(e);
          }
        });
    FerryServer server;
    try {
      server = ready.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IOException("Ferry did not start: " + e.getMessage() + "\n" + output, e);
    }
    if (TestDatabase.postgres() && !server.output().contains("store         PostgreSQL")) {
      server.close();
      throw new IllegalStateException(
          "-Dferry.test.db=postgres, but Ferry's banner names another store:\n" + output);
    }
    return server;
  }

  URI endpoint() {
    return endpoint;
  }

  /** The same port as {@link #endpoint()}: Ferry tells TLS apart on each connection. */
  URI tlsEndpoint() {
    return tlsEndpoint;
  }

  Path caFile() {
    return caFile;
  }

  Path dataDir() {
    return dataDir;
  }

  Account account(String name) {
    Account account = accounts.get(name);
    if (account == null) {
      throw new IllegalArgumentException("No account " + name + " in:\n" + output);
    }
    return account;
  }

  String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  /** Whether the process prints {@code text} (on stdout or in its log) within {@code most}. */
  boolean awaitOutput(String text, Duration most) throws InterruptedException {
    long deadline = System.nanoTime() + most.toNanos();
    while (!output().contains(text)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /** Ends the process at once, as a crash or {@code kill -9} would. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
