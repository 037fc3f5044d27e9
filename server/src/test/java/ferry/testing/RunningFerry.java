package ferry.testing;

import ferry.app.Ferry;
import ferry.app.FerryConfig;
import ferry.app.RootCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/** Ferry in-process on an ephemeral port, with AWS SDK v2 clients for its accounts. */
public final class RunningFerry implements AutoCloseable {
  private final Ferry ferry;
  private final List<SdkClient> clients = new CopyOnWriteArrayList<>();

  private RunningFerry(Ferry ferry) {
    this.ferry = ferry;
  }

  public static RunningFerry start(Path dataDir) throws Exception {
    return new RunningFerry(Ferry.start(FerryConfig.defaults(dataDir).withPort(0)));
  }

  /** Ferry with a clock the test controls, e.g. to see session credentials expire. */
  public static RunningFerry start(Path dataDir, Clock clock) throws Exception {
    return new RunningFerry(Ferry.start(FerryConfig.defaults(dataDir).withPort(0), clock));
  }

  public Ferry ferry() {
    return ferry;
  }

  public URI endpoint() {
    return ferry.endpoint();
  }

  public StaticCredentialsProvider credentials(String account) {
    RootCredentials root = ferry.root(account);
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
    ferry.close();
  }
}
