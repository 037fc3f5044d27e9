package ferry.s3.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.testing.RunningFerry;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Browser POST uploads as an HTML form sends them, over java.net.http, with policies signed here by
 * the SigV4 rules (not by Ferry's code); what was stored is read back with the SDK.
 */
class S3PostObjectWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String BUCKET = "post-uploads";
  static S3Client dev;

  @BeforeAll
  static void start() {
    dev = ferry.s3("dev");
    dev.createBucket(b -> b.bucket(BUCKET));
  }

  @Test
  void aSignedForm_storesTheFile_asItsSigner_andAnswers201WithPostResponse() throws Exception {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("key", "uploads/${filename}");
    fields.put("Content-Type", "text/plain");
    fields.put("x-amz-meta-colour", "blue");
    fields.put("acl", "private");
    fields.put(
        "tagging",
        "<Tagging><TagSet><Tag><Key>team</Key><Value>web</Value></Tag></TagSet></Tagging>");
    fields.put("success_action_status", "201");
    String conditions =
        "[{\"bucket\":\""
            + BUCKET
            + "\"},[\"starts-with\",\"$key\",\"uploads/\"],{\"Content-Type\":\"text/plain\"},"
            + "[\"starts-with\",\"$x-amz-meta-colour\",\"\"],{\"acl\":\"private\"},"
            + "[\"starts-with\",\"$tagging\",\"\"],{\"success_action_status\":\"201\"},"
            + "[\"content-length-range\",1,100]]";
    HttpResponse<String> response =
        post(BUCKET, signed(fields, conditions, inAnHour()), "hello.txt", "hello, form");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(response.body())
        .contains("<Bucket>" + BUCKET + "</Bucket>")
        .contains("<Key>uploads/hello.txt</Key>")
        .contains("<ETag>&quot;")
        .contains("<Location>" + ferry.endpoint() + "/" + BUCKET + "/uploads/hello.txt</Location>");
    var got = dev.getObjectAsBytes(g -> g.bucket(BUCKET).key("uploads/hello.txt"));
    assertThat(got.asUtf8String()).isEqualTo("hello, form");
    assertThat(got.response().contentType()).isEqualTo("text/plain");
    assertThat(got.response().metadata()).containsEntry("colour", "blue");
    assertThat(got.response().eTag()).isEqualTo(response.headers().firstValue("ETag").orElse(""));
    assertThat(dev.getObjectTagging(t -> t.bucket(BUCKET).key("uploads/hello.txt")).tagSet())
        .singleElement()
        .satisfies(tag -> assertThat(tag.key() + "=" + tag.value()).isEqualTo("team=web"));
  }

  @Test
  void withoutAStatus_theAnswerIs204_andARedirectIs303WithBucketKeyAndEtag() throws Exception {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("key", "plain.txt");
    HttpResponse<String> plain =
        post(BUCKET, signed(fields, "[{\"key\":\"plain.txt\"}]", inAnHour()), "p.txt", "plain");
    assertThat(plain.statusCode()).isEqualTo(204);
    assertThat(plain.headers().firstValue("Location"))
        .hasValue(ferry.endpoint() + "/" + BUCKET + "/plain.txt");

    fields.put("success_action_redirect", "https://example.com/done?from=form");
    HttpResponse<String> redirected =
        post(
            BUCKET,
            signed(
                fields,
                "[{\"key\":\"plain.txt\"},[\"starts-with\",\"$success_action_redirect\",\"https://example.com/\"]]",
                inAnHour()),
            "p.txt",
            "again");
    assertThat(redirected.statusCode()).isEqualTo(303);
    String etag = redirected.headers().firstValue("ETag").orElseThrow();
    assertThat(redirected.headers().firstValue("Location"))
        .hasValue(
            "https://example.com/done?from=form&bucket="
                + BUCKET
                + "&key=plain.txt&etag="
                + etag.replace("\"", "%22"));
    assertThat(dev.getObjectAsBytes(g -> g.bucket(BUCKET).key("plain.txt")).asUtf8String())
        .isEqualTo("again");
  }

  @Test
  void anExpiredPolicy_isAccessDenied_andStoresNothing() throws Exception {
    Map<String, String> fields = Map.of("key", "expired.txt");
    HttpResponse<String> response =
        post(
            BUCKET,
            signed(fields, "[{\"key\":\"expired.txt\"}]", Instant.now().minusSeconds(60)),
            "e.txt",
            "x");
    assertError(response, 403, "AccessDenied", "Invalid according to Policy: Policy expired.");
    assertNotStored("expired.txt");
  }

  @Test
  void aTamperedPolicy_isSignatureDoesNotMatch() throws Exception {
    Map<String, String> form =
        signed(Map.of("key", "tampered.txt"), "[{\"key\":\"other\"}]", inAnHour());
    form.put(
        "policy",
        encode(
            "{\"expiration\":\""
                + inAnHour()
                + "\",\"conditions\":[[\"starts-with\",\"$key\",\"\"]]}"));
    assertError(
        post(BUCKET, form, "t.txt", "x"),
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided.");
    Map<String, String> badSignature =
        signed(Map.of("key", "tampered.txt"), "[{\"key\":\"tampered.txt\"}]", inAnHour());
    badSignature.put("x-amz-signature", "0".repeat(64));
    assertError(post(BUCKET, badSignature, "t.txt", "x"), 403, "SignatureDoesNotMatch", null);
    assertNotStored("tampered.txt");
  }

  @Test
  void aFieldNoConditionAllows_isAccessDenied() throws Exception {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("key", "extra.txt");
    fields.put("x-amz-meta-sneaky", "1");
    assertError(
        post(BUCKET, signed(fields, "[{\"key\":\"extra.txt\"}]", inAnHour()), "x.txt", "x"),
        403,
        "AccessDenied",
        "Invalid according to Policy: Extra input fields: x-amz-meta-sneaky");
    assertError(
        post(
            BUCKET,
            signed(Map.of("key", "extra.txt"), "[{\"key\":\"other.txt\"}]", inAnHour()),
            "x.txt",
            "x"),
        403,
        "AccessDenied",
        "Invalid according to Policy: Policy Condition failed: {\"key\":\"other.txt\"}");
    assertNotStored("extra.txt");
  }

  @Test
  void aFileOutsideTheLengthRange_isEntityTooLargeOrTooSmall_andStoresNothing() throws Exception {
    String conditions = "[{\"key\":\"sized.txt\"},[\"content-length-range\",3,5]]";
    HttpResponse<String> large =
        post(BUCKET, signed(Map.of("key", "sized.txt"), conditions, inAnHour()), "s", "123456");
    assertError(
        large, 400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
    assertThat(large.body()).contains("<MaxSizeAllowed>5</MaxSizeAllowed>");
    HttpResponse<String> small =
        post(BUCKET, signed(Map.of("key", "sized.txt"), conditions, inAnHour()), "s", "12");
    assertError(
        small,
        400,
        "EntityTooSmall",
        "Your proposed upload is smaller than the minimum allowed size");
    assertThat(small.body()).contains("<MinSizeAllowed>3</MinSizeAllowed>");
    assertNotStored("sized.txt");
    HttpResponse<String> fits =
        post(BUCKET, signed(Map.of("key", "sized.txt"), conditions, inAnHour()), "s", "12345");
    assertThat(fits.statusCode()).isEqualTo(204);
  }

  @Test
  void missingPartsOfTheForm_areRefusedAsS3Does() throws Exception {
    assertError(
        post(BUCKET, signed(Map.of(), "[]", inAnHour()), "f", "x"),
        400,
        "InvalidArgument",
        "Bucket POST must contain a field named 'key'.  If it is specified, please check the order"
            + " of the fields.");
    Map<String, String> noSignature = signed(Map.of("key", "k"), "[{\"key\":\"k\"}]", inAnHour());
    noSignature.remove("x-amz-signature");
    assertError(post(BUCKET, noSignature, "f", "x"), 400, "InvalidArgument", null);
    assertError(
        post(BUCKET, signed(Map.of("key", "k"), "[{\"key\":\"k\"}]", inAnHour()), null, null),
        400,
        "InvalidArgument",
        "POST requires exactly one file upload per request.");
    HttpResponse<String> notAForm =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(ferry.endpoint() + "/" + BUCKET))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("key=k"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertError(notAForm, 412, "PreconditionFailed", null);
    HttpResponse<String> truncated =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(ferry.endpoint() + "/" + BUCKET))
                .header("Content-Type", "multipart/form-data; boundary=XyZ")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "--XyZ\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertError(truncated, 400, "MalformedPOSTRequest", null);
    assertNotStored("k");
  }

  @Test
  void anUnsignedForm_isAnAnonymousPutObject_deniedOnAPrivateBucket() throws Exception {
    assertError(
        post(BUCKET, new LinkedHashMap<>(Map.of("key", "anon.txt")), "a", "x"),
        403,
        "AccessDenied",
        null);
    assertNotStored("anon.txt");
  }

  @Test
  void anotherAccountsSignature_isDeniedWithoutABucketPolicy() throws Exception {
    Map<String, String> fields = Map.of("key", "prod.txt");
    assertError(
        post(
            BUCKET,
            signed(
                fields,
                "[{\"key\":\"prod.txt\"}]",
                inAnHour(),
                ferry.credentials("prod").resolveCredentials()),
            "p",
            "x"),
        403,
        "AccessDenied",
        null);
    assertNotStored("prod.txt");
  }

  @Test
  void temporaryCredentials_signWithTheirToken() throws Exception {
    var session = ferry.sts("dev").getSessionToken(r -> r.durationSeconds(900)).credentials();
    AwsSessionCredentials credentials =
        AwsSessionCredentials.create(
            session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
    HttpResponse<String> response =
        post(
            BUCKET,
            signed(
                Map.of("key", "session.txt"),
                "[{\"key\":\"session.txt\"}]",
                inAnHour(),
                credentials),
            "s",
            "from a session");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    assertThat(dev.getObjectAsBytes(g -> g.bucket(BUCKET).key("session.txt")).asUtf8String())
        .isEqualTo("from a session");
  }

  // ---- the form, signed as a browser's server would sign it ----

  private static Instant inAnHour() {
    return Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  private static Map<String, String> signed(
      Map<String, String> fields, String conditions, Instant expiration) throws Exception {
    return signed(fields, conditions, expiration, ferry.credentials("dev").resolveCredentials());
  }

  /** The fields with the SigV4 ones added, each named by a condition, and the policy signed. */
  static Map<String, String> signed(
      Map<String, String> fields, String conditions, Instant expiration, AwsCredentials credentials)
      throws Exception {
    String date =
        DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(Instant.now());
    String amzDate = date + "T000000Z";
    String credential = credentials.accessKeyId() + "/" + date + "/us-east-1/s3/aws4_request";
    Map<String, String> form = new LinkedHashMap<>(fields);
    StringBuilder all = new StringBuilder(conditions.substring(0, conditions.length() - 1));
    String separator = conditions.equals("[]") ? "" : ",";
    all.append(separator)
        .append("{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},{\"x-amz-credential\":\"")
        .append(credential)
        .append("\"},{\"x-amz-date\":\"")
        .append(amzDate)
        .append("\"}");
    form.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
    form.put("x-amz-credential", credential);
    form.put("x-amz-date", amzDate);
    if (credentials instanceof AwsSessionCredentials session) {
      all.append(",{\"x-amz-security-token\":\"").append(session.sessionToken()).append("\"}");
      form.put("x-amz-security-token", session.sessionToken());
    }
    all.append("]");
    String policy = encode("{\"expiration\":\"" + expiration + "\",\"conditions\":" + all + "}");
    byte[] key =
        hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, "us-east-1");
    key = hmac(key, "s3");
    key = hmac(key, "aws4_request");
    form.put("policy", policy);
    form.put("x-amz-signature", HexFormat.of().formatHex(hmac(key, policy)));
    return form;
  }

  private static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String json) {
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A multipart/form-data POST of the fields, then the file (none when filename is null). */
  static HttpResponse<String> post(
      String bucket, Map<String, String> fields, String filename, String content) throws Exception {
    String boundary = "----FerryFormBoundary7MA4YWxkTrZu0gW";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (var field : fields.entrySet()) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + field.getKey()
                  + "\"\r\n\r\n"
                  + field.getValue()
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    if (filename != null) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                  + filename
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                  + content
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(ferry.endpoint() + "/" + bucket))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void assertError(
      HttpResponse<String> response, int status, String code, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).contains("<Code>" + code + "</Code>");
    if (message != null) {
      assertThat(response.body()).contains("<Message>" + escape(message));
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }

  private static void assertNotStored(String key) {
    assertThatThrownBy(() -> dev.headObject(h -> h.bucket(BUCKET).key(key)))
        .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class)
        .satisfies(e ->
            assertThat(((software.amazon.awssdk.services.s3.model.S3Exception) e).statusCode())
                .isEqualTo(404));
    assertThatThrownBy(() -> dev.getObject(g -> g.bucket(BUCKET).key(key)))
        .isInstanceOf(NoSuchKeyException.class);
  }
}
