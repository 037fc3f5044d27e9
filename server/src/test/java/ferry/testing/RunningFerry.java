package ferry.testing;

import ferry.app.Ferry;
import ferry.app.FerryConfig;
import ferry.app.RootCredentials;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/** Ferry in-process on ephemeral ports, with AWS SDK v2 clients for its accounts. */
public final class RunningFerry implements AutoCloseable {
  private final Ferry ferry;

  private RunningFerry(Ferry ferry) {
    this.ferry = ferry;
  }

  public static RunningFerry start(Path dataDir) throws Exception {
    return new RunningFerry(Ferry.start(FerryConfig.defaults(dataDir).withPorts(0, -1)));
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
    return S3Client.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .httpClient(Apache5HttpClient.create())
        .credentialsProvider(credentials(account))
        .build();
  }

  public StsClient sts(String account) {
    return StsClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .httpClient(Apache5HttpClient.create())
        .credentialsProvider(credentials(account))
        .build();
  }

  @Override
  public void close() throws java.io.IOException {
    ferry.close();
  }
}
