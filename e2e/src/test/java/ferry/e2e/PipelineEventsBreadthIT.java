package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * CodePipeline and EventBridge past the guide, with the real aws CLI v2 (2.9): tags on a pipeline,
 * a rule and an event bus; a custom bus whose rule's InputTransformer tells the pipeline which
 * object version to deploy; a disabled stage transition holding an execution until it is enabled;
 * list-action-executions filtered by execution. Bad input is refused and stores nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEventsBreadthIT extends FerryPerClass {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PIPELINE = "breadth";
  static final String PIPELINE_ARN = "arn:aws:codepipeline:us-east-1:111111111111:breadth";
  static final String SERVICE_ROLE = "arn:aws:iam::111111111111:role/breadth-service";
  static final String RULE_ROLE = "arn:aws:iam::111111111111:role/breadth-events";

  static String firstVersion;
  static String secondVersion;

  @BeforeAll
  static void start() throws Exception {
    role(
        "breadth-service",
        "codepipeline.amazonaws.com",
        "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}");
    role(
        "breadth-events",
        "events.amazonaws.com",
        "{\"Effect\":\"Allow\",\"Action\":\"codepipeline:StartPipelineExecution\",\"Resource\":\""
            + PIPELINE_ARN
            + "\"}");
    dev.run("s3api", "create-bucket", "--bucket", "breadth-input").assertOk();
    dev.run(
            "s3api",
            "put-bucket-versioning",
            "--bucket",
            "breadth-input",
            "--versioning-configuration",
            "Status=Enabled")
        .assertOk();
    dev.run("s3api", "create-bucket", "--bucket", "breadth-artifacts").assertOk();
    dev.run("s3api", "create-bucket", "--bucket", "breadth-output").assertOk();
    firstVersion = upload("first");
    secondVersion = upload("second");
  }

  static void role(String name, String service, String statement) throws Exception {
    Path trust =
        write(
            name + "-trust.json",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\""
                + service
                + "\"},\"Action\":\"sts:AssumeRole\"}]}");
    Path policy =
        write(
            name + "-policy.json",
            "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}");
    dev.run(
            "iam",
            "create-role",
            "--role-name",
            name,
            "--assume-role-policy-document",
            "file://" + trust)
        .assertOk();
    dev.run(
            "iam",
            "put-role-policy",
            "--role-name",
            name,
            "--policy-name",
            "access",
            "--policy-document",
            "file://" + policy)
        .assertOk();
  }

  static Path write(String name, String text) throws IOException {
    Path file = work.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  /** Uploads a site whose index.html says {@code text}; returns the object's version. */
  static String upload(String text) throws Exception {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry("index.html"));
      out.write(text.getBytes());
      out.closeEntry();
    }
    Path zip = work.resolve(text + ".zip");
    Files.write(zip, bytes.toByteArray());
    return json(dev.run(
            "s3api",
            "put-object",
            "--bucket",
            "breadth-input",
            "--key",
            "site.zip",
            "--body",
            zip.toString()))
        .path("VersionId")
        .asText();
  }

  static JsonNode json(AwsCli.Result result) throws IOException {
    return JSON.readTree(result.assertOk().stdout());
  }

  static String refused(AwsCli.Result result) {
    assertThat(result.exitCode()).as(result.stdout()).isNotZero();
    return result.stderr();
  }

  static String deployed() throws Exception {
    Path out = work.resolve("index-" + System.nanoTime() + ".html");
    dev.run("s3", "cp", "s3://breadth-output/index.html", out.toString()).assertOk();
    return Files.readString(out);
  }

  static JsonNode executions() throws Exception {
    return json(dev.run("codepipeline", "list-pipeline-executions", "--pipeline-name", PIPELINE))
        .path("pipelineExecutionSummaries");
  }

  static JsonNode await(String what, Predicate<JsonNode> done, ThrowingSupplier probe)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      JsonNode value = probe.get();
      if (done.test(value)) {
        return value;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("Timed out waiting for " + what);
  }

  interface ThrowingSupplier {
    JsonNode get() throws Exception;
  }

  static JsonNode awaitExecutionEnd(String id) throws Exception {
    return await(
        "execution " + id + " to end",
        e -> !e.path("status").asText().equals("InProgress"),
        () ->
            json(dev.run(
                    "codepipeline",
                    "get-pipeline-execution",
                    "--pipeline-name",
                    PIPELINE,
                    "--pipeline-execution-id",
                    id))
                .path("pipelineExecution"));
  }

  @Test
  @Order(1)
  void aPipelineMadeWithTags_roundTripsThem_andBadTagsStoreNothing() throws Exception {
    Path pipeline =
        write(
            "pipeline.json",
            """
            {"name":"breadth","roleArn":"%s",
             "artifactStore":{"type":"S3","location":"breadth-artifacts"},
             "stages":[
              {"name":"Source","actions":[{"name":"Source",
                "actionTypeId":{"category":"Source","owner":"AWS","provider":"S3","version":"1"},
                "configuration":{"S3Bucket":"breadth-input","S3ObjectKey":"site.zip",
                                 "PollForSourceChanges":"false"},
                "outputArtifacts":[{"name":"Site"}]}]},
              {"name":"Deploy","actions":[{"name":"Deploy",
                "actionTypeId":{"category":"Deploy","owner":"AWS","provider":"S3","version":"1"},
                "configuration":{"BucketName":"breadth-output","Extract":"true"},
                "inputArtifacts":[{"name":"Site"}]}]}]}
            """
                .formatted(SERVICE_ROLE));
    JsonNode created =
        json(
            dev.run(
                "codepipeline",
                "create-pipeline",
                "--pipeline",
                "file://" + pipeline,
                "--tags",
                "key=team,value=web"));
    assertThat(created.path("tags").get(0).path("key").asText()).isEqualTo("team");
    awaitExecutionEnd(executions().get(0).path("pipelineExecutionId").asText());

    dev.run(
            "codepipeline",
            "tag-resource",
            "--resource-arn",
            PIPELINE_ARN,
            "--tags",
            "key=env,value=prod",
            "key=team,value=ops")
        .assertOk();
    dev.run("codepipeline", "untag-resource", "--resource-arn", PIPELINE_ARN, "--tag-keys", "env")
        .assertOk();
    JsonNode tags =
        json(dev.run("codepipeline", "list-tags-for-resource", "--resource-arn", PIPELINE_ARN));
    assertThat(tags.path("tags").toString()).isEqualTo("[{\"key\":\"team\",\"value\":\"ops\"}]");

    List<String> many = new ArrayList<>(List.of("codepipeline", "tag-resource", "--resource-arn"));
    many.add(PIPELINE_ARN);
    many.add("--tags");
    for (int i = 0; i < 50; i++) {
      many.add("key=k" + i + ",value=v");
    }
    assertThat(refused(dev.run(many.toArray(String[]::new)))).contains("TooManyTagsException");
    assertThat(
            refused(
                dev.run(
                    "codepipeline",
                    "tag-resource",
                    "--resource-arn",
                    PIPELINE_ARN,
                    "--tags",
                    "key=dup,value=1",
                    "key=dup,value=2")))
        .contains("InvalidTagsException");
    assertThat(
            json(dev.run("codepipeline", "list-tags-for-resource", "--resource-arn", PIPELINE_ARN))
                .path("tags"))
        .hasSize(1);
  }

  @Test
  @Order(2)
  void aCustomBussRule_transformsTheEvent_intoTheVersionThePipelineDeploys() throws Exception {
    String bus =
        json(dev.run(
                "events", "create-event-bus", "--name", "releases", "--tags", "Key=team,Value=web"))
            .path("EventBusArn")
            .asText();
    assertThat(bus).isEqualTo("arn:aws:events:us-east-1:111111111111:event-bus/releases");
    assertThat(
            json(dev.run("events", "describe-event-bus", "--name", "releases"))
                .path("Arn")
                .asText())
        .isEqualTo(bus);
    assertThat(
            json(dev.run("events", "list-event-buses", "--name-prefix", "rel")).path("EventBuses"))
        .hasSize(1);
    String rule =
        json(dev.run(
                "events",
                "put-rule",
                "--name",
                "deploy-release",
                "--event-bus-name",
                "releases",
                "--event-pattern",
                "{\"source\":[\"app.releases\"]}",
                "--tags",
                "Key=team,Value=web"))
            .path("RuleArn")
            .asText();
    assertThat(rule)
        .isEqualTo("arn:aws:events:us-east-1:111111111111:rule/releases/deploy-release");
    dev.run("events", "tag-resource", "--resource-arn", bus, "--tags", "Key=env,Value=prod")
        .assertOk();
    dev.run("events", "untag-resource", "--resource-arn", rule, "--tag-keys", "team").assertOk();
    assertThat(
            json(dev.run("events", "list-tags-for-resource", "--resource-arn", bus))
                .path("Tags")
                .toString())
        .isEqualTo("[{\"Key\":\"team\",\"Value\":\"web\"},{\"Key\":\"env\",\"Value\":\"prod\"}]");
    assertThat(
            json(dev.run("events", "list-tags-for-resource", "--resource-arn", rule)).path("Tags"))
        .isEmpty();

    Path malformed =
        write(
            "malformed-targets.json",
            """
            [{"Id":"pipeline","Arn":"%s","RoleArn":"%s",
              "InputTransformer":{"InputPathsMap":{"v":"$.detail.version"},
                                  "InputTemplate":"{\\"sourceRevisions\\": <v>"}}]
            """
                .formatted(PIPELINE_ARN, RULE_ROLE));
    assertThat(
            refused(
                dev.run(
                    "events",
                    "put-targets",
                    "--rule",
                    "deploy-release",
                    "--event-bus-name",
                    "releases",
                    "--targets",
                    "file://" + malformed)))
        .contains("ValidationException");
    assertThat(
            json(dev.run(
                    "events",
                    "list-targets-by-rule",
                    "--rule",
                    "deploy-release",
                    "--event-bus-name",
                    "releases"))
                .path("Targets"))
        .isEmpty();

    Path targets =
        write(
            "targets.json",
            """
            [{"Id":"pipeline","Arn":"%s","RoleArn":"%s",
              "InputTransformer":{"InputPathsMap":{"v":"$.detail.version"},
                "InputTemplate":"{\\"sourceRevisions\\": {\\"actionName\\": \\"Source\\", \\"revisionType\\": \\"S3_OBJECT_VERSION_ID\\", \\"revisionValue\\": <v>}}"}}]
            """
                .formatted(PIPELINE_ARN, RULE_ROLE));
    dev.run(
            "events",
            "put-targets",
            "--rule",
            "deploy-release",
            "--event-bus-name",
            "releases",
            "--targets",
            "file://" + targets)
        .assertOk();
    JsonNode listed =
        json(
            dev.run(
                "events",
                "list-targets-by-rule",
                "--rule",
                "deploy-release",
                "--event-bus-name",
                "releases"));
    assertThat(listed.at("/Targets/0/InputTransformer/InputPathsMap/v").asText())
        .isEqualTo("$.detail.version");

    int before = executions().size();
    Path onDefault =
        write(
            "on-default.json",
            "[{\"Source\":\"app.releases\",\"DetailType\":\"Release\",\"Detail\":\"{\\\"version\\\":\\\""
                + firstVersion
                + "\\\"}\"}]");
    dev.run("events", "put-events", "--entries", "file://" + onDefault).assertOk();
    Thread.sleep(500);
    assertThat(executions()).hasSize(before);

    Path onBus =
        write(
            "on-bus.json",
            "[{\"Source\":\"app.releases\",\"DetailType\":\"Release\",\"EventBusName\":\"releases\","
                + "\"Detail\":\"{\\\"version\\\":\\\""
                + firstVersion
                + "\\\"}\"}]");
    dev.run("events", "put-events", "--entries", "file://" + onBus).assertOk();
    JsonNode started =
        await("the rule to start an execution", all -> all.size() > before, () -> executions());
    JsonNode execution = awaitExecutionEnd(started.get(0).path("pipelineExecutionId").asText());
    assertThat(execution.path("status").asText()).isEqualTo("Succeeded");
    // aws CLI 2.9's model has no trigger in GetPipelineExecution's output, so it prints none.
    assertThat(execution.at("/artifactRevisions/0/revisionId").asText()).isEqualTo(firstVersion);
    assertThat(deployed()).isEqualTo("first");

    assertThat(refused(dev.run("events", "delete-event-bus", "--name", "default")))
        .contains("ValidationException");
  }

  @Test
  @Order(3)
  void aDisabledTransition_holdsTheExecution_untilItIsEnabled() throws Exception {
    dev.run(
            "codepipeline",
            "disable-stage-transition",
            "--pipeline-name",
            PIPELINE,
            "--stage-name",
            "Deploy",
            "--transition-type",
            "Inbound",
            "--reason",
            "Change freeze")
        .assertOk();
    JsonNode state = json(dev.run("codepipeline", "get-pipeline-state", "--name", PIPELINE));
    JsonNode inbound = state.at("/stageStates/1/inboundTransitionState");
    assertThat(inbound.path("enabled").asBoolean()).isFalse();
    assertThat(inbound.path("disabledReason").asText()).isEqualTo("Change freeze");
    assertThat(inbound.path("lastChangedBy").asText()).isEqualTo("arn:aws:iam::111111111111:root");

    String id =
        json(dev.run("codepipeline", "start-pipeline-execution", "--name", PIPELINE))
            .path("pipelineExecutionId")
            .asText();
    await(
        "the source action to succeed",
        actions ->
            actions.size() == 1 && actions.get(0).path("status").asText().equals("Succeeded"),
        () ->
            json(dev.run(
                    "codepipeline",
                    "list-action-executions",
                    "--pipeline-name",
                    PIPELINE,
                    "--filter",
                    "pipelineExecutionId=" + id))
                .path("actionExecutionDetails"));
    Thread.sleep(500);
    assertThat(awaitNothing(id).path("status").asText()).isEqualTo("InProgress");
    assertThat(deployed()).isEqualTo("first");

    dev.run(
            "codepipeline",
            "enable-stage-transition",
            "--pipeline-name",
            PIPELINE,
            "--stage-name",
            "Deploy",
            "--transition-type",
            "Inbound")
        .assertOk();
    assertThat(awaitExecutionEnd(id).path("status").asText()).isEqualTo("Succeeded");
    assertThat(deployed()).isEqualTo("second");
    assertThat(
            json(dev.run("codepipeline", "get-pipeline-state", "--name", PIPELINE))
                .at("/stageStates/1/inboundTransitionState/enabled")
                .asBoolean())
        .isTrue();

    JsonNode actions =
        json(dev.run(
                "codepipeline",
                "list-action-executions",
                "--pipeline-name",
                PIPELINE,
                "--filter",
                "pipelineExecutionId=" + id))
            .path("actionExecutionDetails");
    assertThat(actions).hasSize(2);
    assertThat(actions.get(0).path("actionName").asText()).isEqualTo("Deploy");
    JsonNode page =
        json(
            dev.run(
                "codepipeline",
                "list-pipeline-executions",
                "--pipeline-name",
                PIPELINE,
                "--max-items",
                "1"));
    assertThat(page.path("pipelineExecutionSummaries")).hasSize(1);
    assertThat(page.path("NextToken").asText()).isNotEmpty();
    assertThat(
            refused(
                dev.run(
                    "codepipeline",
                    "disable-stage-transition",
                    "--pipeline-name",
                    PIPELINE,
                    "--stage-name",
                    "Nowhere",
                    "--transition-type",
                    "Inbound",
                    "--reason",
                    "x")))
        .contains("StageNotFoundException");
  }

  static JsonNode awaitNothing(String id) throws Exception {
    return json(dev.run(
            "codepipeline",
            "get-pipeline-execution",
            "--pipeline-name",
            PIPELINE,
            "--pipeline-execution-id",
            id))
        .path("pipelineExecution");
  }
}
