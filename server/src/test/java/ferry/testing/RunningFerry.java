package ferry.testing;

import ferry.app.Ferry;
import ferry.app.RootCredentials;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Ferry in-process on an ephemeral port, with AWS SDK v2 clients for its accounts. Started by hand,
 * or once per test class: {@code @RegisterExtension static final RunningFerry ferry =
 * RunningFerry.perClass();} starts it in a data folder of its own before the class's
 * {@code @BeforeAll} methods and stops it after its tests.
 */
public final class RunningFerry implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  private @Nullable Ferry ferry;
  private final @Nullable Clock clock;
  private final List<SdkClient> clients = new CopyOnWriteArrayList<>();

  private RunningFerry(@Nullable Ferry ferry, @Nullable Clock clock) {
    this.ferry = ferry;
    this.clock = clock;
  }

  private RunningFerry(Ferry ferry) {
    this(ferry, null);
  }

  public static RunningFerry perClass() {
    return new RunningFerry(null, null);
  }

  /** Once per test class, with a clock the test controls. */
  public static RunningFerry perClass(Clock clock) {
    return new RunningFerry(null, clock);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    var config = TestStore.config(Files.createTempDirectory("ferry-test-")).withPort(0);
    ferry = Ferry.start(config, clock == null ? Clock.systemUTC() : clock);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    Path dataDir = dataDir();
    close();
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  public static RunningFerry start(Path dataDir) throws Exception {
    return new RunningFerry(Ferry.start(TestStore.config(dataDir).withPort(0)));
  }

  /** Ferry with a clock the test controls, e.g. to see session credentials expire. */
  public static RunningFerry start(Path dataDir, Clock clock) throws Exception {
    return new RunningFerry(Ferry.start(TestStore.config(dataDir).withPort(0), clock));
  }

  public Ferry ferry() {
    return Objects.requireNonNull(ferry, "Ferry has not been started");
  }

  public Path dataDir() {
    return ferry().dataDir();
  }

  public URI endpoint() {
    return ferry().endpoint();
  }

  public StaticCredentialsProvider credentials(String account) {
    RootCredentials root = ferry().root(account);
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey()));
  }

  public S3Client s3(String account) {
    return keep(
        S3Client.builder()
            .endpointOverride(endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(credentials(account))
            .build());
  }

  public StsClient sts(String account) {
    return sts(credentials(account));
  }

  public StsClient sts(AwsCredentialsProvider credentials) {
    return keep(
        StsClient.builder()
            .endpointOverride(endpoint())
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(credentials)
            .build());
  }

  public IamClient iam(String account) {
    return iam(credentials(account));
  }

  /** IAM is global; the SDK signs its requests for us-east-1. */
  public IamClient iam(AwsCredentialsProvider credentials) {
    return keep(
        IamClient.builder()
            .endpointOverride(endpoint())
            .region(Region.AWS_GLOBAL)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(credentials)
            .build());
  }

  /** Clients are closed before Ferry stops, so no idle connection holds its shutdown up. */
  private <C extends SdkClient> C keep(C client) {
    clients.add(client);
    return client;
  }

  @Override
  public void close() throws java.io.IOException {
    clients.forEach(SdkClient::close);
    ferry().close();
  }
}
