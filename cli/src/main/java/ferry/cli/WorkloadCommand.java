package ferry.cli;

import ferry.app.RootCredentials;
import ferry.aws.AccountId;
import ferry.cli.guide.GuideClients;
import ferry.cli.guide.GuideNames;
import ferry.cli.guide.GuideOutcome;
import ferry.cli.guide.GuideScenario;
import ferry.cli.guide.Narrator;
import ferry.http.DecisionClient;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code ferry workload ENDPOINT}: the work a Ferry is trained on, played against a running one
 * from its own JVM: the guide as its dev and prod root users, then {@link ObjectTraffic} as dev's.
 * {@code ferry warmup --train} runs it while the JDK records Ferry's ahead-of-time cache, so the
 * cache holds the profiles of real requests and the JIT compiles their code as soon as Ferry starts
 * rather than after a minute of load. Its own classes (the AWS SDK) stay out of that cache.
 *
 * <p>The root credentials come from {@value #DEV_VARIABLE} and {@value #PROD_VARIABLE}, each
 * "account access-key-id secret-access-key", not from the command line that {@code ps} shows.
 */
@Command(
    name = "workload",
    hidden = true,
    description =
        "Play the guide and S3 object traffic against a running Ferry (for the AOT cache).")
public final class WorkloadCommand implements Callable<Integer> {
  static final String DEV_VARIABLE = "FERRY_WORKLOAD_DEV";
  static final String PROD_VARIABLE = "FERRY_WORKLOAD_PROD";
  static final String BUCKET = "ferry-workload";

  @Parameters(
      paramLabel = "ENDPOINT",
      description = "The running Ferry, e.g. http://127.0.0.1:4566.")
  URI endpoint;

  @Option(
      names = "--phase",
      description =
          "How long each timed phase of the object traffic lasts (default ${DEFAULT-VALUE}).",
      defaultValue = "PT1.5S")
  Duration phase;

  @Override
  public Integer call() {
    Map<String, String> environment = System.getenv();
    RootCredentials dev = credentials("dev", environment.get(DEV_VARIABLE), DEV_VARIABLE);
    RootCredentials prod = credentials("prod", environment.get(PROD_VARIABLE), PROD_VARIABLE);
    Played played = play(endpoint, dev, prod, phase);
    System.out.println(
        "The guide deployed (execution "
            + played.guide().executionId()
            + "); object traffic: "
            + played.objects());
    return 0;
  }

  /** What a run did: the guide's deployment and the object calls. */
  record Played(GuideOutcome.Deployed guide, ObjectTraffic.Counts objects) {}

  /**
   * Plays the guide, then the object traffic; throws at the first call that did not go as the guide
   * or the traffic expects.
   */
  static Played play(URI endpoint, RootCredentials dev, RootCredentials prod, Duration phase) {
    try (SdkHttpClient http = Apache5HttpClient.builder().maxConnections(16).build();
        GuideClients devClients =
            new GuideClients(endpoint, dev.accessKeyId(), dev.secretAccessKey(), http);
        GuideClients prodClients =
            new GuideClients(endpoint, prod.accessKeyId(), prod.secretAccessKey(), http);
        S3Client s3 = sdkDefaults(endpoint, dev, http)) {
      GuideOutcome outcome =
          new GuideScenario(
                  new GuideNames(dev.account(), prod.account()),
                  devClients,
                  prodClients,
                  new Narrator(new PrintStream(OutputStream.nullOutputStream()), false),
                  new DecisionClient(endpoint),
                  null)
              .play();
      if (!(outcome instanceof GuideOutcome.Deployed deployed)) {
        throw new IllegalStateException("The guide did not deploy: " + outcome);
      }
      return new Played(deployed, new ObjectTraffic(s3, BUCKET, phase).run());
    }
  }

  /** An S3 client as the SDK makes one by default (checksums on every upload), path-style. */
  private static S3Client sdkDefaults(URI endpoint, RootCredentials root, SdkHttpClient http) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.of(GuideNames.REGION))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey())))
        .httpClient(http)
        .build();
  }

  /** The value of a credentials variable for {@code root}'s account. */
  static String variable(RootCredentials root) {
    return root.account().value() + " " + root.accessKeyId() + " " + root.secretAccessKey();
  }

  static RootCredentials credentials(String name, @Nullable String value, String variable) {
    String[] parts = value == null ? new String[0] : value.trim().split(" +");
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          variable + " must be \"account access-key-id secret-access-key\"");
    }
    return new RootCredentials(name, AccountId.of(parts[0]), parts[1], parts[2]);
  }
}
