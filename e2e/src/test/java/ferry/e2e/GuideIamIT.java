package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.app.Ferry;
import ferry.app.FerryConfig;
import ferry.app.RootCredentials;
import ferry.aws.Region;
import ferry.junit.TestDatabase;
import ferry.sts.AssumeRoleRequest;
import ferry.sts.AssumeRoleResult;
import ferry.sts.Credentials;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps 2, 4 and 6 of the guide with the real aws CLI v2: prod's prods3role with its two customer
 * managed policies and its trust in dev's pipeline service role, dev's assumeprods3role; a session
 * of the service role assumes prods3role and acts as prod; then each grant removed in turn, an
 * expired session, a user without IAM permissions, a delete conflict, the simulator, a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(AwsCliInstalled.class)
class GuideIamIT {
  static final String SERVICE_ROLE = "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";
  static final String SERVICE_ROLE_ARN =
      "arn:aws:iam::111111111111:role/service-role/" + SERVICE_ROLE;
  static final String PROD_ROLE_ARN = "arn:aws:iam::222222222222:role/prods3role";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  static final ShiftedClock clock = new ShiftedClock();
  static Ferry ferry;

  @BeforeAll
  static void start() throws Exception {
    ferry =
        Ferry.start(
            TestDatabase.config(FerryConfig.defaults(work.resolve("data"))).withPort(0), clock);
  }

  @AfterAll
  static void stop() throws Exception {
    ferry.close();
  }

  static AwsCli root(String account) {
    RootCredentials root = ferry.root(account);
    return new AwsCli(ferry.endpoint(), root.accessKeyId(), root.secretAccessKey());
  }

  static AwsCli session(Credentials credentials) {
    return new AwsCli(ferry.endpoint(), credentials.accessKeyId(), credentials.secretAccessKey())
        .withEnvironment("AWS_SESSION_TOKEN", credentials.sessionToken());
  }

  static JsonNode json(AwsCli.Result result) throws Exception {
    return JSON.readTree(result.assertOk().stdout());
  }

  /** What CodePipeline does before it runs an action: assume its service role as itself. */
  static AwsCli serviceRoleSession() {
    AssumeRoleResult result =
        ferry
            .sts()
            .assumeRoleAsService(
                "codepipeline.amazonaws.com",
                AssumeRoleRequest.of(SERVICE_ROLE_ARN, "pipeline-run"),
                Region.US_EAST_1);
    return session(result.credentials());
  }

  static AwsCli.Result assumeProdS3Role(AwsCli caller) throws Exception {
    return caller.run(
        "sts", "assume-role", "--role-arn", PROD_ROLE_ARN, "--role-session-name", "deploy");
  }

  @Test
  @Order(1)
  void theGuidesRolesAndPolicies_areCreatedAsTheGuideDoes() throws Exception {
    AwsCli dev = root("dev");
    AwsCli prod = root("prod");
    // Step 2: the console makes the pipeline's service role.
    JsonNode serviceRole =
        json(
            dev.run(
                "iam",
                "create-role",
                "--path",
                "/service-role/",
                "--role-name",
                SERVICE_ROLE,
                "--assume-role-policy-document",
                GuideWithCli.guide("dev/codepipeline-service-role-trust.json")));
    assertThat(serviceRole.at("/Role/Arn").asText()).isEqualTo(SERVICE_ROLE_ARN);

    // Step 4: prod's policies and role.
    for (String name : new String[] {"outputbucketdeployaccess", "devkmss3access"}) {
      JsonNode policy =
          json(
              prod.run(
                  "iam",
                  "create-policy",
                  "--policy-name",
                  name,
                  "--policy-document",
                  GuideWithCli.guide("prod/" + name + ".json")));
      assertThat(policy.at("/Policy/Arn").asText())
          .isEqualTo("arn:aws:iam::222222222222:policy/" + name);
      assertThat(policy.at("/Policy/PolicyId").asText()).startsWith("ANPA");
    }
    JsonNode role =
        json(
            prod.run(
                "iam", "create-role",
                "--role-name", "prods3role",
                "--assume-role-policy-document", GuideWithCli.guide("prod/prods3role-trust.json")));
    assertThat(role.at("/Role/RoleId").asText()).startsWith("AROA");
    for (String name : new String[] {"outputbucketdeployaccess", "devkmss3access"}) {
      prod.run(
              "iam", "attach-role-policy",
              "--role-name", "prods3role",
              "--policy-arn", "arn:aws:iam::222222222222:policy/" + name)
          .assertOk();
    }

    // Step 6: dev's policy allowing the service role to assume prods3role.
    dev.run(
            "iam", "create-policy",
            "--policy-name", "assumeprods3role",
            "--policy-document", GuideWithCli.guide("dev/assumeprods3role.json"))
        .assertOk();
    dev.run(
            "iam", "attach-role-policy",
            "--role-name", SERVICE_ROLE,
            "--policy-arn", "arn:aws:iam::111111111111:policy/assumeprods3role")
        .assertOk();

    // The CLI decodes IAM's URL-encoded documents: what comes back is what the guide wrote.
    JsonNode stored = json(prod.run("iam", "get-role", "--role-name", "prods3role"));
    assertThat(stored.at("/Role/AssumeRolePolicyDocument"))
        .isEqualTo(JSON.readTree(GuideWithCli.guidePath("prod/prods3role-trust.json").toFile()));
    JsonNode attached =
        json(prod.run("iam", "list-attached-role-policies", "--role-name", "prods3role"));
    assertThat(attached.at("/AttachedPolicies").findValuesAsText("PolicyName"))
        .containsExactly("outputbucketdeployaccess", "devkmss3access");
  }

  @Test
  @Order(2)
  void theServiceRoleSession_assumesProdS3Role_andIsThenProd() throws Exception {
    JsonNode assumed = json(assumeProdS3Role(serviceRoleSession()));
    assertThat(assumed.at("/AssumedRoleUser/Arn").asText())
        .isEqualTo("arn:aws:sts::222222222222:assumed-role/prods3role/deploy");
    assertThat(assumed.at("/Credentials/AccessKeyId").asText()).startsWith("ASIA");

    AwsCli asProd =
        session(
            new Credentials(
                assumed.at("/Credentials/AccessKeyId").asText(),
                assumed.at("/Credentials/SecretAccessKey").asText(),
                assumed.at("/Credentials/SessionToken").asText(),
                Instant.parse(assumed.at("/Credentials/Expiration").asText())));
    JsonNode identity = json(asProd.run("sts", "get-caller-identity"));
    assertThat(identity.at("/Account").asText()).isEqualTo("222222222222");
    assertThat(identity.at("/Arn").asText())
        .isEqualTo("arn:aws:sts::222222222222:assumed-role/prods3role/deploy");
  }

  @Test
  @Order(3)
  void withoutTheTrustStatement_assumeRoleIsAccessDenied() throws Exception {
    AwsCli prod = root("prod");
    prod.run(
            "iam",
            "update-assume-role-policy",
            "--role-name",
            "prods3role",
            "--policy-document",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")
        .assertOk();
    try {
      AwsCli.Result denied = assumeProdS3Role(serviceRoleSession());
      assertThat(denied.exitCode()).isNotZero();
      assertThat(denied.stderr())
          .contains("(AccessDenied)")
          .contains(
              "User: arn:aws:sts::111111111111:assumed-role/"
                  + SERVICE_ROLE
                  + "/pipeline-run is not authorized to perform: sts:AssumeRole on resource: "
                  + PROD_ROLE_ARN)
          .contains("role trust policy");
    } finally {
      prod.run(
              "iam", "update-assume-role-policy",
              "--role-name", "prods3role",
              "--policy-document", GuideWithCli.guide("prod/prods3role-trust.json"))
          .assertOk();
    }
    assertProdS3RoleIsAssumable();
  }

  @Test
  @Order(4)
  void withoutAssumeProdS3Role_theSimulatorAndTheRealCallBothDeny() throws Exception {
    AwsCli dev = root("dev");
    JsonNode allowed = simulateAssumeRole(dev);
    assertThat(allowed.at("/EvaluationResults/0/EvalDecision").asText()).isEqualTo("allowed");
    assertThat(allowed.at("/EvaluationResults/0/MatchedStatements/0/SourcePolicyId").asText())
        .isEqualTo("assumeprods3role");

    dev.run(
            "iam", "detach-role-policy",
            "--role-name", SERVICE_ROLE,
            "--policy-arn", "arn:aws:iam::111111111111:policy/assumeprods3role")
        .assertOk();
    try {
      assertThat(simulateAssumeRole(dev).at("/EvaluationResults/0/EvalDecision").asText())
          .isEqualTo("implicitDeny");
      AwsCli.Result denied = assumeProdS3Role(serviceRoleSession());
      assertThat(denied.exitCode()).isNotZero();
      assertThat(denied.stderr())
          .contains("(AccessDenied)")
          .contains(
              "is not authorized to perform: sts:AssumeRole on resource: "
                  + PROD_ROLE_ARN
                  + " because no identity-based policy allows the sts:AssumeRole action");
    } finally {
      dev.run(
              "iam", "attach-role-policy",
              "--role-name", SERVICE_ROLE,
              "--policy-arn", "arn:aws:iam::111111111111:policy/assumeprods3role")
          .assertOk();
    }
    assertProdS3RoleIsAssumable();
  }

  static JsonNode simulateAssumeRole(AwsCli dev) throws Exception {
    return json(
        dev.run(
            "iam",
            "simulate-principal-policy",
            "--policy-source-arn",
            SERVICE_ROLE_ARN,
            "--action-names",
            "sts:AssumeRole",
            "--resource-arns",
            PROD_ROLE_ARN));
  }

  static void assertProdS3RoleIsAssumable() throws Exception {
    assertThat(json(assumeProdS3Role(serviceRoleSession())).at("/AssumedRoleUser/Arn").asText())
        .endsWith(":assumed-role/prods3role/deploy");
  }

  @Test
  @Order(5)
  void expiredSessionCredentials_areRejected() throws Exception {
    // A signature may be 15 minutes off the server's clock: take a 15-minute session with the
    // server 14 minutes behind, then move the server 16 minutes on.
    clock.shift(Duration.ofMinutes(-14));
    JsonNode assumed;
    try {
      assumed =
          json(
              serviceRoleSession()
                  .run(
                      "sts", "assume-role",
                      "--role-arn", PROD_ROLE_ARN,
                      "--role-session-name", "short",
                      "--duration-seconds", "900"));
    } finally {
      clock.shift(Duration.ZERO);
    }
    AwsCli session =
        session(
            new Credentials(
                assumed.at("/Credentials/AccessKeyId").asText(),
                assumed.at("/Credentials/SecretAccessKey").asText(),
                assumed.at("/Credentials/SessionToken").asText(),
                Instant.parse(assumed.at("/Credentials/Expiration").asText())));
    clock.shift(Duration.ofMinutes(2));
    try {
      AwsCli.Result expired = session.run("sts", "get-caller-identity");
      assertThat(expired.exitCode()).isNotZero();
      assertThat(expired.stderr())
          .contains("ExpiredToken")
          .contains("The security token included in the request is expired");
    } finally {
      clock.shift(Duration.ZERO);
    }
  }

  @Test
  @Order(6)
  void aUserWithoutIamPermissions_isDeniedCreateRole() throws Exception {
    AwsCli prod = root("prod");
    prod.run("iam", "create-user", "--user-name", "mallory").assertOk();
    JsonNode key = json(prod.run("iam", "create-access-key", "--user-name", "mallory"));
    AwsCli mallory =
        new AwsCli(
            ferry.endpoint(),
            key.at("/AccessKey/AccessKeyId").asText(),
            key.at("/AccessKey/SecretAccessKey").asText());

    AwsCli.Result denied =
        mallory.run(
            "iam", "create-role",
            "--role-name", "escalate",
            "--assume-role-policy-document", GuideWithCli.guide("prod/prods3role-trust.json"));
    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.stderr())
        .contains("(AccessDenied)")
        .contains(
            "User: arn:aws:iam::222222222222:user/mallory is not authorized to perform:"
                + " iam:CreateRole on resource: arn:aws:iam::222222222222:role/escalate");
    assertThat(json(mallory.run("sts", "get-caller-identity")).at("/Arn").asText())
        .isEqualTo("arn:aws:iam::222222222222:user/mallory");
  }

  @Test
  @Order(7)
  void deletingARoleWithAttachedPolicies_isADeleteConflict() throws Exception {
    AwsCli.Result conflict = root("prod").run("iam", "delete-role", "--role-name", "prods3role");
    assertThat(conflict.exitCode()).isNotZero();
    assertThat(conflict.stderr())
        .contains("(DeleteConflict)")
        .contains("Cannot delete entity, must detach all policies first.");
    assertThat(json(root("prod").run("iam", "get-role", "--role-name", "prods3role"))).isNotNull();
  }

  @Test
  @Order(8)
  void rolesPoliciesUsersAndKeys_surviveARestart() throws Exception {
    JsonNode key = json(root("prod").run("iam", "create-access-key", "--user-name", "mallory"));
    ferry.close();
    ferry =
        Ferry.start(
            TestDatabase.config(FerryConfig.defaults(work.resolve("data"))).withPort(0), clock);

    JsonNode attached =
        json(root("prod").run("iam", "list-attached-role-policies", "--role-name", "prods3role"));
    assertThat(attached.at("/AttachedPolicies").findValuesAsText("PolicyName"))
        .containsExactly("outputbucketdeployaccess", "devkmss3access");
    AwsCli mallory =
        new AwsCli(
            ferry.endpoint(),
            key.at("/AccessKey/AccessKeyId").asText(),
            key.at("/AccessKey/SecretAccessKey").asText());
    assertThat(json(mallory.run("sts", "get-caller-identity")).at("/Arn").asText())
        .isEqualTo("arn:aws:iam::222222222222:user/mallory");
    assertProdS3RoleIsAssumable();
  }

  /** The system clock, shifted by a set amount: to age sessions without waiting. */
  static final class ShiftedClock extends Clock {
    private volatile Duration shift = Duration.ZERO;

    void shift(Duration amount) {
      shift = amount;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(shift);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
