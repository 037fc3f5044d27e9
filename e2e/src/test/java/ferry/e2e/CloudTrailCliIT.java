package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.app.RootCredentials;
import ferry.cli.guide.GuideClients;
import ferry.cli.guide.GuideNames;
import ferry.cli.guide.GuideOutcome;
import ferry.cli.guide.GuideScenario;
import ferry.cli.guide.Narrator;
import ferry.cli.guide.SampleWebsite;
import ferry.http.DecisionClient;
import ferry.junit.Ferry;
import ferry.junit.LocalFerry;
import ferry.junit.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

/**
 * {@code aws cloudtrail lookup-events} with the real aws CLI after the guide has deployed: in dev
 * the pipeline's calls, invoked by CodePipeline; in prod the AssumeRole of prods3role and the reads
 * of dev's artifact, each with the {@code sharedEventID} of dev's record of the same call (the
 * deploy's PutObject into prod's own bucket is a call within prod, recorded there only, as
 * CloudTrail does); lookups by EventName, Username and ResourceName; a denied call with its
 * errorCode and Ferry's decision id, which {@code ferry explain} explains; and no event of either
 * account holding a secret key, a session token or object bytes.
 */
@Ferry
@ExtendWith(AwsCliInstalled.class)
class CloudTrailCliIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CODEPIPELINE = "codepipeline.amazonaws.com";
  static LocalFerry ferry;
  static GuideNames names;

  @BeforeAll
  static void playTheGuide(LocalFerry running) throws Exception {
    ferry = running;
    names = new GuideNames(ferry.root("dev").account(), ferry.root("prod").account());
    try (SdkHttpClient http = Apache5HttpClient.builder().build();
        GuideClients dev = new GuideClients(ferry.endpoint(), ferry.credentials("dev"), http);
        GuideClients prod = new GuideClients(ferry.endpoint(), ferry.credentials("prod"), http)) {
      GuideOutcome outcome =
          new GuideScenario(
                  names,
                  dev,
                  prod,
                  new Narrator(new PrintStream(new ByteArrayOutputStream(), true), false),
                  new DecisionClient(ferry.endpoint()),
                  null)
              .play();
      assertThat(outcome).isInstanceOf(GuideOutcome.Deployed.class);
    }
  }

  static AwsCli cli(String account) {
    RootCredentials root = ferry.root(account);
    return new AwsCli(ferry.endpoint(), root.accessKeyId(), root.secretAccessKey());
  }

  /** Every event lookup-events lists for the attribute (the CLI follows NextToken itself). */
  static List<JsonNode> lookup(String account, String key, String value) throws Exception {
    return records(
        cli(account)
            .run(
                "cloudtrail",
                "lookup-events",
                "--lookup-attributes",
                "AttributeKey=" + key + ",AttributeValue=" + value)
            .assertOk()
            .stdout());
  }

  static List<JsonNode> all(String account) throws Exception {
    return records(cli(account).run("cloudtrail", "lookup-events").assertOk().stdout());
  }

  static List<JsonNode> records(String stdout) throws Exception {
    List<JsonNode> records = new ArrayList<>();
    for (JsonNode event : JSON.readTree(stdout).path("Events")) {
      records.add(JSON.readTree(event.path("CloudTrailEvent").asText()));
    }
    return records;
  }

  static String invokedBy(JsonNode record) {
    return record.path("userIdentity").path("invokedBy").asText();
  }

  static String issuer(JsonNode record) {
    return record
        .path("userIdentity")
        .path("sessionContext")
        .path("sessionIssuer")
        .path("userName")
        .asText();
  }

  @Test
  void inDev_thePipelinesCalls_areInvokedByCodePipeline() throws Exception {
    List<JsonNode> reads =
        lookup("dev", "EventName", "GetObject").stream()
            .filter(r -> invokedBy(r).equals(CODEPIPELINE))
            .toList();
    assertThat(reads)
        .as("the source action's read of the upload, as the pipeline's service role")
        .anySatisfy(r -> {
          assertThat(r.path("requestParameters").path("bucketName").asText())
              .isEqualTo(GuideNames.INPUT_BUCKET);
          assertThat(issuer(r)).isEqualTo(GuideNames.SERVICE_ROLE);
          assertThat(r.path("userIdentity").path("type").asText()).isEqualTo("AssumedRole");
          assertThat(r.path("sourceIPAddress").asText()).isEqualTo(CODEPIPELINE);
          assertThat(
                  r.path("userIdentity")
                      .path("sessionContext")
                      .path("attributes")
                      .path("creationDate")
                      .asText())
              .isNotEmpty();
        });
    assertThat(lookup("dev", "EventName", "PutObject"))
        .as("the source action's artifact, written into the artifact store")
        .anySatisfy(r -> {
          assertThat(invokedBy(r)).isEqualTo(CODEPIPELINE);
          assertThat(r.path("requestParameters").path("bucketName").asText())
              .isEqualTo(GuideNames.ARTIFACT_BUCKET);
        });
    assertThat(lookup("dev", "EventName", "AssumeRole"))
        .as("CodePipeline assuming the service role")
        .anySatisfy(r -> {
          assertThat(r.path("userIdentity").path("type").asText()).isEqualTo("AWSService");
          assertThat(invokedBy(r)).isEqualTo(CODEPIPELINE);
          assertThat(r.path("requestParameters").path("roleArn").asText())
              .isEqualTo(names.serviceRoleArn());
        });
  }

  @Test
  void inProd_theCrossAccountCalls_shareTheirEventIdWithDevsRecord() throws Exception {
    JsonNode prodAssume =
        lookup("prod", "EventName", "AssumeRole").stream()
            .filter(r ->
                r.path("requestParameters").path("roleArn").asText().equals(names.prodRoleArn()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no AssumeRole of prods3role in prod"));
    assertThat(prodAssume.path("recipientAccountId").asText()).isEqualTo(names.prod().value());
    assertThat(prodAssume.path("userIdentity").path("accountId").asText())
        .isEqualTo(names.dev().value());
    assertThat(issuer(prodAssume)).isEqualTo(GuideNames.SERVICE_ROLE);
    assertThat(invokedBy(prodAssume)).isEqualTo(CODEPIPELINE);
    String shared = prodAssume.path("sharedEventID").asText();
    assertThat(shared).isNotEmpty();
    assertThat(lookup("dev", "EventName", "AssumeRole"))
        .as("dev's record of the same AssumeRole")
        .anySatisfy(r -> {
          assertThat(r.path("sharedEventID").asText()).isEqualTo(shared);
          assertThat(r.path("recipientAccountId").asText()).isEqualTo(names.dev().value());
          assertThat(r.path("eventID").asText()).isNotEqualTo(prodAssume.path("eventID").asText());
        });

    // prods3role reads dev's artifact and has dev's key decrypt it: calls into dev, in both.
    for (String name : List.of("GetObject", "Decrypt")) {
      List<JsonNode> inProd =
          lookup("prod", "EventName", name).stream()
              .filter(r -> issuer(r).equals(GuideNames.PROD_ROLE))
              .toList();
      assertThat(inProd).as(name + " by prods3role, in prod").isNotEmpty();
      Set<String> devShared = new TreeSet<>();
      for (JsonNode r : lookup("dev", "EventName", name)) {
        devShared.add(r.path("sharedEventID").asText());
      }
      for (JsonNode r : inProd) {
        assertThat(r.path("sharedEventID").asText()).isNotEmpty().isIn(devShared);
      }
    }

    // The deploy's writes into prod's own bucket are prod's calls only.
    List<JsonNode> deployed =
        lookup("prod", "ResourceName", GuideNames.OUTPUT_BUCKET).stream()
            .filter(r -> r.path("eventName").asText().equals("PutObject"))
            .toList();
    assertThat(deployed).hasSameSizeAs(SampleWebsite.files().keySet());
    for (JsonNode put : deployed) {
      assertThat(issuer(put)).isEqualTo(GuideNames.PROD_ROLE);
      assertThat(invokedBy(put)).isEqualTo(CODEPIPELINE);
      assertThat(put.has("sharedEventID")).isFalse();
      assertThat(put.path("eventCategory").asText()).isEqualTo("Data");
    }
  }

  @Test
  void lookups_byUsername_andResourceName_findTheDeploy() throws Exception {
    JsonNode deploy =
        lookup("prod", "ResourceName", GuideNames.OUTPUT_BUCKET).stream()
            .filter(r -> r.path("eventName").asText().equals("PutObject"))
            .findFirst()
            .orElseThrow();
    String session = deploy.path("userIdentity").path("arn").asText().replaceAll(".*/", "");
    assertThat(lookup("prod", "Username", session))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(issuer(r)).isEqualTo(GuideNames.PROD_ROLE));
    assertThat(lookup("prod", "ResourceName", names.prodRoleArn()))
        .anySatisfy(r -> assertThat(r.path("eventName").asText()).isEqualTo("AssumeRole"));
    assertThat(lookup("dev", "ResourceName", GuideNames.ARTIFACT_BUCKET)).isNotEmpty();
    assertThat(lookup("dev", "Username", "root"))
        .anySatisfy(r -> assertThat(r.path("eventName").asText()).isEqualTo("CreatePipeline"));
  }

  @Test
  void aDeniedCall_showsItsErrorCode_andTheDecisionThatExplainsIt() throws Exception {
    AwsCli.Result denied =
        cli("prod")
            .run(
                "s3api",
                "get-object",
                "--bucket",
                GuideNames.INPUT_BUCKET,
                "--key",
                GuideNames.SOURCE_KEY,
                System.getProperty("java.io.tmpdir") + "/cloudtrail-denied.zip");
    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.stderr()).contains("AccessDenied");
    for (String account : List.of("prod", "dev")) {
      JsonNode record =
          lookup(account, "EventName", "GetObject").stream()
              .filter(r -> r.path("errorCode").asText().equals("AccessDenied"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no denied GetObject in " + account));
      assertThat(record.path("requestParameters").path("bucketName").asText())
          .isEqualTo(GuideNames.INPUT_BUCKET);
      String decision = record.path("additionalEventData").path("ferryDecisionId").asText();
      assertThat(decision).matches(DecisionClient.DECISION_ID);
      assertThat(record.path("errorMessage").asText()).contains(decision);
      assertThat(new DecisionClient(ferry.endpoint()).find(decision)).isPresent();
      if (account.equals("prod")) {
        FerryCommandLine.Result explained =
            FerryCommandLine.jar(
                Duration.ofMinutes(1),
                "explain",
                "--endpoint",
                ferry.endpoint().toString(),
                decision);
        assertThat(explained.exitCode()).as(explained.output()).isZero();
        assertThat(explained.output()).contains("s3:GetObject");
      }
    }
  }

  @Test
  void noEvent_holdsASecretKey_aSessionToken_orObjectBytes() throws Exception {
    // A session of the CLI's own, used once, so its token and secret have been seen by Ferry.
    JsonNode session =
        JSON.readTree(cli("dev").run("sts", "get-session-token").assertOk().stdout())
            .path("Credentials");
    new AwsCli(
            ferry.endpoint(),
            session.path("AccessKeyId").asText(),
            session.path("SecretAccessKey").asText())
        .withEnvironment("AWS_SESSION_TOKEN", session.path("SessionToken").asText())
        .run("s3api", "list-buckets")
        .assertOk();

    List<String> secrets = new ArrayList<>();
    for (String account : List.of("dev", "prod")) {
      secrets.add(ferry.root(account).secretAccessKey());
    }
    // Every session the guide's pipeline and the CLI obtained, read from Ferry's own store.
    try (var db = TestDatabase.connect(ferry.dataDir());
        var query = db.createStatement();
        ResultSet rows =
            query.executeQuery("SELECT secret_access_key, session_token FROM sts_sessions")) {
      while (rows.next()) {
        secrets.add(rows.getString(1));
        secrets.add(rows.getString(2));
      }
    }
    assertThat(secrets).hasSizeGreaterThan(4).contains(session.path("SessionToken").asText());
    List<String> bytes = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : SampleWebsite.files().entrySet()) {
      if (file.getKey().endsWith(".html") || file.getKey().endsWith(".css")) {
        bytes.add(new String(file.getValue(), StandardCharsets.UTF_8).strip());
      }
      bytes.add(Base64.getEncoder().encodeToString(file.getValue()));
    }
    bytes.add(Base64.getEncoder().encodeToString(SampleWebsite.zip()).substring(0, 64));

    int scanned = 0;
    for (String account : List.of("dev", "prod")) {
      for (JsonNode record : all(account)) {
        String text = record.toString();
        for (String secret : secrets) {
          assertThat(text).as("a secret or token in " + account).doesNotContain(secret);
        }
        for (String content : bytes) {
          assertThat(text).as("object bytes in " + account).doesNotContain(content);
        }
        scanned++;
      }
    }
    assertThat(scanned).isGreaterThan(40);
    assertThat(lookup("dev", "EventName", "GetSessionToken"))
        .anySatisfy(r ->
            assertThat(r.path("responseElements").path("credentials").path("accessKeyId").asText())
                .isEqualTo(session.path("AccessKeyId").asText()));
  }
}
