package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the Ferry process while a deploy action runs, then a restart on the same data:
 * the execution is reported Failed with the "interrupted" error, never stuck InProgress, and
 * RetryStageExecution deploys everything.
 */
@ExtendWith(AwsCliInstalled.class)
class PipelineCrashIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int FILES = 3000;

  @TempDir Path work;

  @Test
  void killDuringDeploy_isReportedFailedAfterRestart_andRetrySucceeds() throws Exception {
    Path data = work.resolve("data");
    Path zip = work.resolve("sample-website.zip");
    var bytes = new ByteArrayOutputStream();
    try (var out = new ZipOutputStream(bytes)) {
      for (int i = 0; i < FILES; i++) {
        out.putNextEntry(new ZipEntry("pages/page-" + i + ".html"));
        out.write(("<html><body>page " + i + "</body></html>\n").getBytes());
        out.closeEntry();
      }
    }
    Files.write(zip, bytes.toByteArray());
    Path pipeline = work.resolve("pipeline.json");
    Files.writeString(
        pipeline,
        """
        {"pipeline":{"name":"crashdeploy",
         "roleArn":"arn:aws:iam::111111111111:role/service-role/AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy",
         "artifactStore":{"type":"S3","location":"codepipeline-us-east-1-0123456789"},
         "stages":[
          {"name":"Source","actions":[{"name":"Source",
            "actionTypeId":{"category":"Source","owner":"AWS","provider":"S3","version":"1"},
            "configuration":{"PollForSourceChanges":"false","S3Bucket":"codepipeline-input-bucket",
              "S3ObjectKey":"sample-website.zip"},
            "outputArtifacts":[{"name":"SourceArtifact"}]}]},
          {"name":"Deploy","actions":[{"name":"Deploy",
            "actionTypeId":{"category":"Deploy","owner":"AWS","provider":"S3","version":"1"},
            "configuration":{"BucketName":"crash-output-bucket","Extract":"true"},
            "inputArtifacts":[{"name":"SourceArtifact"}]}]}]}}
        """);
    String executionId;
    FerryServer first = FerryServer.start(data);
    try {
      AwsCli dev = AwsCli.as(first, "dev");
      dev.run(
              "iam",
              "create-role",
              "--path",
              "/service-role/",
              "--role-name",
              "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy",
              "--assume-role-policy-document",
              guide("dev/codepipeline-service-role-trust.json"))
          .assertOk();
      dev.run(
              "iam",
              "put-role-policy",
              "--role-name",
              "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy",
              "--policy-name",
              "all-s3",
              "--policy-document",
              "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                  + "\"Resource\":\"*\"}]}")
          .assertOk();
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
      dev.run("s3api", "create-bucket", "--bucket", "crash-output-bucket").assertOk();
      dev.run("s3", "cp", zip.toString(), "s3://codepipeline-input-bucket/sample-website.zip")
          .assertOk();
      dev.run("codepipeline", "create-pipeline", "--cli-input-json", "file://" + pipeline)
          .assertOk();
      executionId = waitFor(dev, "Deploy", "InProgress", Duration.ofSeconds(60)).executionId;
      first.kill();
    } finally {
      first.close();
    }

    try (FerryServer second = FerryServer.start(data)) {
      AwsCli dev = AwsCli.as(second, "dev");
      JsonNode execution = awaitExecution(dev, executionId, "Failed", Duration.ofSeconds(60));
      assertThat(execution.at("/pipelineExecution/status").asText()).isEqualTo("Failed");
      JsonNode actions =
          JSON.readTree(
              dev.run(
                      "codepipeline",
                      "list-action-executions",
                      "--pipeline-name",
                      "crashdeploy",
                      "--filter",
                      "pipelineExecutionId=" + executionId)
                  .assertOk()
                  .stdout());
      JsonNode deploy = actions.at("/actionExecutionDetails/0");
      assertThat(deploy.at("/actionName").asText()).isEqualTo("Deploy");
      assertThat(deploy.at("/status").asText()).isEqualTo("Failed");
      // aws-cli 2.9's model predates executionResult.errorDetails; the summary carries the error.
      assertThat(deploy.at("/output/executionResult/externalExecutionSummary").asText())
          .startsWith("The action was interrupted by a restart of Ferry");
      JsonNode state =
          JSON.readTree(
              dev.run("codepipeline", "get-pipeline-state", "--name", "crashdeploy")
                  .assertOk()
                  .stdout());
      assertThat(
              state
                  .at("/stageStates/1/actionStates/0/latestExecution/errorDetails/message")
                  .asText())
          .startsWith("The action was interrupted by a restart of Ferry");

      dev.run(
              "codepipeline",
              "retry-stage-execution",
              "--pipeline-name",
              "crashdeploy",
              "--stage-name",
              "Deploy",
              "--pipeline-execution-id",
              executionId,
              "--retry-mode",
              "FAILED_ACTIONS")
          .assertOk();
      awaitExecution(dev, executionId, "Succeeded", Duration.ofSeconds(120));
      JsonNode listed =
          JSON.readTree(
              dev.run(
                      "s3api",
                      "list-objects-v2",
                      "--bucket",
                      "crash-output-bucket",
                      "--query",
                      "length(Contents)")
                  .assertOk()
                  .stdout());
      assertThat(listed.asInt()).isEqualTo(FILES);
    }
  }

  record StageState(String executionId, String status) {}

  static StageState waitFor(AwsCli cli, String stage, String status, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      JsonNode state =
          JSON.readTree(
              cli.run("codepipeline", "get-pipeline-state", "--name", "crashdeploy")
                  .assertOk()
                  .stdout());
      for (JsonNode s : state.at("/stageStates")) {
        if (s.at("/stageName").asText().equals(stage)
            && s.at("/latestExecution/status").asText().equals(status)) {
          return new StageState(s.at("/latestExecution/pipelineExecutionId").asText(), status);
        }
      }
    }
    throw new AssertionError("Stage " + stage + " never became " + status);
  }

  static JsonNode awaitExecution(AwsCli cli, String id, String status, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last =
          JSON.readTree(
              cli.run(
                      "codepipeline",
                      "get-pipeline-execution",
                      "--pipeline-name",
                      "crashdeploy",
                      "--pipeline-execution-id",
                      id)
                  .assertOk()
                  .stdout());
      if (last.at("/pipelineExecution/status").asText().equals(status)) {
        return last;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Execution never became " + status + ": " + last);
  }

  static String guide(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(dir.resolve("examples/guide"))) {
      dir = dir.getParent();
    }
    return "file://" + dir.resolve("examples/guide").resolve(name);
  }
}
