package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bucket configuration with the real aws CLI: tagging, CORS (and CORS itself, over plain HTTP),
 * replication (stored and answered, not performed), accelerate and request payment; bad documents
 * refused with nothing stored.
 */
class S3BucketConfigurationCliIT extends FerryPerClass {
  static final String BUCKET = "config-cli-bucket";
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    dev.run("s3", "mb", "s3://" + BUCKET).assertOk();
  }

  @AfterEach
  void serverKeepsServing() throws Exception {
    assertThat(dev.run("s3", "ls").assertOk().stdout()).contains(BUCKET);
    assertThat(ferry.isAlive()).isTrue();
  }

  @Test
  void bucketTagging_roundTrip() throws Exception {
    AwsCli.Result none = dev.run("s3api", "get-bucket-tagging", "--bucket", BUCKET);
    assertThat(none.exitCode()).isNotZero();
    assertThat(none.stderr()).contains("NoSuchTagSet").contains("The TagSet does not exist");
    dev.run(
            "s3api",
            "put-bucket-tagging",
            "--bucket",
            BUCKET,
            "--tagging",
            "TagSet=[{Key=team,Value=deploy},{Key=env,Value=prod}]")
        .assertOk();
    assertThat(dev.run("s3api", "get-bucket-tagging", "--bucket", BUCKET).assertOk().stdout())
        .contains("\"Key\": \"team\"")
        .contains("\"Value\": \"deploy\"")
        .contains("\"Key\": \"env\"");
    dev.run("s3api", "delete-bucket-tagging", "--bucket", BUCKET).assertOk();
    assertThat(dev.run("s3api", "get-bucket-tagging", "--bucket", BUCKET).stderr())
        .contains("NoSuchTagSet");
  }

  @Test
  void badTagging_isRefused_andNothingIsStored() throws Exception {
    dev.run(
            "s3api",
            "put-bucket-tagging",
            "--bucket",
            BUCKET,
            "--tagging",
            "TagSet=[{Key=kept,Value=1}]")
        .assertOk();
    StringBuilder many = new StringBuilder("{\"TagSet\":[");
    for (int i = 0; i < 51; i++) {
      many.append(i == 0 ? "" : ",").append("{\"Key\":\"k").append(i).append("\",\"Value\":\"v\"}");
    }
    Path tooMany = Files.writeString(work.resolve("many-tags.json"), many.append("]}").toString());
    AwsCli.Result refused =
        dev.run(
            "s3api", "put-bucket-tagging", "--bucket", BUCKET, "--tagging", "file://" + tooMany);
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.stderr())
        .contains("BadRequest")
        .contains("Bucket tag count cannot be greater than 50");
    AwsCli.Result duplicate =
        dev.run(
            "s3api",
            "put-bucket-tagging",
            "--bucket",
            BUCKET,
            "--tagging",
            "TagSet=[{Key=dup,Value=1},{Key=dup,Value=2}]");
    assertThat(duplicate.exitCode()).isNotZero();
    assertThat(duplicate.stderr())
        .contains("InvalidTag")
        .contains("Cannot provide multiple Tags with the same key");
    RawS3Request.Answer malformed = put("tagging=", "<Tagging><TagSet><Tag><Key>x</Key>");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.code()).isEqualTo("MalformedXML");
    String stored = dev.run("s3api", "get-bucket-tagging", "--bucket", BUCKET).assertOk().stdout();
    assertThat(stored).contains("\"kept\"").doesNotContain("\"dup\"").doesNotContain("\"k1\"");
    dev.run("s3api", "delete-bucket-tagging", "--bucket", BUCKET).assertOk();
  }

  @Test
  void cors_roundTrip_preflight_andHeadersOnAGetWithAnOrigin() throws Exception {
    dev.run("s3api", "put-object", "--bucket", BUCKET, "--key", "site/index.html").assertOk();
    Path cors =
        Files.writeString(
            work.resolve("cors.json"),
            """
            {"CORSRules": [{"ID": "app", "AllowedOrigins": ["https://app.example.com"],
              "AllowedMethods": ["GET", "HEAD"], "AllowedHeaders": ["*"],
              "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 600}]}
            """);
    dev.run(
            "s3api",
            "put-bucket-cors",
            "--bucket",
            BUCKET,
            "--cors-configuration",
            "file://" + cors)
        .assertOk();
    assertThat(dev.run("s3api", "get-bucket-cors", "--bucket", BUCKET).assertOk().stdout())
        .contains("\"https://app.example.com\"")
        .contains("\"MaxAgeSeconds\": 600")
        .contains("\"ID\": \"app\"");

    HttpResponse<String> preflight =
        http.send(
            HttpRequest.newBuilder(ferry.endpoint().resolve("/" + BUCKET + "/site/index.html"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Range")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().map())
        .containsEntry("access-control-allow-origin", java.util.List.of("https://app.example.com"))
        .containsEntry("access-control-allow-methods", java.util.List.of("GET, HEAD"))
        .containsEntry("access-control-allow-headers", java.util.List.of("range"))
        .containsEntry("access-control-max-age", java.util.List.of("600"))
        .containsEntry("access-control-expose-headers", java.util.List.of("ETag"))
        .containsEntry("access-control-allow-credentials", java.util.List.of("true"));

    HttpResponse<String> notAllowed =
        http.send(
            HttpRequest.newBuilder(ferry.endpoint().resolve("/" + BUCKET + "/site/index.html"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(notAllowed.statusCode()).isEqualTo(403);
    assertThat(notAllowed.body()).contains("AccessForbidden").contains("CORSResponse");

    // A presigned GET, as a browser page would make it, from the allowed origin.
    String url =
        dev.run("s3", "presign", "s3://" + BUCKET + "/site/index.html").assertOk().stdout().trim();
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Origin", "https://app.example.com")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("https://app.example.com");
    assertThat(get.headers().firstValue("Vary"))
        .contains("Origin, Access-Control-Request-Headers, Access-Control-Request-Method");

    dev.run("s3api", "delete-bucket-cors", "--bucket", BUCKET).assertOk();
    assertThat(dev.run("s3api", "get-bucket-cors", "--bucket", BUCKET).stderr())
        .contains("NoSuchCORSConfiguration");
  }

  @Test
  void badCors_isRefused_andNothingIsStored() throws Exception {
    RawS3Request.Answer malformed =
        put("cors=", "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod>");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.code()).isEqualTo("MalformedXML");
    RawS3Request.Answer noOrigin =
        put(
            "cors=",
            "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule>"
                + "</CORSConfiguration>");
    assertThat(noOrigin.code()).isEqualTo("MalformedXML");
    AwsCli.Result badMethod =
        dev.run(
            "s3api",
            "put-bucket-cors",
            "--bucket",
            BUCKET,
            "--cors-configuration",
            "CORSRules=[{AllowedOrigins=[*],AllowedMethods=[PATCH]}]");
    assertThat(badMethod.exitCode()).isNotZero();
    assertThat(badMethod.stderr())
        .contains("InvalidRequest")
        .contains("Found unsupported HTTP method in CORS config. Unsupported method is PATCH");
    assertThat(dev.run("s3api", "get-bucket-cors", "--bucket", BUCKET).stderr())
        .contains("NoSuchCORSConfiguration");
  }

  @Test
  void replication_roundTrip_isStoredNotPerformed() throws Exception {
    dev.run("s3", "mb", "s3://config-cli-replica").assertOk();
    for (String bucket : new String[] {BUCKET + "-src", "config-cli-replica"}) {
      if (!bucket.equals("config-cli-replica")) {
        dev.run("s3", "mb", "s3://" + bucket).assertOk();
      }
      dev.run(
              "s3api",
              "put-bucket-versioning",
              "--bucket",
              bucket,
              "--versioning-configuration",
              "Status=Enabled")
          .assertOk();
    }
    Path replication =
        Files.writeString(
            work.resolve("replication.json"),
            """
            {"Role": "arn:aws:iam::111111111111:role/replication",
             "Rules": [{"ID": "all", "Priority": 1, "Status": "Enabled", "Filter": {"Prefix": ""},
               "DeleteMarkerReplication": {"Status": "Disabled"},
               "Destination": {"Bucket": "arn:aws:s3:::config-cli-replica"}}]}
            """);
    AwsCli.Result unversioned =
        dev.run(
            "s3api",
            "put-bucket-replication",
            "--bucket",
            BUCKET,
            "--replication-configuration",
            "file://" + replication);
    assertThat(unversioned.stderr())
        .contains("InvalidRequest")
        .contains("Versioning must be 'Enabled' on the bucket");
    assertThat(dev.run("s3api", "get-bucket-replication", "--bucket", BUCKET + "-src").stderr())
        .contains("ReplicationConfigurationNotFoundError");
    dev.run(
            "s3api",
            "put-bucket-replication",
            "--bucket",
            BUCKET + "-src",
            "--replication-configuration",
            "file://" + replication)
        .assertOk();
    assertThat(
            dev.run("s3api", "get-bucket-replication", "--bucket", BUCKET + "-src")
                .assertOk()
                .stdout())
        .contains("arn:aws:iam::111111111111:role/replication")
        .contains("arn:aws:s3:::config-cli-replica")
        .contains("\"ID\": \"all\"");
    dev.run("s3api", "delete-bucket-replication", "--bucket", BUCKET + "-src").assertOk();
    assertThat(dev.run("s3api", "get-bucket-replication", "--bucket", BUCKET + "-src").stderr())
        .contains("ReplicationConfigurationNotFoundError");
  }

  @Test
  void accelerateAndRequestPayment_roundTrip() throws Exception {
    assertThat(
            dev.run("s3api", "get-bucket-accelerate-configuration", "--bucket", BUCKET)
                .assertOk()
                .stdout())
        .doesNotContain("Status");
    dev.run(
            "s3api",
            "put-bucket-accelerate-configuration",
            "--bucket",
            BUCKET,
            "--accelerate-configuration",
            "Status=Enabled")
        .assertOk();
    assertThat(
            dev.run("s3api", "get-bucket-accelerate-configuration", "--bucket", BUCKET)
                .assertOk()
                .stdout())
        .contains("\"Status\": \"Enabled\"");
    dev.run(
            "s3api",
            "put-bucket-accelerate-configuration",
            "--bucket",
            BUCKET,
            "--accelerate-configuration",
            "Status=Suspended")
        .assertOk();
    assertThat(
            dev.run("s3api", "get-bucket-accelerate-configuration", "--bucket", BUCKET)
                .assertOk()
                .stdout())
        .contains("\"Status\": \"Suspended\"");

    assertThat(
            dev.run("s3api", "get-bucket-request-payment", "--bucket", BUCKET).assertOk().stdout())
        .contains("\"Payer\": \"BucketOwner\"");
    dev.run(
            "s3api",
            "put-bucket-request-payment",
            "--bucket",
            BUCKET,
            "--request-payment-configuration",
            "Payer=Requester")
        .assertOk();
    assertThat(
            dev.run("s3api", "get-bucket-request-payment", "--bucket", BUCKET).assertOk().stdout())
        .contains("\"Payer\": \"Requester\"");
    dev.run(
            "s3api",
            "put-bucket-request-payment",
            "--bucket",
            BUCKET,
            "--request-payment-configuration",
            "Payer=BucketOwner")
        .assertOk();
  }

  private static RawS3Request.Answer put(String query, String document) throws Exception {
    byte[] body = document.getBytes(StandardCharsets.UTF_8);
    return RawS3Request.send(
        ferry.endpoint(),
        ferry.account("dev"),
        "PUT",
        "/" + BUCKET,
        query,
        Map.of(
            "Content-MD5",
            Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body))),
        RawS3Request.hex(RawS3Request.sha256(body)),
        body,
        false);
  }
}
