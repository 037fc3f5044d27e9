package ferry.e2e;

import static ferry.e2e.GuideWithCli.deployStack;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.app.Ferry;
import ferry.app.FerryConfig;
import ferry.app.RootCredentials;
import ferry.junit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;

/**
 * The guide's seven grants, each left out of {@code examples/cloudformation} in turn: the stacks
 * are deployed with the real aws CLI in the guide's order (dev, prod, dev again with the deploy
 * action's role) and the run fails where AWS fails — at the pipeline resource of dev's second
 * deploy, with CodePipeline's AssumeRole check, for the two grants AWS checks when a pipeline is
 * saved (the stack rolls back), else in the Deploy action of the run the upload starts, with a
 * PermissionError, and nothing reaches prod's bucket.
 */
@ExtendWith(AwsCliInstalled.class)
class CloudFormationGrantsIT {
  static final String PROD = "222222222222";
  static final String KEY_USER_PROD =
      "                - !Sub arn:${AWS::Partition}:iam::${ProdAccountId}:root\n";
  static final String ENCRYPTION_KEY =
      "        EncryptionKey:\n          Id: !GetAtt DeployKey.Arn\n          Type: KMS\n";
  static final String BUCKET_POLICY_PROD =
      "              AWS: !Sub arn:${AWS::Partition}:iam::${ProdAccountId}:root";
  static final String ASSUME_PROD_ROLE =
      "        - PolicyName: assumeprods3role\n"
          + "          PolicyDocument:\n"
          + "            Version: \"2012-10-17\"\n"
          + "            Statement:\n"
          + "              - Effect: Allow\n"
          + "                Action: sts:AssumeRole\n"
          + "                Resource: !Sub arn:${AWS::Partition}:iam::${ProdAccountId}:role/prods3role\n";
  static final String TRUSTED_PIPELINE_ROLE =
      "              AWS: !Sub arn:${AWS::Partition}:iam::${DevAccountId}:role/service-role/"
          + "AWSCodePipelineServiceRole-${AWS::Region}-crossaccountdeploy";

  @TempDir Path work;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "key-policy-prod, deploy, kms:Decrypt",
    "customer-managed-key, deploy, kms:Decrypt",
    "artifact-bucket-policy, deploy, the bucket policy of",
    "trust-policy, save, prods3role",
    "assumeprods3role, save, prods3role",
    "outputbucketdeployaccess, deploy, s3:PutObject",
    "devkmss3access, deploy, s3:GetObject"
  })
  void withoutOneGrant_theGuideFailsWhereAwsFails(String grant, String failsAt, String names)
      throws Exception {
    String dev = Files.readString(GuideWithCli.example("cloudformation/dev.yaml"));
    String prod = Files.readString(GuideWithCli.example("cloudformation/prod.yaml"));
    switch (grant) {
      case "key-policy-prod" -> dev = without(dev, KEY_USER_PROD, "");
      case "customer-managed-key" -> dev = without(dev, ENCRYPTION_KEY, "");
      case "artifact-bucket-policy" ->
          dev =
              without(
                  dev,
                  BUCKET_POLICY_PROD,
                  "              AWS: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root");
      case "trust-policy" ->
          prod =
              without(
                  prod,
                  TRUSTED_PIPELINE_ROLE,
                  "              AWS: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root");
      case "assumeprods3role" -> dev = without(dev, ASSUME_PROD_ROLE, "");
      case "outputbucketdeployaccess" ->
          prod = without(prod, "        - !Ref OutputBucketDeployAccess\n", "");
      case "devkmss3access" -> prod = without(prod, "        - !Ref DevKmsS3Access\n", "");
      default -> throw new AssertionError(grant);
    }
    Path devTemplate = Files.writeString(work.resolve("dev.yaml"), dev);
    Path prodTemplate = Files.writeString(work.resolve("prod.yaml"), prod);
    try (Ferry ferry =
        Ferry.start(TestDatabase.config(FerryConfig.defaults(work.resolve("data"))).withPort(0))) {
      AwsCli devCli = cli(ferry, "dev");
      AwsCli prodCli = cli(ferry, "prod");
      deployStack(devCli, "guide-dev", devTemplate, "ProdAccountId=" + PROD).assertOk();
      Map<String, String> outputs = GuideWithCli.outputs(devCli, "guide-dev");
      deployStack(
              prodCli,
              "guide-prod",
              prodTemplate,
              "DevAccountId=111111111111",
              "DevArtifactBucketName=" + outputs.get("ArtifactBucketName"),
              "DevKmsKeyArn=" + outputs.get("DeployKeyArn"))
          .assertOk();
      AwsCli.Result step7 =
          deployStack(
              devCli, "guide-dev", devTemplate, "ProdAccountId=" + PROD, "ProdRoleReady=true");
      if (failsAt.equals("save")) {
        assertThat(step7.exitCode()).as(step7.stdout()).isNotZero();
        assertThat(GuideWithCli.stack(devCli, "guide-dev").get("StackStatus").asText())
            .isEqualTo("UPDATE_ROLLBACK_COMPLETE");
        assertThat(GuideWithCli.stackEvents(devCli, "guide-dev"))
            .anySatisfy(event ->
                assertThat(event)
                    .startsWith("Pipeline UPDATE_FAILED")
                    .contains("is not authorized to perform AssumeRole on role")
                    .contains("arn:aws:iam::" + PROD + ":role/" + names));
        return;
      }
      step7.assertOk();
      Path zip = work.resolve("sample-website.zip");
      Files.write(zip, GuideWithCli.zip(Map.of("index.html", "<h1>left out</h1>".getBytes())));
      try (CodePipelineClient codepipeline = GuideWithCli.codepipeline(ferry, "dev")) {
        int before = GuideWithCli.executions(() -> codepipeline, GuideWithCli.PIPELINE).size();
        new GuideWithCli(devCli, prodCli, work).upload(zip);
        PipelineExecutionSummary execution =
            GuideWithCli.awaitEnd(() -> codepipeline, GuideWithCli.PIPELINE, before + 1);
        assertThat(execution.status())
            .as(execution.toString())
            .isEqualTo(PipelineExecutionStatus.FAILED);
      }
      JsonNode deployAction =
          GuideWithCli.json(
                  devCli.run("codepipeline", "get-pipeline-state", "--name", "crossaccountdeploy"))
              .at("/stageStates/1/actionStates/0/latestExecution");
      assertThat(deployAction.get("status").asText()).isEqualTo("Failed");
      assertThat(deployAction.at("/errorDetails/code").asText())
          .as(deployAction.toString())
          .isEqualTo("PermissionError");
      // The action's error says what was missing: AWS's message, then Ferry's missing grant.
      assertThat(deployAction.at("/errorDetails/message").asText())
          .contains("Missing grant:")
          .contains(names);
      assertThat(
              prodCli
                  .run(
                      "s3api",
                      "head-object",
                      "--bucket",
                      "codepipeline-output-bucket",
                      "--key",
                      "index.html")
                  .exitCode())
          .isNotZero();
    }
  }

  /** The template without the grant; fails if the grant's text is not there to leave out. */
  private static String without(String template, String grant, String replacement) {
    assertThat(template).as("the grant in the template").contains(grant);
    return template.replace(grant, replacement);
  }

  private static AwsCli cli(Ferry ferry, String account) {
    RootCredentials root = ferry.root(account);
    return new AwsCli(ferry.endpoint(), root.accessKeyId(), root.secretAccessKey());
  }
}
