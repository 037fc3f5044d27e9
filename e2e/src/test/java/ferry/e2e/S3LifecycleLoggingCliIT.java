package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lifecycle rules applied and access logs delivered, with the real aws CLI, on a Ferry started with
 * {@code --test-clock} so that the test can move its clock past a rule's day.
 */
@ServeOptions("--test-clock")
class S3LifecycleLoggingCliIT extends FerryPerClass {

  @Test
  void lifecycle_putGetDelete_roundTrip() throws Exception {
    mb("lc-cli");
    Path rules =
        Files.writeString(
            work.resolve("rules.json"),
            """
            {"Rules":[
              {"ID":"tmp","Status":"Enabled","Filter":{"Prefix":"tmp/"},"Expiration":{"Days":7}},
              {"ID":"uploads","Status":"Enabled","Filter":{"Prefix":""},
               "AbortIncompleteMultipartUpload":{"DaysAfterInitiation":2},
               "NoncurrentVersionExpiration":{"NoncurrentDays":30}}]}\
            """);
    s3api(
            "put-bucket-lifecycle-configuration",
            "lc-cli",
            "--lifecycle-configuration",
            "file://" + rules)
        .assertOk();
    String got = s3api("get-bucket-lifecycle-configuration", "lc-cli").assertOk().stdout();
    assertThat(got)
        .contains("\"ID\": \"tmp\"")
        .contains("\"Prefix\": \"tmp/\"")
        .contains("\"Days\": 7")
        .contains("\"DaysAfterInitiation\": 2")
        .contains("\"NoncurrentDays\": 30");
    s3api("delete-bucket-lifecycle", "lc-cli").assertOk();
    assertThat(s3api("get-bucket-lifecycle-configuration", "lc-cli").stderr())
        .contains("NoSuchLifecycleConfiguration")
        .contains("The lifecycle configuration does not exist");
  }

  @Test
  void anObjectExpires_onceTheTestClockPassesTheRulesDay() throws Exception {
    mb("lc-expire");
    put("lc-expire", "tmp/old.txt", "old");
    put("lc-expire", "keep/me.txt", "kept");
    Path rules =
        Files.writeString(
            work.resolve("expire.json"),
            """
            {"Rules":[{"ID":"tmp","Status":"Enabled","Filter":{"Prefix":"tmp/"},
              "Expiration":{"Days":1}}]}\
            """);
    s3api(
            "put-bucket-lifecycle-configuration",
            "lc-expire",
            "--lifecycle-configuration",
            "file://" + rules)
        .assertOk();
    assertThat(ls("lc-expire")).contains("tmp/old.txt").contains("keep/me.txt");

    clock("PT1H");
    assertThat(ls("lc-expire")).as("not yet its day").contains("tmp/old.txt");

    assertThat(clock("P2D")).contains("currentExpired=1");
    assertThat(ls("lc-expire")).doesNotContain("tmp/old.txt").contains("keep/me.txt");
    assertThat(dev.run("s3", "cp", "s3://lc-expire/keep/me.txt", "-").assertOk().stdout())
        .isEqualTo("kept");
  }

  @Test
  void accessLogs_areDelivered_whenTheTargetPolicyGrantsTheLoggingService() throws Exception {
    mb("logged-web");
    mb("logged-web-logs");
    Path policy =
        Files.writeString(
            work.resolve("log-policy.json"),
            """
            {"Version":"2012-10-17","Statement":[{"Sid":"S3ServerAccessLogsPolicy",
              "Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},
              "Action":"s3:PutObject","Resource":"arn:aws:s3:::logged-web-logs/*",
              "Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::logged-web"},
                "StringEquals":{"aws:SourceAccount":"111111111111"}}}]}\
            """);
    s3api("put-bucket-policy", "logged-web-logs", "--policy", "file://" + policy).assertOk();
    enableLogging("logged-web", "logged-web-logs");
    assertThat(s3api("get-bucket-logging", "logged-web").assertOk().stdout())
        .contains("\"TargetBucket\": \"logged-web-logs\"")
        .contains("\"TargetPrefix\": \"access/\"");
    put("logged-web", "index.html", "<h1>hi</h1>");
    assertThat(dev.run("s3", "cp", "s3://logged-web/index.html", "-").assertOk().stdout())
        .isEqualTo("<h1>hi</h1>");

    clock("PT0S");
    String listed = ls("logged-web-logs");
    assertThat(listed).contains("access/");
    StringBuilder logs = new StringBuilder();
    for (String line : listed.lines().toList()) {
      String key = line.substring(line.lastIndexOf(' ') + 1);
      logs.append(dev.run("s3", "cp", "s3://logged-web-logs/" + key, "-").assertOk().stdout());
    }
    assertThat(logs.toString())
        .contains(" logged-web [")
        .contains(" REST.GET.OBJECT index.html \"GET /logged-web/index.html")
        .contains(" 200 - 11 11 ")
        .contains("aws-cli/");
  }

  @Test
  void accessLogs_areNotDelivered_withoutTheGrant_andTheDenialIsInTheDecisionLog()
      throws Exception {
    mb("unlogged-web");
    mb("unlogged-web-logs");
    enableLogging("unlogged-web", "unlogged-web-logs");
    put("unlogged-web", "index.html", "hello");
    dev.run("s3", "cp", "s3://unlogged-web/index.html", "-").assertOk();

    // The delivery is attempted now, or was already by the periodic delivery: either way refused.
    clock("PT0S");
    assertThat(ls("unlogged-web-logs")).isBlank();
    assertThat(get(ferry.endpoint() + "/_ferry/decisions?last=200"))
        .contains("logging.s3.amazonaws.com")
        .contains("arn:aws:s3:::unlogged-web-logs/access/");
  }

  @Test
  void badInput_isRefused_andNothingIsStored() throws Exception {
    mb("lc-bad");
    byte[] malformed = "<LifecycleConfiguration><Rule><ID>x".getBytes(StandardCharsets.UTF_8);
    RawS3Request.Answer answer =
        RawS3Request.send(
            ferry.endpoint(),
            ferry.account("dev"),
            "PUT",
            "/lc-bad",
            "lifecycle=",
            Map.of("Content-MD5", md5(malformed)),
            RawS3Request.hex(RawS3Request.sha256(malformed)),
            malformed,
            false);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo("MalformedXML");

    Path zero =
        Files.writeString(
            work.resolve("zero.json"),
            """
            {"Rules":[{"ID":"z","Status":"Enabled","Filter":{"Prefix":""},
              "Expiration":{"Days":0}}]}\
            """);
    assertThat(
            s3api(
                    "put-bucket-lifecycle-configuration",
                    "lc-bad",
                    "--lifecycle-configuration",
                    "file://" + zero)
                .stderr())
        .contains("InvalidArgument")
        .contains("'Days' for Expiration action must be a positive integer");

    Path duplicate =
        Files.writeString(
            work.resolve("duplicate.json"),
            """
            {"Rules":[
              {"ID":"same","Status":"Enabled","Filter":{"Prefix":"a/"},"Expiration":{"Days":1}},
              {"ID":"same","Status":"Enabled","Filter":{"Prefix":"b/"},"Expiration":{"Days":2}}]}\
            """);
    assertThat(
            s3api(
                    "put-bucket-lifecycle-configuration",
                    "lc-bad",
                    "--lifecycle-configuration",
                    "file://" + duplicate)
                .stderr())
        .contains("InvalidArgument")
        .contains("Rule ID must be unique");
    assertThat(s3api("get-bucket-lifecycle-configuration", "lc-bad").stderr())
        .contains("NoSuchLifecycleConfiguration");

    assertThat(
            s3api(
                    "put-bucket-logging",
                    "lc-bad",
                    "--bucket-logging-status",
                    "{\"LoggingEnabled\":{\"TargetBucket\":\"no-such-log-bucket\",\"TargetPrefix\":\"x/\"}}")
                .stderr())
        .contains("InvalidTargetBucketForLogging")
        .contains("The target bucket for logging does not exist");
    assertThat(s3api("get-bucket-logging", "lc-bad").assertOk().stdout())
        .doesNotContain("LoggingEnabled");

    Path good =
        Files.writeString(
            work.resolve("good.json"),
            """
            {"Rules":[{"ID":"ok","Status":"Enabled","Filter":{"Prefix":""},
              "Expiration":{"Days":30}}]}\
            """);
    s3api(
            "put-bucket-lifecycle-configuration",
            "lc-bad",
            "--lifecycle-configuration",
            "file://" + good)
        .assertOk();
    assertThat(s3api("get-bucket-lifecycle-configuration", "lc-bad").assertOk().stdout())
        .contains("\"ID\": \"ok\"");
    assertThat(ferry.isAlive()).isTrue();
  }

  private static void mb(String bucket) throws Exception {
    dev.run("s3", "mb", "s3://" + bucket).assertOk();
  }

  private static void put(String bucket, String key, String body) throws Exception {
    Path file = Files.writeString(work.resolve("body-" + key.replace('/', '_')), body);
    dev.run("s3", "cp", file.toString(), "s3://" + bucket + "/" + key).assertOk();
  }

  private static String ls(String bucket) throws Exception {
    return dev.run("s3", "ls", "--recursive", "s3://" + bucket).assertOk().stdout();
  }

  private static AwsCli.Result s3api(String operation, String bucket, String... options)
      throws Exception {
    String[] arguments = new String[4 + options.length];
    arguments[0] = "s3api";
    arguments[1] = operation;
    arguments[2] = "--bucket";
    arguments[3] = bucket;
    System.arraycopy(options, 0, arguments, 4, options.length);
    return dev.run(arguments);
  }

  private static void enableLogging(String bucket, String target) throws Exception {
    s3api(
            "put-bucket-logging",
            bucket,
            "--bucket-logging-status",
            "{\"LoggingEnabled\":{\"TargetBucket\":\""
                + target
                + "\",\"TargetPrefix\":\"access/\"}}")
        .assertOk();
  }

  /** Moves the running Ferry's test clock; it then applies lifecycle rules and delivers logs. */
  private static String clock(String advance) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(ferry.endpoint() + "/_ferry/clock?advance=" + advance))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private static String get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static String md5(byte[] body) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
  }
}
