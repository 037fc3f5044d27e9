import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The last step of the guide with the AWS SDK for Java v2, against a Ferry on which steps 1–7 are
 * done (for example the server {@code ./ferry demo} leaves running, or docs/guide.md by hand):
 * upload the site to dev's input bucket, wait for the pipeline, and show that prod owns what it
 * deployed while dev cannot read it.
 *
 * <pre>
 * java -cp cli/target/ferry.jar examples/java/DeployCrossAccount.java \
 *     http://127.0.0.1:4566 DEV_KEY DEV_SECRET PROD_KEY PROD_SECRET sample-website.zip
 * </pre>
 */
public final class DeployCrossAccount {
  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println("usage: ENDPOINT DEV_KEY DEV_SECRET PROD_KEY PROD_SECRET ZIP");
      System.exit(2);
    }
    URI endpoint = URI.create(args[0]);
    // One explicit HTTP client: the SDK refuses to guess when several are on the class path.
    try (SdkHttpClient http = Apache5HttpClient.create();
        S3Client devS3 = s3(endpoint, args[1], args[2], http);
        S3Client prodS3 = s3(endpoint, args[3], args[4], http);
        CodePipelineClient pipelines =
            CodePipelineClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials(args[1], args[2]))
                .httpClient(http)
                .build()) {
      int before =
          pipelines
              .listPipelineExecutions(l -> l.pipelineName("crossaccountdeploy"))
              .pipelineExecutionSummaries()
              .size();

      // Step 8: the upload starts the pipeline through the EventBridge rule.
      devS3.putObject(
          p -> p.bucket("codepipeline-input-bucket").key("sample-website.zip"),
          RequestBody.fromFile(Path.of(args[5])));

      PipelineExecutionStatus status = PipelineExecutionStatus.IN_PROGRESS;
      for (int i = 0; i < 600 && status == PipelineExecutionStatus.IN_PROGRESS; i++) {
        Thread.sleep(100);
        var runs =
            pipelines
                .listPipelineExecutions(l -> l.pipelineName("crossaccountdeploy"))
                .pipelineExecutionSummaries();
        if (runs.size() > before) {
          status = runs.getFirst().status(); // newest first
        }
      }
      System.out.println("pipeline run: " + status);

      String prodOwner = prodS3.listBuckets().owner().id();
      for (S3Object object :
          prodS3
              .listObjectsV2(l -> l.bucket("codepipeline-output-bucket").fetchOwner(true))
              .contents()) {
        System.out.printf(
            "%-20s owner %s%n",
            object.key(), object.owner().id().equals(prodOwner) ? "prod" : object.owner().id());
      }
      try {
        devS3.getObjectAsBytes(g -> g.bucket("codepipeline-output-bucket").key("index.html"));
        System.out.println("dev can read index.html: not as the guide says");
      } catch (S3Exception e) {
        System.out.println("dev cannot read index.html: " + e.awsErrorDetails().errorCode());
      }
    }
  }

  private static S3Client s3(URI endpoint, String key, String secret, SdkHttpClient http) {
    return S3Client.builder()
        .httpClient(http)
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(credentials(key, secret))
        .build();
  }

  private static StaticCredentialsProvider credentials(String key, String secret) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret));
  }

  private DeployCrossAccount() {}
}
