package ferry.junit;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * AWS SDK v2 clients of one set of credentials (an account's root, or a role's session) against one
 * Ferry: region us-east-1, path-style S3. Each client is built on first use and closed with the
 * Ferry.
 */
public final class AwsClients implements AutoCloseable {
  private static final Set<Class<?>> TYPES =
      Set.of(
          S3Client.class,
          StsClient.class,
          KmsClient.class,
          IamClient.class,
          CodePipelineClient.class,
          EventBridgeClient.class);

  private final URI endpoint;
  private final AwsCredentialsProvider credentials;
  private final ExecutionInterceptor denials;
  private final List<SdkClient> built = new ArrayList<>();
  private @Nullable S3Client s3;
  private @Nullable StsClient sts;
  private @Nullable KmsClient kms;
  private @Nullable IamClient iam;
  private @Nullable CodePipelineClient codePipeline;
  private @Nullable EventBridgeClient eventBridge;

  AwsClients(URI endpoint, AwsCredentialsProvider credentials, ExecutionInterceptor denials) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.denials = denials;
  }

  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  public synchronized S3Client s3() {
    if (s3 == null) {
      s3 = keep(configure(S3Client.builder()).forcePathStyle(true).build());
    }
    return s3;
  }

  public synchronized StsClient sts() {
    if (sts == null) {
      sts = keep(configure(StsClient.builder()).build());
    }
    return sts;
  }

  public synchronized KmsClient kms() {
    if (kms == null) {
      kms = keep(configure(KmsClient.builder()).build());
    }
    return kms;
  }

  /** IAM is global: the SDK signs its requests for us-east-1 under the aws-global region. */
  public synchronized IamClient iam() {
    if (iam == null) {
      iam = keep(configure(IamClient.builder()).region(Region.AWS_GLOBAL).build());
    }
    return iam;
  }

  public synchronized CodePipelineClient codePipeline() {
    if (codePipeline == null) {
      codePipeline = keep(configure(CodePipelineClient.builder()).build());
    }
    return codePipeline;
  }

  public synchronized EventBridgeClient eventBridge() {
    if (eventBridge == null) {
      eventBridge = keep(configure(EventBridgeClient.builder()).build());
    }
    return eventBridge;
  }

  /** The client of this type, for injection by type. */
  Object client(Class<?> type) {
    Map<Class<?>, Supplier<Object>> clients =
        Map.of(
            S3Client.class, this::s3,
            StsClient.class, this::sts,
            KmsClient.class, this::kms,
            IamClient.class, this::iam,
            CodePipelineClient.class, this::codePipeline,
            EventBridgeClient.class, this::eventBridge);
    Supplier<Object> client = clients.get(type);
    if (client == null) {
      throw new IllegalArgumentException("Ferry injects no client of type " + type.getName());
    }
    return client.get();
  }

  static boolean isClient(Class<?> type) {
    return TYPES.contains(type);
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
    builder
        .httpClientBuilder(Apache5HttpClient.builder())
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials)
        .overrideConfiguration(
            ClientOverrideConfiguration.builder().addExecutionInterceptor(denials).build());
    return builder;
  }

  private <C extends SdkClient> C keep(C client) {
    built.add(client);
    return client;
  }

  @Override
  public synchronized void close() {
    built.forEach(SdkClient::close);
    built.clear();
  }
}
