package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.app.Ferry;
import ferry.app.FerryConfig;
import ferry.app.RootCredentials;
import ferry.junit.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeId;
import software.amazon.awssdk.services.codepipeline.model.ArtifactStore;
import software.amazon.awssdk.services.codepipeline.model.EncryptionKey;
import software.amazon.awssdk.services.codepipeline.model.ExecutionMode;
import software.amazon.awssdk.services.codepipeline.model.InputArtifact;
import software.amazon.awssdk.services.codepipeline.model.OutputArtifact;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.codepipeline.model.PipelineType;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * The guide, steps 2 to 8, with the real aws CLI v2 (2.9): the console's part (the pipeline, V2,
 * SUPERSEDED) through the SDK; the first execution failing in Source; {@code get-pipeline >
 * codepipeline.json}, the edit, the CLI refusing the file while {@code metadata} is in it, {@code
 * update-pipeline}; {@code aws s3 cp} starting the execution through the EventBridge rule; every
 * file in prod's bucket, owned by prod, unreadable by dev. Then the figures: time from the end of
 * {@code aws s3 cp} to Succeeded, and 50 pipelines started by one upload.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(AwsCliInstalled.class)
class PipelineGuideIT {
  static final String PIPELINE = GuideWithCli.PIPELINE;
  static final String PROD_ROLE = GuideWithCli.PROD_ROLE;
  static final String SERVICE_ROLE = GuideWithCli.SERVICE_ROLE;

  @TempDir static Path work;
  static AutoCloseable ferry;
  static URI endpoint;
  static Map<String, AwsBasicCredentials> roots = new LinkedHashMap<>();
  static CodePipelineClient codepipeline;
  static EventBridgeClient events;
  static Map<String, byte[]> site;
  static Path zip;

  @BeforeAll
  static void start(TestInfo test) throws Exception {
    // JUnit runs this static method for a subclass too (a static method is hidden, never
    // overridden): PipelineGuidePostgresIT starts its own Ferry, and one started here would run
    // unclosed, sweeping a data folder deleted under it, for the rest of the test JVM.
    if (test.getTestClass().orElseThrow() != PipelineGuideIT.class) {
      return;
    }
    Ferry inProcess =
        Ferry.start(TestDatabase.config(FerryConfig.defaults(work.resolve("data")).withPort(0)));
    ferry = inProcess;
    endpoint = inProcess.endpoint();
    for (String account : List.of("dev", "prod")) {
      RootCredentials root = inProcess.root(account);
      roots.put(account, AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey()));
    }
    clientsAndSite();
  }

  /**
   * The SDK clients of dev and the site's zip, once {@link #endpoint} and {@link #roots} are set.
   */
  static void clientsAndSite() throws IOException {
    var credentials = StaticCredentialsProvider.create(roots.get("dev"));
    codepipeline =
        CodePipelineClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(credentials)
            .build();
    events =
        EventBridgeClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(credentials)
            .build();
    site = GuideWithCli.sampleWebsite();
    zip = work.resolve("sample-website.zip");
    Files.write(zip, GuideWithCli.zip(site));
  }

  @AfterAll
  static void stop() throws Exception {
    // Null when a subclass's start was skipped or failed before making them.
    for (AutoCloseable open : new AutoCloseable[] {codepipeline, events, ferry}) {
      if (open != null) {
        open.close();
      }
    }
    // A subclass's stop calls this one, and JUnit calls it again after: once is enough.
    codepipeline = null;
    events = null;
    ferry = null;
  }

  static AwsCli cli(String account) {
    AwsBasicCredentials root = roots.get(account);
    return new AwsCli(endpoint, root.accessKeyId(), root.secretAccessKey());
  }

  /** Step 1's customer managed key, the artifact store's encryption key. */
  static String keyArn = "";

  @Test
  @Order(1)
  void theGuide_withTheRealCli_deploysToProd_ownedByProd() throws Exception {
    var guide = new GuideWithCli(cli("dev"), cli("prod"), work);
    keyArn = guide.customerManagedKey();
    guide.serviceRoleBucketsAndRule();
    // The console creates the pipeline (V2, SUPERSEDED), before the object exists.
    codepipeline.createPipeline(c -> c.pipeline(guidePipeline(PIPELINE, "sample-website.zip")));
    PipelineExecutionSummary first = awaitEnd(PIPELINE, 1);
    assertThat(first.status()).isEqualTo(PipelineExecutionStatus.FAILED);
    assertThat(first.statusSummary())
        .isEqualTo("The object with key 'sample-website.zip' does not exist.");

    guide.prodRoleAndGrants(keyArn);
    assertThat(guide.deployAsProdRole().at("/pipeline/version").asInt()).isEqualTo(2);
    var stored = codepipeline.getPipeline(g -> g.name(PIPELINE)).pipeline();
    assertThat(stored.pipelineType()).isEqualTo(PipelineType.V2);
    assertThat(stored.executionMode()).isEqualTo(ExecutionMode.SUPERSEDED);

    guide.upload(zip);
    PipelineExecutionSummary second = awaitEnd(PIPELINE, 2);
    assertThat(second.status())
        .as(String.valueOf(second.statusSummary()))
        .isEqualTo(PipelineExecutionStatus.SUCCEEDED);
    assertThat(second.trigger().triggerTypeAsString()).isEqualTo("CloudWatchEvent");
    guide.assertProdOwns(site);
  }

  @Test
  @Order(2)
  void measure_uploadToSucceeded_medianOf20() throws Exception {
    AwsCli dev = cli("dev");
    List<Long> millis = new ArrayList<>();
    for (int run = 0; run < 20; run++) {
      int before = executions(PIPELINE).size();
      dev.run("s3", "cp", zip.toString(), "s3://codepipeline-input-bucket/sample-website.zip")
          .assertOk();
      long uploaded = System.nanoTime();
      PipelineExecutionSummary done = awaitEnd(PIPELINE, before + 1);
      millis.add((System.nanoTime() - uploaded) / 1_000_000);
      assertThat(done.status()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
    }
    Collections.sort(millis);
    System.out.println(
        "[figure] end of aws s3 cp -> Succeeded, 20 runs: median "
            + (millis.get(9) + millis.get(10)) / 2
            + " ms, min "
            + millis.getFirst()
            + " ms, max "
            + millis.getLast()
            + " ms");
  }

  @Test
  @Order(3)
  void measure_fiftyPipelines_triggeredByOneUpload() throws Exception {
    AwsCli dev = cli("dev");
    int count = 50;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = "fanout-" + i;
      names.add(name);
      codepipeline.createPipeline(c -> c.pipeline(guidePipeline(name, "fanout.zip")));
    }
    events.putRule(r ->
        r.name("fanout")
            .eventPattern(
                "{\"source\":[\"aws.s3\"],\"detail-type\":[\"AWS API Call via CloudTrail\"],"
                    + "\"detail\":{\"requestParameters\":{\"key\":[\"fanout.zip\"]}}}"));
    for (int i = 0; i < count; i += 5) {
      List<Target> targets = new ArrayList<>();
      for (int j = i; j < i + 5; j++) {
        targets.add(
            Target.builder()
                .id("t" + j)
                .arn("arn:aws:codepipeline:us-east-1:111111111111:" + names.get(j))
                .roleArn("arn:aws:iam::111111111111:role/service-role/" + GuideWithCli.RULE_ROLE)
                .build());
      }
      events.putTargets(t -> t.rule("fanout").targets(targets));
    }
    dev.run(
            "iam",
            "put-role-policy",
            "--role-name",
            "cwe-role-us-east-1-crossaccountdeploy",
            "--policy-name",
            "start-fanout",
            "--policy-document",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                + "\"codepipeline:StartPipelineExecution\",\"Resource\":"
                + "\"arn:aws:codepipeline:us-east-1:111111111111:fanout-*\"}]}")
        .assertOk();
    for (String name : names) {
      awaitEnd(name, 1);
    }
    dev.run("s3", "cp", zip.toString(), "s3://codepipeline-input-bucket/fanout.zip").assertOk();
    long uploaded = System.nanoTime();
    for (String name : names) {
      PipelineExecutionSummary done = awaitEnd(name, 2);
      assertThat(done.status())
          .as(name + ": " + done.statusSummary())
          .isEqualTo(PipelineExecutionStatus.SUCCEEDED);
    }
    System.out.println(
        "[figure] 50 pipelines started by one upload, all Succeeded after "
            + (System.nanoTime() - uploaded) / 1_000_000
            + " ms");
  }

  static List<PipelineExecutionSummary> executions(String name) {
    return GuideWithCli.executions(() -> codepipeline, name);
  }

  static PipelineExecutionSummary awaitEnd(String name, int count) throws InterruptedException {
    return GuideWithCli.awaitEnd(() -> codepipeline, name, count);
  }

  static PipelineDeclaration guidePipeline(String name, String key) {
    return PipelineDeclaration.builder()
        .name(name)
        .roleArn(SERVICE_ROLE)
        .artifactStore(
            ArtifactStore.builder()
                .type("S3")
                .location("codepipeline-us-east-1-0123456789")
                .encryptionKey(EncryptionKey.builder().id(keyArn).type("KMS").build())
                .build())
        .stages(
            StageDeclaration.builder()
                .name("Source")
                .actions(
                    ActionDeclaration.builder()
                        .name("Source")
                        .actionTypeId(
                            ActionTypeId.builder()
                                .category("Source")
                                .owner("AWS")
                                .provider("S3")
                                .version("1")
                                .build())
                        .configuration(
                            Map.of(
                                "PollForSourceChanges", "false",
                                "S3Bucket", "codepipeline-input-bucket",
                                "S3ObjectKey", key))
                        .outputArtifacts(OutputArtifact.builder().name("SourceArtifact").build())
                        .region("us-east-1")
                        .namespace("SourceVariables")
                        .build())
                .build(),
            StageDeclaration.builder()
                .name("Deploy")
                .actions(
                    ActionDeclaration.builder()
                        .name("Deploy")
                        .actionTypeId(
                            ActionTypeId.builder()
                                .category("Deploy")
                                .owner("AWS")
                                .provider("S3")
                                .version("1")
                                .build())
                        .configuration(
                            Map.of("BucketName", "codepipeline-output-bucket", "Extract", "true"))
                        .inputArtifacts(InputArtifact.builder().name("SourceArtifact").build())
                        .region("us-east-1")
                        .namespace("DeployVariables")
                        .roleArn(name.equals(PIPELINE) ? null : PROD_ROLE)
                        .build())
                .build())
        .pipelineType(PipelineType.V2)
        .executionMode(ExecutionMode.SUPERSEDED)
        .build();
  }
}
