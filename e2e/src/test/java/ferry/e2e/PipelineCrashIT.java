package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;

/**
 * {@code kill -9} of the Ferry process while a deploy action runs, then a restart on the same data:
 * the execution is reported Failed with the "interrupted" error, never stuck InProgress, and
 * RetryStageExecution deploys everything.
 */
@ExtendWith(AwsCliInstalled.class)
class PipelineCrashIT {
  static final int FILES = 3000;

  @TempDir Path work;

  @Test
  void killDuringDeploy_isReportedFailedAfterRestart_andRetrySucceeds() throws Exception {
    Path data = work.resolve("data");
    Path zip = work.resolve("sample-website.zip");
    Files.write(zip, GuideWithCli.zip(GuideWithCli.pages(FILES)));
    String executionId;
    FerryServer first = FerryServer.start(data);
    try {
      AwsCli dev = AwsCli.as(first, "dev");
      GuideWithCli.serviceRoleForS3(dev);
      GuideWithCli.inputAndArtifactBuckets(dev);
      dev.run("s3api", "create-bucket", "--bucket", "crash-output-bucket").assertOk();
      dev.run("s3", "cp", zip.toString(), "s3://codepipeline-input-bucket/sample-website.zip")
          .assertOk();
      try (CodePipelineClient codepipeline = codepipeline(first)) {
        codepipeline.createPipeline(c ->
            c.pipeline(
                GuideWithCli.s3ToS3Pipeline(
                    "crashdeploy",
                    GuideWithCli.SERVICE_ROLE,
                    "codepipeline-us-east-1-0123456789",
                    "codepipeline-input-bucket",
                    "sample-website.zip",
                    Map.of("BucketName", "crash-output-bucket", "Extract", "true"))));
        executionId =
            GuideWithCli.awaitActionsInProgress(() -> codepipeline, "crashdeploy", "Deploy");
      }
      first.kill();
    } finally {
      first.close();
    }

    try (FerryServer second = FerryServer.start(data);
        CodePipelineClient codepipeline = codepipeline(second)) {
      AwsCli dev = AwsCli.as(second, "dev");
      GuideWithCli.awaitStatus(
          () -> codepipeline, "crashdeploy", executionId, PipelineExecutionStatus.FAILED);
      JsonNode actions =
          GuideWithCli.json(
              dev.run(
                  "codepipeline",
                  "list-action-executions",
                  "--pipeline-name",
                  "crashdeploy",
                  "--filter",
                  "pipelineExecutionId=" + executionId));
      JsonNode deploy = actions.at("/actionExecutionDetails/0");
      assertThat(deploy.at("/actionName").asText()).isEqualTo("Deploy");
      assertThat(deploy.at("/status").asText()).isEqualTo("Failed");
      // aws-cli 2.9's model predates executionResult.errorDetails; the summary carries the error.
      assertThat(deploy.at("/output/executionResult/externalExecutionSummary").asText())
          .startsWith("The action was interrupted by a restart of Ferry");
      JsonNode state =
          GuideWithCli.json(dev.run("codepipeline", "get-pipeline-state", "--name", "crashdeploy"));
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
      GuideWithCli.awaitStatus(
          () -> codepipeline, "crashdeploy", executionId, PipelineExecutionStatus.SUCCEEDED);
      JsonNode listed =
          GuideWithCli.json(
              dev.run(
                  "s3api",
                  "list-objects-v2",
                  "--bucket",
                  "crash-output-bucket",
                  "--query",
                  "length(Contents)"));
      assertThat(listed.asInt()).isEqualTo(FILES);
    }
  }

  static CodePipelineClient codepipeline(FerryServer ferry) {
    FerryServer.Account dev = ferry.account("dev");
    return GuideWithCli.codepipeline(ferry.endpoint(), dev.accessKeyId(), dev.secretAccessKey());
  }
}
