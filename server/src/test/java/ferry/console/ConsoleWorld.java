package ferry.console;

import ferry.console.web.ConsoleClient;
import ferry.testing.RunningFerry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionCategory;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionOwner;
import software.amazon.awssdk.services.codepipeline.model.InputArtifact;
import software.amazon.awssdk.services.codepipeline.model.OutputArtifact;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * A small world for the console's page tests, in dev: two pipelines that copy {@code app.zip} from
 * a source bucket to an output bucket, {@code webapp} with a service role that may write there and
 * {@code brokenapp} with one that may not, so its Deploy action fails on a denied request.
 */
public final class ConsoleWorld {
  public static final String GOOD = "webapp";
  public static final String BROKEN = "brokenapp";
  public static final String OUTPUT = "console-output";

  private static final String TRUST =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
       "Principal":{"Service":"codepipeline.amazonaws.com"},"Action":"sts:AssumeRole"}]}\
      """;
  private static final String ALL_S3 =
      """
      {"Version":"2012-10-17","Statement":[{"Sid":"Everything","Effect":"Allow",
       "Action":["s3:*","kms:*"],"Resource":"*"}]}\
      """;
  private static final String NO_OUTPUT =
      """
      {"Version":"2012-10-17","Statement":[{"Sid":"SourceAndArtifacts","Effect":"Allow",
       "Action":["s3:*","kms:*"],
       "Resource":["arn:aws:s3:::console-source","arn:aws:s3:::console-source/*",
                   "arn:aws:s3:::console-artifacts","arn:aws:s3:::console-artifacts/*",
                   "arn:aws:kms:*"]}]}\
      """;

  private final RunningFerry ferry;
  private final CodePipelineClient codepipeline;

  private ConsoleWorld(RunningFerry ferry) {
    this.ferry = ferry;
    this.codepipeline =
        CodePipelineClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(ferry.credentials("dev"))
            .build();
  }

  /** Makes the world and waits for each pipeline's first execution to end. */
  public static ConsoleWorld make(RunningFerry ferry) throws Exception {
    var world = new ConsoleWorld(ferry);
    IamClient iam = ferry.iam("dev");
    S3Client s3 = ferry.s3("dev");
    s3.createBucket(b -> b.bucket("console-source"));
    s3.putBucketVersioning(v ->
        v.bucket("console-source")
            .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    s3.createBucket(b -> b.bucket("console-artifacts"));
    s3.createBucket(b -> b.bucket(OUTPUT));
    s3.putObject(
        p -> p.bucket("console-source").key("app.zip"), RequestBody.fromBytes(zip("index.html")));
    iam.createRole(r -> r.roleName("webapp-role").assumeRolePolicyDocument(TRUST));
    iam.putRolePolicy(p -> p.roleName("webapp-role").policyName("all").policyDocument(ALL_S3));
    iam.createRole(r -> r.roleName("brokenapp-role").assumeRolePolicyDocument(TRUST));
    iam.putRolePolicy(
        p -> p.roleName("brokenapp-role").policyName("no-output").policyDocument(NO_OUTPUT));
    world.create(GOOD, "webapp-role");
    world.create(BROKEN, "brokenapp-role");
    world.awaitEnd(GOOD, 1);
    world.awaitEnd(BROKEN, 1);
    return world;
  }

  private void create(String name, String role) {
    codepipeline.createPipeline(c ->
        c.pipeline(p ->
            p.name(name)
                .roleArn("arn:aws:iam::111111111111:role/" + role)
                .artifactStore(a -> a.type("S3").location("console-artifacts"))
                .stages(
                    StageDeclaration.builder()
                        .name("Source")
                        .actions(
                            ActionDeclaration.builder()
                                .name("Source")
                                .actionTypeId(t ->
                                    t.category(ActionCategory.SOURCE)
                                        .owner(ActionOwner.AWS)
                                        .provider("S3")
                                        .version("1"))
                                .configuration(
                                    java.util.Map.of(
                                        "S3Bucket", "console-source",
                                        "S3ObjectKey", "app.zip",
                                        "PollForSourceChanges", "false"))
                                .outputArtifacts(
                                    OutputArtifact.builder().name("SourceArtifact").build())
                                .build())
                        .build(),
                    StageDeclaration.builder()
                        .name("Deploy")
                        .actions(
                            ActionDeclaration.builder()
                                .name("Deploy")
                                .actionTypeId(t ->
                                    t.category(ActionCategory.DEPLOY)
                                        .owner(ActionOwner.AWS)
                                        .provider("S3")
                                        .version("1"))
                                .configuration(
                                    java.util.Map.of("BucketName", OUTPUT, "Extract", "true"))
                                .inputArtifacts(
                                    InputArtifact.builder().name("SourceArtifact").build())
                                .build())
                        .build())));
  }

  /** Waits until the pipeline has {@code count} executions and the newest has ended. */
  public PipelineExecutionSummary awaitEnd(String pipeline, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      var summaries =
          codepipeline
              .listPipelineExecutions(l -> l.pipelineName(pipeline))
              .pipelineExecutionSummaries();
      if (summaries.size() >= count) {
        PipelineExecutionSummary newest = summaries.getFirst();
        if (newest.status() != PipelineExecutionStatus.IN_PROGRESS
            && newest.status() != PipelineExecutionStatus.STOPPING) {
          return newest;
        }
      }
      Thread.sleep(25);
    }
    throw new AssertionError("pipeline " + pipeline + " did not end execution " + count);
  }

  public int executions(String pipeline) {
    return codepipeline
        .listPipelineExecutions(l -> l.pipelineName(pipeline))
        .pipelineExecutionSummaries()
        .size();
  }

  public CodePipelineClient codepipeline() {
    return codepipeline;
  }

  /** A signed-in console client as an account's root. */
  public ConsoleClient signedIn(String account) throws Exception {
    var root = ferry.ferry().root(account);
    var client = new ConsoleClient(ferry.endpoint());
    if (client.signIn(root.accessKeyId(), root.secretAccessKey()).statusCode() != 303) {
      throw new AssertionError("sign-in as " + account + " failed");
    }
    return client;
  }

  /**
   * Opens a server-sent event stream as the client's session; its lines arrive in the queue as the
   * server writes them. Closing the returned stream ends it.
   */
  public static InputStream events(
      ConsoleClient client, String consolePath, BlockingQueue<String> lines) throws Exception {
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(client.uri(consolePath))
                    .header("Cookie", "ferry-console=" + client.cookie())
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "stream "
              + consolePath
              + " answered "
              + response.statusCode()
              + ": "
              + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
    }
    InputStream body = response.body();
    Thread.ofVirtual()
        .start(() -> {
          var reader =
              new java.io.BufferedReader(
                  new java.io.InputStreamReader(body, StandardCharsets.UTF_8));
          try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
              lines.add(line);
            }
          } catch (IOException e) {
            // closed by the test
          }
        });
    return body;
  }

  public static BlockingQueue<String> queue() {
    return new LinkedBlockingQueue<>();
  }

  static byte[] zip(String name) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write("<h1>hello</h1>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
