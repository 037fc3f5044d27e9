package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.app.Ferry;
import ferry.app.RootCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.InputArtifact;
import software.amazon.awssdk.services.codepipeline.model.OutputArtifact;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageState;

/**
 * The guide ({@code docs/guide.md}) played with the real aws CLI, step by step, through the CLIs
 * given: one endpoint, or the next of several nodes for every call ({@link AwsCli#roundRobin}).
 * Then the guide's end checked, and the waits its tests share: a pipeline's executions (through the
 * SDK, so a wait costs no CLI process per poll) and the guide as CloudFormation stacks.
 */
final class GuideWithCli {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PIPELINE = "crossaccountdeploy";
  static final String SERVICE_ROLE_NAME = "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";
  static final String SERVICE_ROLE =
      "arn:aws:iam::111111111111:role/service-role/" + SERVICE_ROLE_NAME;
  static final String RULE_ROLE = "cwe-role-us-east-1-crossaccountdeploy";
  static final String PROD_ROLE = "arn:aws:iam::222222222222:role/prods3role";
  static final String DEV_KEY = "arn:aws:kms:us-east-1:111111111111:key/DEV_KEY_ID";
  static final String ALL_S3 =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
          + "\"Resource\":\"*\"}]}";
  static final Duration WAIT = Duration.ofSeconds(180);

  private final AwsCli dev;
  private final AwsCli prod;
  private final Path work;

  GuideWithCli(AwsCli dev, AwsCli prod, Path work) {
    this.dev = dev;
    this.prod = prod;
    this.work = work;
  }

  /** Step 1: the customer managed key with the console's policy, aliased s3deploykey; its ARN. */
  String customerManagedKey() throws Exception {
    String keyArn =
        json(dev.run(
                "kms",
                "create-key",
                "--description",
                "s3deploykey",
                "--policy",
                guide("dev/s3deploykey-policy.json")))
            .at("/KeyMetadata/Arn")
            .asText();
    dev.run("kms", "create-alias", "--alias-name", "alias/s3deploykey", "--target-key-id", keyArn)
        .assertOk();
    return keyArn;
  }

  /** Step 2 but the pipeline: the service role, the buckets, the rule's role, the rule. */
  void serviceRoleBucketsAndRule() throws Exception {
    serviceRole(dev, SERVICE_ROLE_NAME, guide("dev/codepipeline-service-role-policy.json"));
    inputAndArtifactBuckets(dev);
    prod.run("s3api", "create-bucket", "--bucket", "codepipeline-output-bucket").assertOk();
    role(
        dev,
        RULE_ROLE,
        guide("dev/codepipeline-rule-role-trust.json"),
        "start-pipeline-execution",
        guide("dev/codepipeline-rule-role-policy.json"));
    dev.run(
            "events",
            "put-rule",
            "--name",
            "codepipeline-crossaccountdeploy-Source-rule",
            "--event-pattern",
            guide("dev/codepipeline-rule-pattern.json"))
        .assertOk();
    dev.run(
            "events",
            "put-targets",
            "--rule",
            "codepipeline-crossaccountdeploy-Source-rule",
            "--targets",
            guide("dev/codepipeline-rule-targets.json"))
        .assertOk();
  }

  /**
   * Step 2's pipeline, {@code pipeline.json} with the key's ARN, created with the CLI. aws-cli
   * 2.9's model predates pipelineType and executionMode: the defaults (V1, SUPERSEDED).
   */
  void createPipeline(String keyArn) throws Exception {
    Path pipeline = work.resolve("guide-pipeline.json");
    ObjectNode declaration =
        (ObjectNode)
            JSON.readTree(
                Files.readString(guidePath("dev/pipeline.json")).replace(DEV_KEY, keyArn));
    ((ObjectNode) declaration.get("pipeline")).remove(List.of("pipelineType", "executionMode"));
    Files.writeString(pipeline, declaration.toString());
    dev.run("codepipeline", "create-pipeline", "--cli-input-json", "file://" + pipeline).assertOk();
  }

  /** Steps 3 to 6: prod's policies and role, the artifact bucket's policy, assumeprods3role. */
  void prodRoleAndGrants(String keyArn) throws Exception {
    Path devkmss3access = work.resolve("devkmss3access.json");
    Files.writeString(
        devkmss3access,
        Files.readString(guidePath("prod/devkmss3access.json")).replace(DEV_KEY, keyArn));
    prod.run(
            "iam",
            "create-policy",
            "--policy-name",
            "outputbucketdeployaccess",
            "--policy-document",
            guide("prod/outputbucketdeployaccess.json"))
        .assertOk();
    prod.run(
            "iam",
            "create-policy",
            "--policy-name",
            "devkmss3access",
            "--policy-document",
            "file://" + devkmss3access)
        .assertOk();
    prod.run(
            "iam",
            "create-role",
            "--role-name",
            "prods3role",
            "--assume-role-policy-document",
            guide("prod/prods3role-trust.json"))
        .assertOk();
    for (String name : List.of("outputbucketdeployaccess", "devkmss3access")) {
      prod.run(
              "iam",
              "attach-role-policy",
              "--role-name",
              "prods3role",
              "--policy-arn",
              "arn:aws:iam::222222222222:policy/" + name)
          .assertOk();
    }
    dev.run(
            "s3api",
            "put-bucket-policy",
            "--bucket",
            "codepipeline-us-east-1-0123456789",
            "--policy",
            guide("dev/artifact-bucket-policy.json"))
        .assertOk();
    dev.run(
            "iam",
            "create-policy",
            "--policy-name",
            "assumeprods3role",
            "--policy-document",
            guide("dev/assumeprods3role.json"))
        .assertOk();
    dev.run(
            "iam",
            "attach-role-policy",
            "--role-name",
            SERVICE_ROLE_NAME,
            "--policy-arn",
            "arn:aws:iam::111111111111:policy/assumeprods3role")
        .assertOk();
  }

  /**
   * Step 7: {@code get-pipeline > codepipeline.json}, the deploy action given prods3role, the CLI
   * refusing the file while {@code metadata} is in it, then {@code update-pipeline}; its answer.
   */
  JsonNode deployAsProdRole() throws Exception {
    Path file = work.resolve("codepipeline.json");
    Files.writeString(
        file, dev.run("codepipeline", "get-pipeline", "--name", PIPELINE).assertOk().stdout());
    ObjectNode document = (ObjectNode) JSON.readTree(file.toFile());
    assertThat(document.has("metadata")).isTrue();
    ((ObjectNode) document.at("/pipeline/stages/1/actions/0")).put("roleArn", PROD_ROLE);
    Files.writeString(file, document.toString());
    AwsCli.Result refused =
        dev.run("codepipeline", "update-pipeline", "--cli-input-json", "file://" + file);
    assertThat(refused.exitCode()).isEqualTo(252);
    assertThat(refused.stderr())
        .contains("Unknown parameter in input: \"metadata\", must be one of: pipeline");
    document.remove("metadata");
    Files.writeString(file, document.toString());
    return json(dev.run("codepipeline", "update-pipeline", "--cli-input-json", "file://" + file));
  }

  /** Step 8: the site's zip uploaded to the input bucket, which starts the pipeline. */
  void upload(Path zip) throws Exception {
    dev.run("s3", "cp", zip.toString(), "s3://codepipeline-input-bucket/sample-website.zip")
        .assertOk();
  }

  /**
   * The guide's end, checked as the guide checks it: every file in prod's bucket, owned by prod
   * ({@code list-objects-v2 --fetch-owner}), as uploaded, and hidden from dev.
   */
  void assertProdOwns(Map<String, byte[]> site) throws Exception {
    String prodOwner = json(prod.run("s3api", "list-buckets")).at("/Owner/ID").asText();
    Map<String, String> owners = new LinkedHashMap<>();
    json(prod.run(
            "s3api", "list-objects-v2", "--bucket", "codepipeline-output-bucket", "--fetch-owner"))
        .at("/Contents")
        .forEach(o -> owners.put(o.at("/Key").asText(), o.at("/Owner/ID").asText()));
    assertThat(owners.keySet()).containsExactlyInAnyOrderElementsOf(site.keySet());
    assertThat(owners.values()).allSatisfy(owner -> assertThat(owner).isEqualTo(prodOwner));
    Path copy = Files.createDirectories(work.resolve("prod-copy"));
    prod.run("s3", "cp", "s3://codepipeline-output-bucket/", copy.toString(), "--recursive")
        .assertOk();
    for (Map.Entry<String, byte[]> entry : site.entrySet()) {
      assertThat(Files.readAllBytes(copy.resolve(entry.getKey())))
          .as(entry.getKey())
          .isEqualTo(entry.getValue());
      AwsCli.Result denied =
          dev.run(
              "s3api",
              "head-object",
              "--bucket",
              "codepipeline-output-bucket",
              "--key",
              entry.getKey());
      assertThat(denied.exitCode()).isNotZero();
      assertThat(denied.stderr()).contains("403");
    }
  }

  /** The sample website of step 8: a page, a style sheet and an image. */
  static Map<String, byte[]> sampleWebsite() {
    Map<String, byte[]> site = new LinkedHashMap<>();
    site.put("index.html", "<html><body><h1>Sample website</h1></body></html>\n".getBytes());
    site.put("css/style.css", "body { font-family: sans-serif; }\n".getBytes());
    byte[] png = new byte[2048];
    for (int i = 0; i < png.length; i++) {
      png[i] = (byte) (i * 31 + 7);
    }
    site.put("images/logo.png", png);
    return site;
  }

  static byte[] zip(Map<String, byte[]> files) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        out.putNextEntry(new ZipEntry(file.getKey()));
        out.write(file.getValue());
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** A file of {@code examples/guide} as the CLI takes it: {@code file://…}. */
  static String guide(String name) {
    return "file://" + guidePath(name);
  }

  static Path guidePath(String name) {
    return example("guide").resolve(name);
  }

  /** A file or folder under {@code examples}. */
  static Path example(String name) {
    return repository().resolve("examples").resolve(name);
  }

  /** The checkout's top folder, found from the module's folder the tests run in. */
  static Path repository() {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(dir.resolve("examples/guide"))) {
      dir = dir.getParent();
    }
    return dir;
  }

  static JsonNode json(AwsCli.Result result) throws IOException {
    return JSON.readTree(result.assertOk().stdout());
  }

  // ---- pipelines of the tests' own, beside the guide ----

  /** The guide's service role, allowed every S3 action: for pipelines of the tests' own. */
  static void serviceRoleForS3(AwsCli dev) throws Exception {
    serviceRole(dev, "all-s3", ALL_S3);
  }

  /** Step 2's service role, as the console makes it, with one inline policy. */
  private static void serviceRole(AwsCli dev, String policyName, String policy) throws Exception {
    role(
        dev,
        SERVICE_ROLE_NAME,
        guide("dev/codepipeline-service-role-trust.json"),
        policyName,
        policy);
  }

  /** A role under {@code /service-role/}, as the console makes them, with one inline policy. */
  private static void role(AwsCli dev, String name, String trust, String policyName, String policy)
      throws Exception {
    dev.run(
            "iam",
            "create-role",
            "--path",
            "/service-role/",
            "--role-name",
            name,
            "--assume-role-policy-document",
            trust)
        .assertOk();
    dev.run(
            "iam",
            "put-role-policy",
            "--role-name",
            name,
            "--policy-name",
            policyName,
            "--policy-document",
            policy)
        .assertOk();
  }

  /** Step 2's buckets in dev: the versioned input bucket, the artifact store. */
  static void inputAndArtifactBuckets(AwsCli dev) throws Exception {
    dev.run("s3api", "create-bucket", "--bucket", "codepipeline-input-bucket").assertOk();
    dev.run(
            "s3api",
            "put-bucket-versioning",
            "--bucket",
            "codepipeline-input-bucket",
            "--versioning-configuration",
            "Status=Enabled")
        .assertOk();
    dev.run("s3api", "create-bucket", "--bucket", "codepipeline-us-east-1-0123456789").assertOk();
  }

  /**
   * A pipeline of two stages run by {@code roleArn}: an S3 source, then an S3 deploy configured by
   * {@code deploy} (extract the artifact into a bucket, or store it under a key).
   */
  static PipelineDeclaration s3ToS3Pipeline(
      String name,
      String roleArn,
      String artifactBucket,
      String inputBucket,
      String inputKey,
      Map<String, String> deploy) {
    ActionDeclaration source =
        s3Action("Source", "Source")
            .configuration(
                Map.of(
                    "PollForSourceChanges",
                    "false",
                    "S3Bucket",
                    inputBucket,
                    "S3ObjectKey",
                    inputKey))
            .outputArtifacts(OutputArtifact.builder().name("SourceArtifact").build())
            .build();
    ActionDeclaration deployAction =
        s3Action("Deploy", "Deploy")
            .configuration(deploy)
            .inputArtifacts(InputArtifact.builder().name("SourceArtifact").build())
            .build();
    return PipelineDeclaration.builder()
        .name(name)
        .roleArn(roleArn)
        .artifactStore(a -> a.type("S3").location(artifactBucket))
        .stages(
            StageDeclaration.builder().name("Source").actions(source).build(),
            StageDeclaration.builder().name("Deploy").actions(deployAction).build())
        .build();
  }

  private static ActionDeclaration.Builder s3Action(String name, String category) {
    return ActionDeclaration.builder()
        .name(name)
        .actionTypeId(t -> t.category(category).owner("AWS").provider("S3").version("1"));
  }

  /** {@code count} pages, {@code pages/page-N.html}: a large site. */
  static Map<String, byte[]> pages(int count) {
    Map<String, byte[]> pages = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      pages.put(
          "pages/page-" + i + ".html", ("<html><body>page " + i + "</body></html>\n").getBytes());
    }
    return pages;
  }

  // ---- the guide as CloudFormation stacks ----

  /** {@code aws cloudformation deploy} of a template, IAM names allowed; its result. */
  static AwsCli.Result deployStack(AwsCli cli, String stack, Path template, String... overrides)
      throws Exception {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "cloudformation",
                "deploy",
                "--stack-name",
                stack,
                "--template-file",
                template.toString(),
                "--capabilities",
                "CAPABILITY_NAMED_IAM",
                "--parameter-overrides"));
    arguments.addAll(List.of(overrides));
    return cli.run(arguments.toArray(String[]::new));
  }

  static JsonNode stack(AwsCli cli, String name) throws Exception {
    return json(cli.run("cloudformation", "describe-stacks", "--stack-name", name)).at("/Stacks/0");
  }

  /** A stack's outputs by key. */
  static Map<String, String> outputs(AwsCli cli, String name) throws Exception {
    Map<String, String> outputs = new LinkedHashMap<>();
    for (JsonNode output : stack(cli, name).get("Outputs")) {
      outputs.put(output.get("OutputKey").asText(), output.get("OutputValue").asText());
    }
    return outputs;
  }

  /** A stack's events, oldest first: resource, status and reason. */
  static List<String> stackEvents(AwsCli cli, String name) throws Exception {
    List<String> events = new ArrayList<>();
    for (JsonNode event :
        json(cli.run("cloudformation", "describe-stack-events", "--stack-name", name))
            .get("StackEvents")) {
      events.addFirst(
          event.get("LogicalResourceId").asText()
              + " "
              + event.get("ResourceStatus").asText()
              + (event.has("ResourceStatusReason")
                  ? " " + event.get("ResourceStatusReason").asText()
                  : ""));
    }
    return events;
  }

  // ---- waits, through the SDK ----

  static CodePipelineClient codepipeline(Ferry ferry, String account) {
    RootCredentials root = ferry.root(account);
    return codepipeline(ferry.endpoint(), root.accessKeyId(), root.secretAccessKey());
  }

  static CodePipelineClient codepipeline(URI endpoint, String accessKeyId, String secretAccessKey) {
    return CodePipelineClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .httpClient(Apache5HttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
        .build();
  }

  static List<PipelineExecutionSummary> executions(
      Supplier<CodePipelineClient> codepipeline, String pipeline) {
    return codepipeline
        .get()
        .listPipelineExecutions(l -> l.pipelineName(pipeline))
        .pipelineExecutionSummaries();
  }

  /** The newest execution of a pipeline, once it has {@code count} and the newest has ended. */
  static PipelineExecutionSummary awaitEnd(
      Supplier<CodePipelineClient> codepipeline, String pipeline, int count)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    List<PipelineExecutionSummary> all = List.of();
    while (Instant.now().isBefore(deadline)) {
      all = executions(codepipeline, pipeline);
      if (all.size() >= count
          && all.getFirst().status() != PipelineExecutionStatus.IN_PROGRESS
          && all.getFirst().status() != PipelineExecutionStatus.STOPPING) {
        return all.getFirst();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("Execution #" + count + " of " + pipeline + " did not end: " + all);
  }

  /** An execution, once it has the status. */
  static PipelineExecution awaitStatus(
      Supplier<CodePipelineClient> codepipeline,
      String pipeline,
      String executionId,
      PipelineExecutionStatus status)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    PipelineExecution last = null;
    while (Instant.now().isBefore(deadline)) {
      last =
          codepipeline
              .get()
              .getPipelineExecution(g -> g.pipelineName(pipeline).pipelineExecutionId(executionId))
              .pipelineExecution();
      if (last.status() == status) {
        return last;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("Execution " + executionId + " never became " + status + ": " + last);
  }

  /**
   * Waits until the stage and each of its actions are InProgress (a stage enters InProgress a
   * moment before its actions start) and returns the pipeline execution's id.
   */
  static String awaitActionsInProgress(
      Supplier<CodePipelineClient> codepipeline, String pipeline, String stage)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      for (StageState state :
          codepipeline.get().getPipelineState(g -> g.name(pipeline)).stageStates()) {
        if (state.stageName().equals(stage)
            && state.latestExecution() != null
            && state.latestExecution().statusAsString().equals("InProgress")
            && state.actionStates().stream()
                .allMatch(a ->
                    a.latestExecution() != null
                        && a.latestExecution().statusAsString().equals("InProgress"))) {
          return state.latestExecution().pipelineExecutionId();
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("The actions of " + pipeline + "'s stage " + stage + " never ran");
  }
}
