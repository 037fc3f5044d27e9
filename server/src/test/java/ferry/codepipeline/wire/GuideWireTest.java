package ferry.codepipeline.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.testing.GuideDocuments;
import ferry.testing.RunningFerry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionDetail;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineResponse;
import software.amazon.awssdk.services.codepipeline.model.InvalidStructureException;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.codepipeline.model.PipelineType;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The guide, steps 1 to 8, with the AWS SDK for Java v2 against an in-process Ferry: the key
 * through KMS, the roles and policies through IAM, the pipeline through CodePipeline, the rule
 * through EventBridge, and an upload that starts the execution by itself.
 */
class GuideWireTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SERVICE_ROLE =
      "arn:aws:iam::111111111111:role/service-role/AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";
  static final String PROD_ROLE = "arn:aws:iam::222222222222:role/prods3role";

  @TempDir Path dataDir;
  RunningFerry ferry;
  CodePipelineClient codepipeline;
  S3Client devS3;
  S3Client prodS3;

  @BeforeEach
  void start() throws Exception {
    ferry = RunningFerry.start(dataDir);
    codepipeline =
        CodePipelineClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(ferry.credentials("dev"))
            .build();
    devS3 = ferry.s3("dev");
    prodS3 = ferry.s3("prod");
  }

  @AfterEach
  void stop() throws Exception {
    codepipeline.close();
    ferry.close();
  }

  @Test
  void theGuide_runsEndToEnd_andProdOwnsTheDeployedFiles() throws Exception {
    IamClient devIam = ferry.iam("dev");
    IamClient prodIam = ferry.iam("prod");
    // Step 2: the service role, the buckets, the pipeline and the console's EventBridge rule.
    devIam.createRole(r ->
        r.path("/service-role/")
            .roleName("AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy")
            .assumeRolePolicyDocument(
                GuideDocuments.read("dev/codepipeline-service-role-trust.json")));
    devIam.putRolePolicy(p ->
        p.roleName("AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy")
            .policyName("AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy")
            .policyDocument(GuideDocuments.read("dev/codepipeline-service-role-policy.json")));
    devS3.createBucket(b -> b.bucket("codepipeline-input-bucket"));
    devS3.putBucketVersioning(v ->
        v.bucket("codepipeline-input-bucket")
            .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    devS3.createBucket(b -> b.bucket("codepipeline-us-east-1-0123456789"));
    prodS3.createBucket(b -> b.bucket("codepipeline-output-bucket"));
    devIam.createRole(r ->
        r.roleName("cwe-role-us-east-1-crossaccountdeploy")
            .assumeRolePolicyDocument(
                GuideDocuments.read("dev/codepipeline-rule-role-trust.json")));
    devIam.putRolePolicy(p ->
        p.roleName("cwe-role-us-east-1-crossaccountdeploy")
            .policyName("start-pipeline-execution")
            .policyDocument(GuideDocuments.read("dev/codepipeline-rule-role-policy.json")));
    try (EventBridgeClient events =
        EventBridgeClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(ferry.credentials("dev"))
            .build()) {
      events.putRule(r ->
          r.name("codepipeline-crossaccountdeploy-Source-rule")
              .eventPattern(GuideDocuments.read("dev/codepipeline-rule-pattern.json")));
      var targets =
          events.putTargets(t ->
              t.rule("codepipeline-crossaccountdeploy-Source-rule")
                  .targets(
                      software.amazon.awssdk.services.eventbridge.model.Target.builder()
                          .id("codepipeline-crossaccountdeploy")
                          .arn("arn:aws:codepipeline:us-east-1:111111111111:crossaccountdeploy")
                          .roleArn(
                              "arn:aws:iam::111111111111:role/cwe-role-us-east-1-crossaccountdeploy")
                          .build()));
      assertThat(targets.failedEntryCount()).isZero();
    }
    // Step 1: the customer managed key with the console's policy.
    String key;
    try (KmsClient kms =
        KmsClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(ferry.credentials("dev"))
            .build()) {
      key =
          kms.createKey(k -> k.policy(GuideDocuments.read("dev/s3deploykey-policy.json")))
              .keyMetadata()
              .arn();
    }
    String keyId = key.substring(key.indexOf("key/") + 4);
    ObjectNode input =
        (ObjectNode)
            JSON.readTree(GuideDocuments.read("dev/pipeline.json").replace("DEV_KEY_ID", keyId));
    PipelineDeclaration declaration =
        PipelineDeclaration.serializableBuilderClass()
            .cast(
                JSON.treeToValue(
                    input.get("pipeline"), PipelineDeclaration.serializableBuilderClass()))
            .build();
    codepipeline.createPipeline(c -> c.pipeline(declaration));

    PipelineExecutionSummary first = awaitEnd(1);
    assertThat(first.status()).isEqualTo(PipelineExecutionStatus.FAILED);
    assertThat(first.statusSummary())
        .isEqualTo("The object with key 'sample-website.zip' does not exist.");
    assertThat(first.trigger().triggerTypeAsString()).isEqualTo("CreatePipeline");

    // Step 4: prod's policies and prods3role.
    String outputPolicy =
        prodIam
            .createPolicy(p ->
                p.policyName("outputbucketdeployaccess")
                    .policyDocument(GuideDocuments.read("prod/outputbucketdeployaccess.json")))
            .policy()
            .arn();
    String devPolicy =
        prodIam
            .createPolicy(p ->
                p.policyName("devkmss3access")
                    .policyDocument(
                        GuideDocuments.read("prod/devkmss3access.json")
                            .replace("DEV_KEY_ID", keyId)))
            .policy()
            .arn();
    prodIam.createRole(r ->
        r.roleName("prods3role")
            .assumeRolePolicyDocument(GuideDocuments.read("prod/prods3role-trust.json")));
    prodIam.attachRolePolicy(a -> a.roleName("prods3role").policyArn(outputPolicy));
    prodIam.attachRolePolicy(a -> a.roleName("prods3role").policyArn(devPolicy));
    // Step 5: the artifact bucket policy, DenyUnEncryptedObjectUploads included.
    devS3.putBucketPolicy(p ->
        p.bucket("codepipeline-us-east-1-0123456789")
            .policy(GuideDocuments.read("dev/artifact-bucket-policy.json")));

    // Step 7 before step 6: the service role may not assume prods3role yet.
    GetPipelineResponse got = codepipeline.getPipeline(g -> g.name("crossaccountdeploy"));
    assertThat(got.metadata().pipelineArn())
        .isEqualTo("arn:aws:codepipeline:us-east-1:111111111111:crossaccountdeploy");
    assertThat(got.pipeline().pipelineType()).isEqualTo(PipelineType.V2);
    PipelineDeclaration withRole = withDeployRole(got.pipeline());
    InvalidStructureException refused =
        catchThrowableOfType(
            InvalidStructureException.class,
            () -> codepipeline.updatePipeline(u -> u.pipeline(withRole)));
    assertThat(refused.awsErrorDetails().errorMessage())
        .isEqualTo(SERVICE_ROLE + " is not authorized to perform AssumeRole on role " + PROD_ROLE);

    // Step 6, then step 7 again.
    String assume =
        devIam
            .createPolicy(p ->
                p.policyName("assumeprods3role")
                    .policyDocument(GuideDocuments.read("dev/assumeprods3role.json")))
            .policy()
            .arn();
    devIam.attachRolePolicy(a ->
        a.roleName("AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy").policyArn(assume));
    var updated = codepipeline.updatePipeline(u -> u.pipeline(withRole));
    assertThat(updated.pipeline().version()).isEqualTo(2);

    // Step 8: the upload starts the pipeline through the rule.
    Map<String, byte[]> site = sampleWebsite();
    devS3.putObject(
        p -> p.bucket("codepipeline-input-bucket").key("sample-website.zip"),
        RequestBody.fromBytes(zip(site)));
    PipelineExecutionSummary second = awaitEnd(2);
    assertThat(second.status())
        .as(String.valueOf(second.statusSummary()))
        .isEqualTo(PipelineExecutionStatus.SUCCEEDED);
    assertThat(second.trigger().triggerTypeAsString()).isEqualTo("CloudWatchEvent");

    String prodOwner = prodS3.listBuckets().owner().id();
    for (Map.Entry<String, byte[]> file : site.entrySet()) {
      byte[] deployed =
          prodS3
              .getObjectAsBytes(g -> g.bucket("codepipeline-output-bucket").key(file.getKey()))
              .asByteArray();
      assertThat(deployed).isEqualTo(file.getValue());
      assertThat(
              prodS3
                  .getObjectAcl(g -> g.bucket("codepipeline-output-bucket").key(file.getKey()))
                  .owner()
                  .id())
          .isEqualTo(prodOwner);
      S3Exception denied =
          catchThrowableOfType(
              S3Exception.class,
              () ->
                  devS3.getObjectAsBytes(
                      g -> g.bucket("codepipeline-output-bucket").key(file.getKey())));
      assertThat(denied.statusCode()).isEqualTo(403);
    }
    List<ActionExecutionDetail> actions =
        codepipeline
            .listActionExecutions(l ->
                l.pipelineName("crossaccountdeploy")
                    .filter(f -> f.pipelineExecutionId(second.pipelineExecutionId())))
            .actionExecutionDetails();
    ActionExecutionDetail deploy = actions.getFirst();
    assertThat(deploy.input().roleArn()).isEqualTo(PROD_ROLE);
    assertThat(deploy.output().executionResult().externalExecutionSummary())
        .isEqualTo("Deployed 3 object(s) to s3://codepipeline-output-bucket/");
    assertThat(SdkBytes.fromUtf8String("x")).isNotNull();
  }

  @Test
  void errors_carryCodePipelinesCodesAndMessages_andTheNextRequestSucceeds() {
    var missing =
        catchThrowableOfType(
            software.amazon.awssdk.services.codepipeline.model.PipelineNotFoundException.class,
            () -> codepipeline.getPipeline(g -> g.name("nosuchpipeline")));
    assertThat(missing.awsErrorDetails().errorMessage())
        .isEqualTo("Account '111111111111' does not have a pipeline with name 'nosuchpipeline'");
    var invalid =
        catchThrowableOfType(
            InvalidStructureException.class,
            () ->
                codepipeline.createPipeline(c ->
                    c.pipeline(p ->
                        p.name("onestage")
                            .roleArn(SERVICE_ROLE)
                            .artifactStore(a -> a.type("S3").location("codepipeline-artifacts"))
                            .stages(
                                StageDeclaration.builder()
                                    .name("Source")
                                    .actions(
                                        ActionDeclaration.builder()
                                            .name("Source")
                                            .actionTypeId(t ->
                                                t.category("Source")
                                                    .owner("AWS")
                                                    .provider("S3")
                                                    .version("1"))
                                            .configuration(
                                                Map.of("S3Bucket", "b", "S3ObjectKey", "k"))
                                            .build())
                                    .build()))));
    assertThat(invalid.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Pipeline has only 1 stage(s). There should be a minimum of 2 stages in a pipeline");
    assertThat(codepipeline.listPipelines().pipelines()).isEmpty();
    assertThat(codepipeline.listActionTypes().actionTypes()).hasSize(3);
  }

  private static PipelineDeclaration withDeployRole(PipelineDeclaration pipeline) {
    StageDeclaration deploy = pipeline.stages().get(1);
    ActionDeclaration action = deploy.actions().getFirst().toBuilder().roleArn(PROD_ROLE).build();
    return pipeline.toBuilder()
        .stages(pipeline.stages().get(0), deploy.toBuilder().actions(action).build())
        .build();
  }

  private PipelineExecutionSummary awaitEnd(int count) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      List<PipelineExecutionSummary> all =
          codepipeline
              .listPipelineExecutions(l -> l.pipelineName("crossaccountdeploy"))
              .pipelineExecutionSummaries();
      if (all.size() >= count) {
        PipelineExecutionSummary newest = all.getFirst();
        if (newest.status() != PipelineExecutionStatus.IN_PROGRESS
            && newest.status() != PipelineExecutionStatus.STOPPING) {
          return newest;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("No execution #" + count + " ended");
  }

  static Map<String, byte[]> sampleWebsite() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("index.html", "<html><body><h1>Sample website</h1></body></html>\n".getBytes());
    files.put("css/style.css", "body { font-family: sans-serif; }\n".getBytes());
    byte[] png = new byte[300];
    for (int i = 0; i < png.length; i++) {
      png[i] = (byte) (i * 31);
    }
    files.put("images/logo.png", png);
    return files;
  }

  static byte[] zip(Map<String, byte[]> files) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(file.getKey()));
        zip.write(file.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
