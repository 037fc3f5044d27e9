package ferry.e2e;

import static ferry.e2e.GuideWithCli.PIPELINE;
import static ferry.e2e.GuideWithCli.deployStack;
import static ferry.e2e.GuideWithCli.example;
import static ferry.e2e.GuideWithCli.json;
import static ferry.e2e.GuideWithCli.outputs;
import static ferry.e2e.GuideWithCli.stack;
import static ferry.e2e.GuideWithCli.stackEvents;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.app.Ferry;
import ferry.app.FerryConfig;
import ferry.app.RootCredentials;
import ferry.junit.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;

/**
 * CloudFormation with the real aws CLI v2: a caller without iam:CreateRole fails at the role and
 * rolls back, a service role passed with --role-arn succeeds (and without iam:PassRole is refused),
 * replacement versus in-place updates and a retained bucket, bad templates refused; then the guide
 * as {@code examples/cloudformation/dev.yaml} and {@code prod.yaml} deployed with {@code aws
 * cloudformation deploy}, and an upload of the zip deploying the site into prod, owned by prod.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(AwsCliInstalled.class)
class CloudFormationCliIT {
  static final String DEV = "111111111111";
  static final String PROD = "222222222222";

  @TempDir static Path work;
  static Ferry ferry;

  @BeforeAll
  static void start() throws Exception {
    ferry =
        Ferry.start(TestDatabase.config(FerryConfig.defaults(work.resolve("data")).withPort(0)));
  }

  @AfterAll
  static void stop() throws Exception {
    ferry.close();
  }

  static AwsCli cli(String account) {
    RootCredentials root = ferry.root(account);
    return new AwsCli(ferry.endpoint(), root.accessKeyId(), root.secretAccessKey());
  }

  static Path write(String name, String text) throws IOException {
    Path file = work.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  /** A user of the account with an inline policy and its own access key. */
  static AwsCli user(AwsCli root, String name, String policy) throws Exception {
    root.run("iam", "create-user", "--user-name", name).assertOk();
    root.run(
            "iam",
            "put-user-policy",
            "--user-name",
            name,
            "--policy-name",
            "access",
            "--policy-document",
            policy)
        .assertOk();
    JsonNode key = json(root.run("iam", "create-access-key", "--user-name", name)).get("AccessKey");
    return new AwsCli(
        ferry.endpoint(), key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText());
  }

  static String prodParameters() {
    return "ParameterKey=DevAccountId,ParameterValue="
        + DEV
        + " ParameterKey=DevArtifactBucketName,ParameterValue=codepipeline-us-east-1-"
        + DEV
        + " ParameterKey=DevKmsKeyArn,ParameterValue=arn:aws:kms:us-east-1:"
        + DEV
        + ":key/none";
  }

  @Test
  @Order(1)
  void aCallerWithoutCreateRole_failsAtTheRole_andRollsBack_aServiceRoleSucceeds()
      throws Exception {
    AwsCli prod = cli("prod");
    // prod.yaml's role trusts dev's pipeline role, which must exist for IAM to take the policy.
    cli("dev")
        .run(
            "iam",
            "create-role",
            "--path",
            "/service-role/",
            "--role-name",
            "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy",
            "--assume-role-policy-document",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\"codepipeline.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")
        .assertOk();
    AwsCli noCreateRole =
        user(
            prod,
            "no-create-role",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"NotAction\":\"iam:CreateRole\",\"Resource\":\"*\"}]}");
    String template = "file://" + example("cloudformation/prod.yaml");
    noCreateRole
        .run(
            "cloudformation",
            "create-stack",
            "--stack-name",
            "prod-denied",
            "--template-body",
            template,
            "--capabilities",
            "CAPABILITY_NAMED_IAM",
            "--parameters",
            prodParameters().split(" ")[0],
            prodParameters().split(" ")[1],
            prodParameters().split(" ")[2])
        .assertOk();
    AwsCli.Result waited =
        noCreateRole.run(
            "cloudformation", "wait", "stack-create-complete", "--stack-name", "prod-denied");
    assertThat(waited.exitCode()).isNotZero();
    assertThat(waited.stderr()).contains("ROLLBACK_COMPLETE");
    assertThat(stack(prod, "prod-denied").get("StackStatus").asText())
        .isEqualTo("ROLLBACK_COMPLETE");
    String failed =
        stackEvents(prod, "prod-denied").stream()
            .filter(e -> e.contains("CREATE_FAILED"))
            .findFirst()
            .orElseThrow();
    assertThat(failed)
        .startsWith(
            "ProdS3Role CREATE_FAILED Resource handler returned message: \"User:"
                + " arn:aws:iam::222222222222:user/no-create-role is not authorized to perform:"
                + " iam:CreateRole on resource: arn:aws:iam::222222222222:role/prods3role because"
                + " no identity-based policy allows the iam:CreateRole action")
        .contains("(Service: Iam, Status Code: 403, Request ID: ")
        .contains("ferry explain ")
        .endsWith("HandlerErrorCode: AccessDenied)");
    assertThat(stackEvents(prod, "prod-denied"))
        .contains("prod-denied ROLLBACK_COMPLETE", "OutputBucket DELETE_COMPLETE");
    // Nothing left behind.
    assertThat(
            prod.run("s3api", "head-bucket", "--bucket", "codepipeline-output-bucket").exitCode())
        .isNotZero();
    assertThat(json(prod.run("iam", "list-policies", "--scope", "Local")).get("Policies"))
        .isEmpty();
    assertThat(prod.run("iam", "get-role", "--role-name", "prods3role").exitCode()).isNotZero();

    // A service role that may create roles, passed with --role-arn.
    prod.run(
            "iam",
            "create-role",
            "--role-name",
            "cfn-deployer",
            "--assume-role-policy-document",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\"cloudformation.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")
        .assertOk();
    prod.run(
            "iam",
            "put-role-policy",
            "--role-name",
            "cfn-deployer",
            "--policy-name",
            "all",
            "--policy-document",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                + "\"Resource\":\"*\"}]}")
        .assertOk();
    String roleArn = "arn:aws:iam::" + PROD + ":role/cfn-deployer";
    AwsCli noPassRole =
        user(
            prod,
            "no-pass-role",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"NotAction\":[\"iam:CreateRole\",\"iam:PassRole\"],\"Resource\":\"*\"}]}");
    List<String> withRole =
        new ArrayList<>(
            List.of(
                "cloudformation",
                "create-stack",
                "--stack-name",
                "prod-with-role",
                "--template-body",
                template,
                "--capabilities",
                "CAPABILITY_NAMED_IAM",
                "--role-arn",
                roleArn,
                "--parameters"));
    withRole.addAll(List.of(prodParameters().split(" ")));
    AwsCli.Result refused = noPassRole.run(withRole.toArray(String[]::new));
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr())
        .contains("AccessDenied")
        .contains("is not authorized to perform: iam:PassRole on resource: " + roleArn);
    assertThat(
            prod.run("cloudformation", "describe-stacks", "--stack-name", "prod-with-role")
                .stderr())
        .contains("Stack with id prod-with-role does not exist");

    noCreateRole.run(withRole.toArray(String[]::new)).assertOk();
    noCreateRole
        .run("cloudformation", "wait", "stack-create-complete", "--stack-name", "prod-with-role")
        .assertOk();
    JsonNode created = stack(prod, "prod-with-role");
    assertThat(created.get("RoleARN").asText()).isEqualTo(roleArn);
    assertThat(prod.run("iam", "get-role", "--role-name", "prods3role").exitCode()).isZero();

    // Deleted again (as the role), so the guide below makes these names afresh.
    noCreateRole.run("cloudformation", "delete-stack", "--stack-name", "prod-with-role").assertOk();
    noCreateRole
        .run("cloudformation", "wait", "stack-delete-complete", "--stack-name", "prod-with-role")
        .assertOk();
    assertThat(prod.run("iam", "get-role", "--role-name", "prods3role").exitCode()).isNotZero();
    cli("dev")
        .run(
            "iam",
            "delete-role",
            "--role-name",
            "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy")
        .assertOk();
  }

  @Test
  @Order(2)
  void update_replacesABucketForANewName_notForNewTags_andRetainKeepsIt() throws Exception {
    AwsCli dev = cli("dev");
    Path template =
        write(
            "bucket.yaml",
            """
            Parameters:
              Name: {Type: String}
              Team: {Type: String}
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                DeletionPolicy: Retain
                Properties:
                  BucketName: !Ref Name
                  Tags:
                    - {Key: team, Value: !Ref Team}
            """);
    deployStack(dev, "buckets", template, "Name=cfn-bucket-a", "Team=red").assertOk();
    deployStack(dev, "buckets", template, "Name=cfn-bucket-a", "Team=blue").assertOk();
    assertThat(
            json(dev.run("s3api", "get-bucket-tagging", "--bucket", "cfn-bucket-a"))
                .at("/TagSet/0/Value")
                .asText())
        .isEqualTo("blue");
    assertThat(stackEvents(dev, "buckets"))
        .noneMatch(e -> e.contains("creation of a new physical"));

    AwsCli.Result unchanged =
        deployStack(dev, "buckets", template, "Name=cfn-bucket-a", "Team=blue");
    assertThat(unchanged.exitCode()).isZero();
    assertThat(unchanged.stdout() + unchanged.stderr()).contains("No changes to deploy");
    // The empty change set keeps its name, as in AWS, and the CLI names change sets by the second:
    // the next deploy must start in a later second or its CreateChangeSet is AlreadyExists.
    long second = Instant.now().getEpochSecond();
    while (Instant.now().getEpochSecond() == second) {
      Thread.sleep(20);
    }

    deployStack(dev, "buckets", template, "Name=cfn-bucket-b", "Team=blue").assertOk();
    assertThat(
            json(dev.run(
                    "cloudformation",
                    "describe-stack-resource",
                    "--stack-name",
                    "buckets",
                    "--logical-resource-id",
                    "Bucket"))
                .at("/StackResourceDetail/PhysicalResourceId")
                .asText())
        .isEqualTo("cfn-bucket-b");
    assertThat(stackEvents(dev, "buckets"))
        .anyMatch(e -> e.contains("Requested update requires the creation of a new physical"))
        .contains("buckets UPDATE_COMPLETE_CLEANUP_IN_PROGRESS");
    assertThat(dev.run("s3api", "head-bucket", "--bucket", "cfn-bucket-a").exitCode()).isNotZero();

    dev.run("cloudformation", "delete-stack", "--stack-name", "buckets").assertOk();
    dev.run("cloudformation", "wait", "stack-delete-complete", "--stack-name", "buckets")
        .assertOk();
    dev.run("s3api", "head-bucket", "--bucket", "cfn-bucket-b").assertOk();
  }

  @Test
  @Order(3)
  void badTemplates_areValidationErrors_andNothingIsCreated() throws Exception {
    AwsCli dev = cli("dev");
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put(
        "Resources:\n  Bucket: {Type: AWS::S3::Bucket\n",
        "Template format error: YAML not well-formed.");
    cases.put(
        "Resources:\n  Thing: {Type: AWS::Nothing::Here}\n",
        "Template format error: Unrecognized resource types: [AWS::Nothing::Here]");
    cases.put(
        "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: !Ref"
            + " Missing}\n",
        "Template format error: Unresolved resource dependencies [Missing] in the Resources block"
            + " of the template");
    cases.put(
        "Resources:\n"
            + "  A: {Type: AWS::S3::Bucket, Properties: {BucketName: !Ref B}}\n"
            + "  B: {Type: AWS::S3::Bucket, Properties: {BucketName: !Ref A}}\n",
        "Circular dependency between resources: [A, B]");
    cases.put(
        "Parameters:\n  Env: {Type: String, AllowedValues: [dev, prod]}\n"
            + "Resources:\n  Bucket: {Type: AWS::S3::Bucket}\n",
        "Parameter 'Env' must be one of AllowedValues");
    int i = 0;
    for (Map.Entry<String, String> entry : cases.entrySet()) {
      Path file = write("bad-" + i++ + ".yaml", entry.getKey());
      AwsCli.Result result =
          dev.run(
              "cloudformation",
              "create-stack",
              "--stack-name",
              "bad",
              "--template-body",
              "file://" + file,
              "--parameters",
              "ParameterKey=Env,ParameterValue=staging");
      assertThat(result.exitCode()).as(entry.getKey()).isNotZero();
      assertThat(result.stderr())
          .as(entry.getKey())
          .contains("(ValidationError)")
          .contains(entry.getValue());
    }
    assertThat(json(dev.run("cloudformation", "list-stacks")).get("StackSummaries"))
        .noneMatch(s -> s.get("StackName").asText().equals("bad"));

    // A property the type does not have fails that resource, as CloudFormation does, and the
    // stack rolls back, leaving nothing.
    Path unknown =
        write(
            "unknown-property.yaml",
            "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:"
                + " {BucketName: cfn-unknown, Colour: red}\n");
    dev.run(
            "cloudformation",
            "create-stack",
            "--stack-name",
            "unknown-property",
            "--template-body",
            "file://" + unknown)
        .assertOk();
    // The create waiter ends, failed, at ROLLBACK_COMPLETE (stack-rollback-complete is for
    // updates).
    AwsCli.Result rolledBack =
        dev.run(
            "cloudformation", "wait", "stack-create-complete", "--stack-name", "unknown-property");
    assertThat(rolledBack.exitCode()).isNotZero();
    assertThat(stack(dev, "unknown-property").get("StackStatus").asText())
        .isEqualTo("ROLLBACK_COMPLETE");
    assertThat(stackEvents(dev, "unknown-property"))
        .contains("Bucket CREATE_FAILED Encountered unsupported property Colour");
    assertThat(dev.run("s3api", "head-bucket", "--bucket", "cfn-unknown").exitCode()).isNotZero();
  }

  @Test
  @Order(4)
  void theGuide_asTemplates_deploysTheSiteIntoProd_ownedByProd() throws Exception {
    AwsCli dev = cli("dev");
    AwsCli prod = cli("prod");
    Path devTemplate = example("cloudformation/dev.yaml");
    Instant started = Instant.now();
    deployStack(dev, "guide-dev", devTemplate, "ProdAccountId=" + PROD).assertOk();
    Duration devTook = Duration.between(started, Instant.now());
    assertThat(stack(dev, "guide-dev").get("StackStatus").asText()).isEqualTo("CREATE_COMPLETE");
    Map<String, String> outputs = outputs(dev, "guide-dev");
    Instant prodStarted = Instant.now();
    deployStack(
            prod,
            "guide-prod",
            example("cloudformation/prod.yaml"),
            "DevAccountId=" + DEV,
            "DevArtifactBucketName=" + outputs.get("ArtifactBucketName"),
            "DevKmsKeyArn=" + outputs.get("DeployKeyArn"))
        .assertOk();
    Duration prodTook = Duration.between(prodStarted, Instant.now());
    Instant cliStarted = Instant.now();
    dev.run("cloudformation", "list-exports").assertOk();
    Duration cliCall = Duration.between(cliStarted, Instant.now());
    System.out.println(
        "[figure] aws cloudformation deploy of the guide's stacks, CLI waiters included: dev "
            + devTook.toMillis()
            + " ms, prod "
            + prodTook.toMillis()
            + " ms, both "
            + devTook.plus(prodTook).toMillis()
            + " ms; the stacks' own creation (first to last event): dev "
            + creation(dev, "guide-dev").toMillis()
            + " ms, prod "
            + creation(prod, "guide-prod").toMillis()
            + " ms; one aws CLI call (list-exports) on this machine: "
            + cliCall.toMillis()
            + " ms");
    // Step 7: the deploy action assumes prods3role, now that it exists.
    deployStack(dev, "guide-dev", devTemplate, "ProdAccountId=" + PROD, "ProdRoleReady=true")
        .assertOk();
    assertThat(stack(dev, "guide-dev").get("StackStatus").asText()).isEqualTo("UPDATE_COMPLETE");
    assertThat(
            json(dev.run("codepipeline", "get-pipeline", "--name", "crossaccountdeploy"))
                .at("/pipeline/stages/1/actions/0/roleArn")
                .asText())
        .isEqualTo("arn:aws:iam::" + PROD + ":role/prods3role");

    // Step 8: the upload starts the pipeline, which deploys the site into prod.
    var guide = new GuideWithCli(dev, prod, work);
    Map<String, byte[]> site = GuideWithCli.sampleWebsite();
    Path zip = work.resolve("sample-website.zip");
    Files.write(zip, GuideWithCli.zip(site));
    try (CodePipelineClient codepipeline = GuideWithCli.codepipeline(ferry, "dev")) {
      int before = GuideWithCli.executions(() -> codepipeline, PIPELINE).size();
      guide.upload(zip);
      PipelineExecutionSummary execution =
          GuideWithCli.awaitEnd(() -> codepipeline, PIPELINE, before + 1);
      assertThat(execution.status())
          .as(execution.toString())
          .isEqualTo(PipelineExecutionStatus.SUCCEEDED);
    }
    guide.assertProdOwns(site);
  }

  /** From the stack's first event to its last, as CloudFormation's events time them. */
  static Duration creation(AwsCli cli, String name) throws Exception {
    JsonNode events =
        json(cli.run("cloudformation", "describe-stack-events", "--stack-name", name))
            .get("StackEvents");
    return Duration.between(
        Instant.parse(events.get(events.size() - 1).get("Timestamp").asText()),
        Instant.parse(events.get(0).get("Timestamp").asText()));
  }
}
