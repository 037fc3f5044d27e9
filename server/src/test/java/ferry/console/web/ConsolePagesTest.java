package ferry.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.app.RootCredentials;
import ferry.aws.AccountId;
import ferry.s3.CanonicalUser;
import ferry.testing.RunningFerry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.Tag;

/** The S3, IAM and KMS pages, read through the services as the signed-in principal. */
class ConsolePagesTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();

  @BeforeAll
  static void resources() {
    var s3 = ferry.s3("dev");
    s3.createBucket(b -> b.bucket("dev-console-bucket"));
    s3.putBucketVersioning(b ->
        b.bucket("dev-console-bucket")
            .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    s3.putBucketPolicy(b ->
        b.bucket("dev-console-bucket")
            .policy(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},"
                    + "\"Action\":\"s3:GetObject\","
                    + "\"Resource\":\"arn:aws:s3:::dev-console-bucket/*\"}]}"));
    s3.putObject(
        b -> b.bucket("dev-console-bucket").key("site/index.html").contentType("text/html"),
        RequestBody.fromString("<h1>hello</h1>"));
    s3.putObjectTagging(b ->
        b.bucket("dev-console-bucket")
            .key("site/index.html")
            .tagging(t -> t.tagSet(Tag.builder().key("stage").value("beta").build())));
    ferry.s3("prod").createBucket(b -> b.bucket("prod-console-bucket"));
    ferry
        .iam("dev")
        .createRole(b ->
            b.roleName("console-role")
                .assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Service\":\"codepipeline.amazonaws.com\"},"
                        + "\"Action\":\"sts:AssumeRole\"}]}"));
    ferry
        .iam("dev")
        .putRolePolicy(b ->
            b.roleName("console-role")
                .policyName("readartifacts")
                .policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"));
  }

  private static ConsoleClient signedIn(String account) throws Exception {
    RootCredentials root = ferry.ferry().root(account);
    var client = new ConsoleClient(ferry.endpoint());
    client.signIn(root.accessKeyId(), root.secretAccessKey());
    return client;
  }

  @Test
  void prod_doesNotSeeDevsBuckets() throws Exception {
    var prod = signedIn("prod").get("/s3").body();
    var dev = signedIn("dev").get("/s3").body();

    assertThat(prod).contains("prod-console-bucket").doesNotContain("dev-console-bucket");
    assertThat(dev).contains("dev-console-bucket").doesNotContain("prod-console-bucket");
  }

  @Test
  void aBucketPage_showsItsSettings_itsPolicyPrettyPrinted_andItsPrefixes() throws Exception {
    var client = signedIn("dev");

    var top = client.get("/s3/buckets/dev-console-bucket");
    var site = client.get("/s3/buckets/dev-console-bucket?prefix=site/");

    assertThat(top.statusCode()).isEqualTo(200);
    assertThat(top.body())
        .contains("Enabled")
        .contains("SSE-S3")
        .contains("BucketOwnerEnforced")
        .contains("  \"Statement\" : [ {")
        .contains("?prefix=site/");
    assertThat(site.body()).contains("index.html").contains("key=site/index.html");
  }

  @Test
  void aMissingBucket_isA404Page() throws Exception {
    var response = signedIn("dev").get("/s3/buckets/no-such-bucket-here");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("NoSuchBucket");
  }

  @Test
  void anObjectPage_showsOwnerEncryptionMetadataTagsAndVersions() throws Exception {
    var response = signedIn("dev").get("/s3/buckets/dev-console-bucket/object?key=site/index.html");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("<dd id=\"owner-account\">111111111111</dd>")
        .contains(CanonicalUser.idOf(new AccountId("111111111111")))
        .contains("SSE-S3 (AES256)")
        .contains("text/html")
        .contains("stage")
        .contains("beta")
        .contains("Current");
  }

  @Test
  void upload_thenDownload_throughTheConsole() throws Exception {
    var client = signedIn("dev");
    String boundary = "----ferryconsole";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
            + client.token()
            + "\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"prefix\"\r\n\r\nuploads/\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\nconsole upload\r\n--"
            + boundary
            + "--\r\n";

    var upload =
        client.send(
            HttpRequest.newBuilder(client.uri("/s3/buckets/dev-console-bucket/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(upload.statusCode()).isEqualTo(303);
    assertThat(upload.headers().firstValue("Location"))
        .hasValue("/_ferry/console/s3/buckets/dev-console-bucket/object?key=uploads/notes.txt");
    assertThat(
            ferry
                .s3("dev")
                .getObjectAsBytes(b -> b.bucket("dev-console-bucket").key("uploads/notes.txt"))
                .asString(StandardCharsets.UTF_8))
        .isEqualTo("console upload");
    HttpResponse<String> download =
        client.get("/s3/buckets/dev-console-bucket/download?key=uploads/notes.txt");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo("console upload");
    assertThat(download.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(d -> assertThat(d).contains("notes.txt"));
  }

  @Test
  void anUploadWithoutTheToken_isRefused_andStoresNothing() throws Exception {
    var client = signedIn("dev");
    String boundary = "----ferryconsole";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"evil.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\nx\r\n--"
            + boundary
            + "--\r\n";

    var upload =
        client.send(
            HttpRequest.newBuilder(client.uri("/s3/buckets/dev-console-bucket/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(upload.statusCode()).isEqualTo(403);
    assertThat(
            ferry
                .s3("dev")
                .listObjectsV2(b -> b.bucket("dev-console-bucket").prefix("evil"))
                .keyCount())
        .isZero();
  }

  @Test
  void aUserWithoutS3Permissions_seesADenialPanel_withTheDecisionsExplanation() throws Exception {
    var iam = ferry.iam("dev");
    iam.createUser(b -> b.userName("reader-none"));
    CreateAccessKeyResponse key = iam.createAccessKey(b -> b.userName("reader-none"));
    var client = new ConsoleClient(ferry.endpoint());
    client.signIn(key.accessKey().accessKeyId(), key.accessKey().secretAccessKey());

    var buckets = client.get("/s3");
    var object = client.get("/s3/buckets/dev-console-bucket/object?key=site/index.html");

    assertThat(buckets.body())
        .contains("Access denied")
        .contains("s3:ListAllMyBuckets")
        .contains("Decision <code>d-")
        .doesNotContain("dev-console-bucket</a>");
    assertThat(object.body()).contains("Access denied").doesNotContain("owner-account");
  }

  @Test
  void aRolePage_showsTheTrustPolicyAndInlinePolicies() throws Exception {
    var client = signedIn("dev");

    assertThat(client.get("/iam").body()).contains("console-role");
    var role = client.get("/iam/roles/console-role");

    assertThat(role.statusCode()).isEqualTo(200);
    assertThat(role.body())
        .contains("codepipeline.amazonaws.com")
        .contains("readartifacts")
        .contains("\"Action\" : \"s3:GetObject\"");
    assertThat(client.get("/iam/roles/no-such-role").statusCode()).isEqualTo(404);
  }

  @Test
  void aUserPage_listsItsAccessKeys() throws Exception {
    var iam = ferry.iam("dev");
    iam.createUser(b -> b.userName("key-holder"));
    String keyId = iam.createAccessKey(b -> b.userName("key-holder")).accessKey().accessKeyId();

    var page = signedIn("dev").get("/iam/users/key-holder");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(keyId).contains("Active");
  }

  @Test
  void aKeyPage_showsItsPolicyAliasesAndGrants() throws Exception {
    var kms =
        software.amazon.awssdk.services.kms.KmsClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .credentialsProvider(ferry.credentials("dev"))
            .httpClient(software.amazon.awssdk.http.apache5.Apache5HttpClient.create())
            .build();
    try (kms) {
      String keyId = kms.createKey(b -> b.description("console key")).keyMetadata().keyId();
      kms.createAlias(b -> b.aliasName("alias/console-key").targetKeyId(keyId));
      kms.createGrant(b ->
          b.keyId(keyId)
              .granteePrincipal("arn:aws:iam::222222222222:root")
              .operations(software.amazon.awssdk.services.kms.model.GrantOperation.DECRYPT));
      var client = signedIn("dev");

      assertThat(client.get("/kms").body()).contains(keyId).contains("alias/console-key");
      var page = client.get("/kms/keys/" + keyId);

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body())
          .contains("console key")
          .contains("alias/console-key")
          .contains("\"Version\" : \"2012-10-17\"")
          .contains("arn:aws:iam::222222222222:root")
          .contains("Decrypt");
    }
  }
}
