package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Browser-style POST uploads: the form's policy generated and signed by botocore's
 * generate_presigned_post (boto3), posted as multipart/form-data by java.net.http, and what was
 * stored read back with the aws CLI.
 */
class S3PostObjectIT extends FerryPerClass {
  static final String BUCKET = "post-object-bucket";
  private static final Path SCRIPT =
      Path.of("src", "test", "clients", "python", "presigned_post.py").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    dev.run("s3", "mb", "s3://" + BUCKET).assertOk();
  }

  @AfterEach
  void serverKeepsServing() throws Exception {
    assertThat(dev.run("s3", "ls").assertOk().stdout()).contains(BUCKET);
  }

  @Test
  void aPresignedPost_fromBoto3_storesTheFile_withItsFields() throws Exception {
    JsonNode post =
        presignedPost(
            "site/${filename}",
            Map.of(
                "acl", "private",
                "Content-Type", "text/html",
                "x-amz-meta-origin", "browser",
                "success_action_status", "201"),
            List.of(
                Map.of("acl", "private"),
                Map.of("Content-Type", "text/html"),
                Map.of("x-amz-meta-origin", "browser"),
                Map.of("success_action_status", "201"),
                List.of("starts-with", "$key", "site/"),
                List.of("content-length-range", 1, 1024)),
            600,
            "s3v4");
    HttpResponse<String> response = send(post, fields(post), "index.html", "<h1>hi</h1>");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(response.body()).contains("<Key>site/index.html</Key>");

    String head =
        dev.run("s3api", "head-object", "--bucket", BUCKET, "--key", "site/index.html")
            .assertOk()
            .stdout();
    JsonNode object = JSON.readTree(head);
    assertThat(object.path("ContentType").asText()).isEqualTo("text/html");
    assertThat(object.path("Metadata").path("origin").asText()).isEqualTo("browser");
    assertThat(object.path("ContentLength").asLong()).isEqualTo(11);
    Path out = work.resolve("index.html");
    dev.run("s3api", "get-object", "--bucket", BUCKET, "--key", "site/index.html", out.toString())
        .assertOk();
    assertThat(Files.readString(out)).isEqualTo("<h1>hi</h1>");
  }

  @Test
  void aSigV2PresignedPost_isAcceptedToo() throws Exception {
    JsonNode post = presignedPost("v2.txt", Map.of(), List.of(), 600, "s3");
    assertThat(post.path("fields").has("AWSAccessKeyId")).isTrue();
    HttpResponse<String> response = send(post, fields(post), "v2.txt", "signed the old way");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    assertThat(dev.run("s3api", "head-object", "--bucket", BUCKET, "--key", "v2.txt").exitCode())
        .isZero();
  }

  @Test
  void anExpiredPolicy_isAccessDenied_andNothingIsStored() throws Exception {
    JsonNode post = presignedPost("late.txt", Map.of(), List.of(), 1, "s3v4");
    TimeUnit.MILLISECONDS.sleep(2100);
    HttpResponse<String> response = send(post, fields(post), "late.txt", "too late");
    assertRefused(response, 403, "AccessDenied", "Invalid according to Policy: Policy expired.");
    assertNotStored("late.txt");
  }

  @Test
  void aTamperedPolicy_isSignatureDoesNotMatch_andNothingIsStored() throws Exception {
    JsonNode post = presignedPost("tampered.txt", Map.of(), List.of(), 600, "s3v4");
    Map<String, String> fields = fields(post);
    String policy =
        new String(Base64.getDecoder().decode(fields.get("policy")), StandardCharsets.UTF_8)
            .replace("tampered.txt", "elsewhere.txt");
    fields.put(
        "policy", Base64.getEncoder().encodeToString(policy.getBytes(StandardCharsets.UTF_8)));
    fields.put("key", "elsewhere.txt");
    HttpResponse<String> response = send(post, fields, "f", "x");
    assertRefused(response, 403, "SignatureDoesNotMatch", null);
    assertNotStored("elsewhere.txt");
    assertNotStored("tampered.txt");
  }

  @Test
  void aFieldThePolicyDoesNotAllow_isAccessDenied_andNothingIsStored() throws Exception {
    JsonNode post = presignedPost("extra.txt", Map.of(), List.of(), 600, "s3v4");
    Map<String, String> fields = fields(post);
    fields.put("x-amz-meta-added", "after signing");
    HttpResponse<String> response = send(post, fields, "f", "x");
    assertRefused(
        response,
        403,
        "AccessDenied",
        "Invalid according to Policy: Extra input fields: x-amz-meta-added");
    assertNotStored("extra.txt");
  }

  @Test
  void aFileLargerThanTheRange_isEntityTooLarge_andNothingIsStored() throws Exception {
    JsonNode post =
        presignedPost(
            "large.bin", Map.of(), List.of(List.of("content-length-range", 0, 1000)), 600, "s3v4");
    HttpResponse<String> response = send(post, fields(post), "large.bin", "x".repeat(100_000));
    assertRefused(
        response, 400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
    assertNotStored("large.bin");
  }

  // ---- boto3 signs, java.net.http posts ----

  private static JsonNode presignedPost(
      String key, Map<String, ?> fields, List<?> conditions, int expiresIn, String signature)
      throws Exception {
    return Boto3Script.run(
        SCRIPT,
        ferry.endpoint(),
        ferry.account("dev"),
        BUCKET,
        key,
        JSON.writeValueAsString(fields),
        JSON.writeValueAsString(conditions),
        Integer.toString(expiresIn),
        signature);
  }

  private static Map<String, String> fields(JsonNode post) {
    Map<String, String> fields = new LinkedHashMap<>();
    post.path("fields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
    return fields;
  }

  /** The form as a browser sends it: every field, then the file. */
  private static HttpResponse<String> send(
      JsonNode post, Map<String, String> fields, String filename, String content) throws Exception {
    String boundary = "----WebKitFormBoundaryFerry0123456789";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    fields.forEach((name, value) ->
        body.writeBytes(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + name
                    + "\"\r\n\r\n"
                    + value
                    + "\r\n")
                .getBytes(StandardCharsets.UTF_8)));
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                + content
                + "\r\n--"
                + boundary
                + "--\r\n")
            .getBytes(StandardCharsets.UTF_8));
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(post.path("url").asText()))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void assertRefused(
      HttpResponse<String> response, int status, String code, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).contains("<Code>" + code + "</Code>");
    if (message != null) {
      assertThat(response.body()).contains("<Message>" + message + "</Message>");
    }
  }

  private static void assertNotStored(String key) throws Exception {
    AwsCli.Result head = dev.run("s3api", "head-object", "--bucket", BUCKET, "--key", key);
    assertThat(head.exitCode()).isNotZero();
    assertThat(head.stderr()).contains("404");
  }
}
