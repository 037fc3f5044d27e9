package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The guide as a CDK app ({@code examples/cdk}), deployed to a Ferry process with the real CDK CLI
 * ({@code cdk deploy}, aws-cdk from the example's lock file) and no bootstrap stack: DevStack with
 * dev's credentials, ProdStack with prod's and the key DevStack exported, DevStack again with the
 * deploy action's role in prod (CodePipeline checks it can be assumed when the pipeline is saved);
 * then an upload to the input bucket runs the pipeline, and the site is in prod's bucket, owned by
 * prod.
 */
class CdkDeployIT extends FerryPerClass {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theCdkApp_deploysBothStacks_andThePipelineDeliversToProd() throws Exception {
    Path app = GuideWithCli.example("cdk");
    Path devOutputs = work.resolve("dev-outputs.json");
    Instant started = Instant.now();
    cdk(app, "dev", "deploy", "DevStack", "--outputs-file", devOutputs.toString());
    String keyArn = JSON.readTree(devOutputs.toFile()).at("/DevStack/KeyArn").asText();
    assertThat(keyArn).startsWith("arn:aws:kms:us-east-1:111111111111:key/");
    cdk(app, "prod", "deploy", "ProdStack", "-c", "devKeyArn=" + keyArn);
    cdk(app, "dev", "deploy", "DevStack", "-c", "prodRoleReady=true");
    Duration deployed = Duration.between(started, Instant.now());
    System.out.printf(
        "cdk deploy of DevStack, ProdStack and DevStack again: %d ms%n", deployed.toMillis());

    JsonNode stacks =
        JSON.readTree(dev.run("cloudformation", "describe-stacks").assertOk().stdout());
    assertThat(stacks.at("/Stacks/0/StackStatus").asText()).isEqualTo("UPDATE_COMPLETE");

    Map<String, byte[]> site = new LinkedHashMap<>();
    site.put("index.html", "<html><body><h1>From the CDK</h1></body></html>\n".getBytes());
    site.put("css/style.css", "h1 { color: teal; }\n".getBytes());
    Path zip = work.resolve("sample-website.zip");
    Files.write(zip, GuideWithCli.zip(site));
    dev.run("s3", "cp", zip.toString(), "s3://codepipeline-input-bucket/sample-website.zip")
        .assertOk();
    assertThat(awaitLatestExecution()).isEqualTo("Succeeded");

    AwsCli prod = AwsCli.as(ferry, "prod");
    String prodOwner =
        JSON.readTree(prod.run("s3api", "list-buckets").assertOk().stdout())
            .at("/Owner/ID")
            .asText();
    for (Map.Entry<String, byte[]> file : site.entrySet()) {
      Path copy = work.resolve("copy-" + file.getKey().replace('/', '_'));
      prod.run("s3", "cp", "s3://codepipeline-output-bucket/" + file.getKey(), copy.toString())
          .assertOk();
      assertThat(Files.readAllBytes(copy)).isEqualTo(file.getValue());
      JsonNode acl =
          JSON.readTree(
              prod.run(
                      "s3api",
                      "get-object-acl",
                      "--bucket",
                      "codepipeline-output-bucket",
                      "--key",
                      file.getKey())
                  .assertOk()
                  .stdout());
      assertThat(acl.at("/Owner/ID").asText()).isEqualTo(prodOwner);
    }
  }

  private static String awaitLatestExecution() throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    String status = "none";
    while (Instant.now().isBefore(deadline)) {
      JsonNode summaries =
          JSON.readTree(
              dev.run(
                      "codepipeline",
                      "list-pipeline-executions",
                      "--pipeline-name",
                      "crossaccountdeploy")
                  .assertOk()
                  .stdout());
      // The execution the upload started through the source's EventBridge rule (the pipeline's
      // first, at its creation, fails as in the guide: the object did not exist yet).
      for (JsonNode execution : summaries.path("pipelineExecutionSummaries")) {
        if (execution.at("/trigger/triggerType").asText().equals("CloudWatchEvent")) {
          status = execution.path("status").asText("none");
          if (!status.equals("InProgress")) {
            return status + (status.equals("Succeeded") ? "" : ": " + execution);
          }
        }
      }
      Thread.sleep(100);
    }
    return "still " + status + " after 60 s";
  }

  /** Runs the example's own CDK CLI as the account's root, against Ferry, in a fresh home. */
  private static void cdk(Path app, String account, String... arguments)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(app.resolve("node_modules/.bin/cdk").toString()));
    command.addAll(List.of(arguments));
    command.addAll(List.of("--require-approval", "never", "--no-notices", "--ci"));
    command.addAll(List.of("--output", work.resolve("cdk.out-" + account).toString()));
    Path home = Files.createDirectories(work.resolve("home-" + account));
    Path log = work.resolve("cdk-" + account + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(app.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("CDK_"));
    FerryServer.Account root = ferry.account(account);
    env.put("HOME", home.toString());
    env.put("AWS_ACCESS_KEY_ID", root.accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", root.secretAccessKey());
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL", ferry.endpoint().toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("CDK_DISABLE_VERSION_CHECK", "true");
    env.put("CDK_DISABLE_CLI_TELEMETRY", "true");
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("cdk " + String.join(" ", arguments) + " did not finish in 5 min");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("cdk %s:%n%s", String.join(" ", arguments), output).isZero();
  }
}
