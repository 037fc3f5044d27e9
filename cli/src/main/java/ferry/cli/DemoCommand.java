package ferry.cli;

import ferry.app.Ferry;
import ferry.app.FerryConfig;
import ferry.app.RootCredentials;
import ferry.cli.guide.Grant;
import ferry.cli.guide.GuideClients;
import ferry.cli.guide.GuideNames;
import ferry.cli.guide.GuideOutcome;
import ferry.cli.guide.GuideScenario;
import ferry.cli.guide.Narrator;
import ferry.cli.guide.OutcomeReport;
import ferry.cli.guide.SampleWebsite;
import ferry.http.DecisionClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

/**
 * {@code ferry demo}: starts Ferry with a fresh data folder and plays the guide (dev's pipeline
 * deploys into prod) through the public AWS APIs, then leaves the server running to explore.
 */
@Command(
    name = "demo",
    description = {
      "Start Ferry and play the guide: a CodePipeline in dev deploys a website into prod's bucket.",
      "With --break GRANT the guide runs without one of its seven grants and shows where and why"
          + " it fails."
    })
public final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      description = "HTTP port; 0 picks a free one (default ${DEFAULT-VALUE}).",
      defaultValue = "0")
  int port;

  @Option(
      names = "--data",
      description = "Data folder, new or empty (default: a fresh temporary folder).")
  @Nullable Path data;

  @Option(
      names = "--break",
      paramLabel = "GRANT",
      converter = GrantConverter.class,
      description =
          "Leave one grant out: key-policy-prod, customer-managed-key, artifact-bucket-policy,"
              + " trust-policy, assumeprods3role, outputbucketdeployaccess, devkmss3access.")
  @Nullable Grant broken;

  @Option(names = "--exit", description = "Stop the server after the report.")
  boolean exit;

  @Option(
      names = "--write-site",
      paramLabel = "FILE",
      description =
          "Only write the guide's sample-website.zip to FILE (for docs/guide.md) and exit.")
  @Nullable Path site;

  /** Picocli's converter for {@code --break}'s names. */
  static final class GrantConverter implements ITypeConverter<Grant> {
    @Override
    public Grant convert(String value) {
      try {
        return Grant.fromCliName(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    if (site != null) {
      Files.write(site, SampleWebsite.zip());
      out.println("Wrote " + site + " (" + String.join(", ", SampleWebsite.files().keySet()) + ")");
      return 0;
    }
    Path folder = data == null ? Files.createTempDirectory("ferry-demo-") : data;
    if (!isNewOrEmpty(folder)) {
      System.err.println(
          "ferry demo: " + folder + " is not empty; the guide needs a fresh data folder");
      return 2;
    }
    int httpPort = port == 0 ? freePort() : port;
    URI endpoint = URI.create("http://127.0.0.1:" + httpPort);
    long started = System.nanoTime();
    // The SDK clients take seconds to build; build them while Ferry starts. Their credentials are
    // the accounts' root keys, known once Ferry has started, so they resolve at the first request.
    CompletableFuture<Ferry> starting = new CompletableFuture<>();
    SdkHttpClient http = Apache5HttpClient.builder().build();
    CompletableFuture<GuideClients> devClients =
        CompletableFuture.supplyAsync(
            () -> new GuideClients(endpoint, rootOf(starting, "dev"), http), background());
    CompletableFuture<GuideClients> prodClients =
        CompletableFuture.supplyAsync(
            () -> new GuideClients(endpoint, rootOf(starting, "prod"), http), background());
    Ferry ferry;
    try {
      ferry = Ferry.start(config(folder, httpPort, System.getenv()));
      starting.complete(ferry);
    } catch (Exception e) {
      starting.completeExceptionally(e);
      http.close();
      throw e;
    }
    long ferryMillis = millisSince(started);
    out.println(
        "Ferry started in "
            + ferryMillis
            + " ms at "
            + ferry.endpoint()
            + " (data folder "
            + folder.toAbsolutePath()
            + ", store "
            + ferry.store()
            + ")");
    out.println(
        broken == null
            ? "Playing the guide: dev's pipeline deploys a website into prod's bucket."
            : "Playing the guide without " + broken.cliName() + ": " + broken.description());
    boolean asExpected;
    long guideStarted = System.nanoTime();
    try (http;
        GuideClients dev = devClients.join();
        GuideClients prod = prodClients.join()) {
      long clientsWait = millisSince(guideStarted);
      Narrator narrator = new Narrator(out, System.console() != null);
      GuideOutcome outcome =
          new GuideScenario(
                  new GuideNames(ferry.root("dev").account(), ferry.root("prod").account()),
                  dev,
                  prod,
                  narrator,
                  new DecisionClient(ferry.endpoint()),
                  broken)
              .play();
      asExpected = OutcomeReport.print(outcome, broken, out);
      out.printf(
          "%nTimings: Ferry start %d ms (SDK clients built meanwhile, %d ms more wait), guide %d"
              + " ms, total %d ms since the command started.%n",
          ferryMillis, clientsWait, millisSince(guideStarted) - clientsWait, sinceCommandStart());
    }
    if (exit) {
      ferry.close();
      return asExpected ? 0 : 1;
    }
    printNextSteps(ferry, out);
    ServeCommand.untilShutdown(ferry);
    return asExpected ? 0 : 1;
  }

  /**
   * Ferry's defaults on the demo's folder, with the database {@code FERRY_JDBC_URL} (and its user
   * and password) name, as for {@code ferry serve}: SQLite in the folder without them.
   */
  static FerryConfig config(Path folder, int port, Map<String, String> environment) {
    return FerryConfig.defaults(folder).withEnvironment(environment).withPort(port);
  }

  private static void printNextSteps(Ferry ferry, PrintStream out) {
    out.println();
    out.println("Ferry keeps running with the guide's resources. Point the aws CLI at it:");
    out.println();
    out.println("cat > ferry-profiles.ini <<'EOF'");
    out.print(Profiles.render(ferry.rootCredentials(), ferry.endpoint()));
    out.println("EOF");
    out.println("export AWS_CONFIG_FILE=$PWD/ferry-profiles.ini");
    out.println();
    String e = " --endpoint-url " + ferry.endpoint();
    out.println("Then try:");
    out.println("  aws --profile prod" + e + " s3 ls s3://" + GuideNames.OUTPUT_BUCKET + "/");
    out.println(
        "  aws --profile dev"
            + e
            + " codepipeline get-pipeline-state --name "
            + GuideNames.PIPELINE);
    out.println(
        "  aws --profile dev"
            + e
            + " codepipeline list-action-executions --pipeline-name "
            + GuideNames.PIPELINE);
    out.println(
        "  aws --profile dev"
            + e
            + " s3 cp s3://"
            + GuideNames.OUTPUT_BUCKET
            + "/index.html -      # denied: prod owns it");
    out.println("  ./ferry explain --endpoint " + ferry.endpoint() + " --last 1 --denied");
    out.println(
        "  ./ferry demo --break devkmss3access --exit     # or any grant: " + Grant.cliNames());
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  private static boolean isNewOrEmpty(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return true;
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    }
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static AwsCredentialsProvider rootOf(CompletableFuture<Ferry> ferry, String account) {
    return () -> {
      RootCredentials root = ferry.join().root(account);
      return AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey());
    };
  }

  private static Executor background() {
    return command -> Thread.ofPlatform().daemon().name("sdk-clients").start(command);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static long sinceCommandStart() {
    return ProcessHandle.current()
        .info()
        .startInstant()
        .map(start -> Duration.between(start, Instant.now()).toMillis())
        .orElse(-1L);
  }
}
