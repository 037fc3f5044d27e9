package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.app.Ferry;
import ferry.app.FerryConfig;
import ferry.app.RootCredentials;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code ferry policy generate} and {@code ferry policy unused} against an in-process Ferry. */
class PolicyCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POLICY =
      """
      {"Version":"2012-10-17","Statement":[
        {"Sid":"Write","Effect":"Allow","Action":["s3:Put*","s3:DeleteObject"],
         "Resource":"arn:aws:s3:::site/*"},
        {"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"},
        {"Sid":"Keys","Effect":"Allow","Action":["kms:Encrypt","kms:Decrypt"],"Resource":"*"}]}
      """;

  @TempDir static Path dir;
  static Ferry ferry;
  static String deployer;

  /** What one run printed on standard output and error, and how it ended. */
  record Run(int exitCode, String out, String err) {}

  @BeforeAll
  static void play() throws Exception {
    ferry = Ferry.start(FerryConfig.defaults(dir).withPort(0));
    RootCredentials root = ferry.root("dev");
    deployer = "arn:aws:iam::" + root.account().value() + ":user/deployer";
    var rootCredentials =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey()));
    AccessKey key;
    try (IamClient iam =
        IamClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.AWS_GLOBAL)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(rootCredentials)
            .build()) {
      iam.createUser(b -> b.userName("deployer"));
      iam.createUser(b -> b.userName("idle"));
      iam.putUserPolicy(b -> b.userName("deployer").policyName("site").policyDocument(POLICY));
      key = iam.createAccessKey(b -> b.userName("deployer")).accessKey();
    }
    try (S3Client s3 = s3(rootCredentials)) {
      s3.createBucket(b -> b.bucket("site"));
    }
    try (S3Client s3 =
        s3(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))) {
      s3.putObject(b -> b.bucket("site").key("index.html"), RequestBody.fromString("<h1>hi</h1>"));
      s3.getObject(b -> b.bucket("site").key("index.html")).close();
    }
    // ferry policy generate signs with the usual credential chain, which reads these first.
    System.setProperty("aws.accessKeyId", root.accessKeyId());
    System.setProperty("aws.secretAccessKey", root.secretAccessKey());
  }

  @AfterAll
  static void stop() throws Exception {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    ferry.close();
  }

  private static S3Client s3(StaticCredentialsProvider credentials) {
    return S3Client.builder()
        .endpointOverride(ferry.endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .httpClient(Apache5HttpClient.create())
        .credentialsProvider(credentials)
        .build();
  }

  /** The commands print on System.out and System.err, so both are caught for the run. */
  private static Run run(String... arguments) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    var caughtOut = new ByteArrayOutputStream();
    var caughtErr = new ByteArrayOutputStream();
    int exitCode;
    try {
      System.setOut(new PrintStream(caughtOut, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(caughtErr, true, StandardCharsets.UTF_8));
      exitCode = FerryCommand.commandLine(arguments).execute(arguments);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Run(
        exitCode,
        caughtOut.toString(StandardCharsets.UTF_8),
        caughtErr.toString(StandardCharsets.UTF_8));
  }

  private static String endpoint() {
    return ferry.endpoint().toString();
  }

  @Test
  void generate_printsExactlyTheActionsAndResourcesTheUserUsed() throws Exception {
    Run run = run("policy", "generate", "--principal", deployer, "--endpoint", endpoint());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode policy = JSON.readTree(run.out());
    assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
    assertThat(policy.path("Statement").toString())
        .contains("\"s3:GetObject\"", "\"s3:PutObject\"", "arn:aws:s3:::site/index.html")
        .doesNotContain("s3:Put*", "s3:DeleteObject", "kms:");
  }

  @Test
  void generate_forAUserThatMadeNoCall_saysSo() {
    String idle = deployer.replace("deployer", "idle");

    Run run = run("policy", "generate", "--principal", idle, "--endpoint", endpoint());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(idle + " made no allowed call in the event history");
  }

  @Test
  void generate_sinceInTheFuture_isAccessAnalyzersValidationError() {
    Run run =
        run(
            "policy",
            "generate",
            "--principal",
            deployer,
            "--since",
            "2999-01-01T00:00:00Z",
            "--endpoint",
            endpoint());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("ferry policy: ValidationException: The endTime must be after the startTime");
  }

  @Test
  void unused_namesWhatAWildcardMatched_andListsUnusedActionsAndStatements() {
    Run run = run("policy", "unused", "--principal", deployer, "--endpoint", endpoint());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(deployer + ": 2 allowed accesses recorded in the event history")
        .contains("inline policy site of user deployer")
        .contains("  statement 1 (Sid \"Write\"):")
        .contains("    s3:Put* — used: s3:PutObject; unused otherwise")
        .contains("    s3:DeleteObject — unused")
        .contains("  statement 3 (Sid \"Keys\"): unused — kms:Encrypt, kms:Decrypt")
        // The read statement was used in full.
        .doesNotContain("Read");
  }

  @Test
  void unusedJson_reportsEveryStatement_withTheActionsEachUsed() throws Exception {
    Run run = run("policy", "unused", "--principal", deployer, "--endpoint", endpoint(), "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode statements = JSON.readTree(run.out()).path("policies").get(0).path("statements");
    assertThat(statements).hasSize(3);
    assertThat(statements.get(1).path("used").asBoolean()).isTrue();
    assertThat(statements.get(1).path("actions").get(0).path("used").toString())
        .isEqualTo("[\"s3:GetObject\"]");
    assertThat(statements.get(2).path("used").asBoolean()).isFalse();
  }

  @Test
  void unused_sinceAfterTheCalls_findsEveryStatementUnused() {
    Run run =
        run(
            "policy",
            "unused",
            "--principal",
            deployer,
            "--since",
            "2999-01-01T00:00:00Z",
            "--endpoint",
            endpoint());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("0 allowed accesses recorded since 2999-01-01T00:00:00Z")
        .contains("statement 1 (Sid \"Write\"): unused — s3:Put*, s3:DeleteObject")
        .contains("statement 2 (Sid \"Read\"): unused — s3:GetObject");
  }

  @Test
  void unused_ofAnUnknownUser_failsWithAMessage() {
    String nobody = deployer.replace("deployer", "nobody");

    Run run = run("policy", "unused", "--principal", nobody, "--endpoint", endpoint());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("No user or role " + nobody);
  }

  @Test
  void unused_withAMalformedTimeOrPrincipal_isRefused() {
    Run badTime =
        run(
            "policy",
            "unused",
            "--principal",
            deployer,
            "--since",
            "yesterday",
            "--endpoint",
            endpoint());
    Run badPrincipal = run("policy", "unused", "--principal", "deployer", "--endpoint", endpoint());

    assertThat(badTime.exitCode()).isEqualTo(2);
    assertThat(badTime.err()).contains("--since yesterday is not an ISO 8601 time");
    assertThat(badPrincipal.exitCode()).isEqualTo(1);
    assertThat(badPrincipal.err()).contains("principal must be an IAM user, role or root ARN");
  }
}
