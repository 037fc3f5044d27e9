package ferry.cli.guide;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/** The AWS SDK clients of one account's root user, pointed at Ferry. */
public final class GuideClients implements AutoCloseable {
  private final IamClient iam;
  private final StsClient sts;
  private final KmsClient kms;
  private final S3Client s3;
  private final CodePipelineClient codePipeline;
  private final EventBridgeClient events;

  /** Clients sharing {@code http}, which the caller closes after these. */
  public GuideClients(
      URI endpoint, String accessKeyId, String secretAccessKey, SdkHttpClient http) {
    this(
        endpoint,
        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)),
        http);
  }

  /**
   * Clients whose credentials are resolved at the first request, so that they can be built while
   * the server that issues the credentials is still starting.
   */
  public GuideClients(URI endpoint, AwsCredentialsProvider credentials, SdkHttpClient http) {
    Region region = Region.of(GuideNames.REGION);
    iam =
        IamClient.builder()
            .endpointOverride(endpoint)
            .region(Region.AWS_GLOBAL)
            .credentialsProvider(credentials)
            .httpClient(http)
            .build();
    sts =
        StsClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .httpClient(http)
            .build();
    kms =
        KmsClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .httpClient(http)
            .build();
    s3 =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(region)
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .credentialsProvider(credentials)
            .httpClient(http)
            .build();
    codePipeline =
        CodePipelineClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .httpClient(http)
            .build();
    events =
        EventBridgeClient.builder()
            .endpointOverride(endpoint)
            .region(region)
            .credentialsProvider(credentials)
            .httpClient(http)
            .build();
  }

  public IamClient iam() {
    return iam;
  }

  public StsClient sts() {
    return sts;
  }

  public KmsClient kms() {
    return kms;
  }

  public S3Client s3() {
    return s3;
  }

  public CodePipelineClient codePipeline() {
    return codePipeline;
  }

  public EventBridgeClient events() {
    return events;
  }

  @Override
  public void close() {
    iam.close();
    sts.close();
    kms.close();
    s3.close();
    codePipeline.close();
    events.close();
  }
}
