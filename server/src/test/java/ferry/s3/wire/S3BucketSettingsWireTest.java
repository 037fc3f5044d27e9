package ferry.s3.wire;

import static ferry.s3.wire.S3ErrorAssert.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.testing.RunningFerry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAccelerateStatus;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.DeleteMarkerReplicationStatus;
import software.amazon.awssdk.services.s3.model.Payer;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.ReplicationRuleStatus;
import software.amazon.awssdk.services.s3.model.Tag;

/** Bucket tagging, CORS, replication, acceleration and request payment through the SDK. */
class S3BucketSettingsWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static S3Client dev;
  static S3Client prod;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    dev = ferry.s3("dev");
    prod = ferry.s3("prod");
  }

  @Test
  void bucketTagging_roundTrip_andRefusals() {
    dev.createBucket(b -> b.bucket("wire-tags"));
    assertS3Error(
        () -> dev.getBucketTagging(g -> g.bucket("wire-tags")),
        404,
        "NoSuchTagSet",
        "The TagSet does not exist");
    dev.putBucketTagging(p ->
        p.bucket("wire-tags")
            .tagging(t ->
                t.tagSet(
                    Tag.builder().key("team").value("deploy").build(),
                    Tag.builder().key("env").value("").build())));
    assertThat(dev.getBucketTagging(g -> g.bucket("wire-tags")).tagSet())
        .extracting(Tag::key, Tag::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("team", "deploy"),
            org.assertj.core.groups.Tuple.tuple("env", ""));
    List<Tag> many = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      many.add(Tag.builder().key("k" + i).value("v").build());
    }
    assertS3Error(
        () -> dev.putBucketTagging(p -> p.bucket("wire-tags").tagging(t -> t.tagSet(many))),
        400,
        "BadRequest",
        "Bucket tag count cannot be greater than 50");
    Tag twice = Tag.builder().key("dup").value("1").build();
    assertS3Error(
        () -> dev.putBucketTagging(p -> p.bucket("wire-tags").tagging(t -> t.tagSet(twice, twice))),
        400,
        "InvalidTag",
        "Cannot provide multiple Tags with the same key");
    assertS3Error(
        () -> prod.getBucketTagging(g -> g.bucket("wire-tags")), 403, "AccessDenied", null);
    assertThat(dev.getBucketTagging(g -> g.bucket("wire-tags")).tagSet()).hasSize(2);
    dev.deleteBucketTagging(d -> d.bucket("wire-tags"));
    assertS3Error(
        () -> dev.getBucketTagging(g -> g.bucket("wire-tags")), 404, "NoSuchTagSet", null);
  }

  @Test
  void createBucket_withTags_tagsTheNewBucket_andBadTagsCreateNothing() {
    List<Tag> many = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      many.add(Tag.builder().key("k" + i).value("v").build());
    }
    assertS3Error(
        () ->
            dev.createBucket(
                b -> b.bucket("wire-born-tagged").createBucketConfiguration(c -> c.tags(many))),
        400,
        "BadRequest",
        "Bucket tag count cannot be greater than 50");
    assertThat(dev.listBuckets().buckets()).noneMatch(b -> b.name().equals("wire-born-tagged"));
    dev.createBucket(b ->
        b.bucket("wire-born-tagged")
            .createBucketConfiguration(
                c -> c.tags(Tag.builder().key("team").value("deploy").build())));
    assertThat(dev.getBucketTagging(g -> g.bucket("wire-born-tagged")).tagSet())
        .containsExactly(Tag.builder().key("team").value("deploy").build());
  }

  @Test
  void cors_roundTrip_preflight_andHeadersOnRequestsWithAnOrigin() throws Exception {
    dev.createBucket(b -> b.bucket("wire-cors"));
    dev.putObject(p -> p.bucket("wire-cors").key("page.html"), RequestBody.fromString("hi"));
    assertS3Error(
        () -> dev.getBucketCors(g -> g.bucket("wire-cors")),
        404,
        "NoSuchCORSConfiguration",
        "The CORS configuration does not exist");
    HttpResponse<String> notEnabled =
        options("/wire-cors/page.html", "https://app.example.com", "GET", null);
    assertThat(notEnabled.statusCode()).isEqualTo(403);
    assertThat(notEnabled.body())
        .contains("<Code>AccessForbidden</Code>")
        .contains("CORSResponse: CORS is not enabled for this bucket.")
        .contains("<Method>GET</Method><ResourceType>BUCKET</ResourceType>");

    CORSRule rule =
        CORSRule.builder()
            .id("app")
            .allowedOrigins("https://app.example.com")
            .allowedMethods("GET", "PUT")
            .allowedHeaders("x-amz-*", "content-type")
            .exposeHeaders("ETag", "x-amz-request-id")
            .maxAgeSeconds(3000)
            .build();
    CORSRule anyone = CORSRule.builder().allowedOrigins("*").allowedMethods("GET").build();
    dev.putBucketCors(p -> p.bucket("wire-cors").corsConfiguration(c -> c.corsRules(rule, anyone)));
    assertThat(dev.getBucketCors(g -> g.bucket("wire-cors")).corsRules())
        .containsExactly(rule, anyone);

    HttpResponse<String> preflight =
        options(
            "/wire-cors/page.html", "https://app.example.com", "PUT", "Content-Type, X-Amz-Acl");
    assertThat(preflight.statusCode()).isEqualTo(200);
    var headers = preflight.headers();
    assertThat(headers.firstValue("Access-Control-Allow-Origin"))
        .contains("https://app.example.com");
    assertThat(headers.firstValue("Access-Control-Allow-Credentials")).contains("true");
    assertThat(headers.firstValue("Access-Control-Allow-Methods")).contains("GET, PUT");
    assertThat(headers.firstValue("Access-Control-Allow-Headers"))
        .contains("content-type, x-amz-acl");
    assertThat(headers.firstValue("Access-Control-Expose-Headers"))
        .contains("ETag, x-amz-request-id");
    assertThat(headers.firstValue("Access-Control-Max-Age")).contains("3000");
    assertThat(headers.firstValue("Vary"))
        .contains("Origin, Access-Control-Request-Headers, Access-Control-Request-Method");

    HttpResponse<String> wildcard = options("/wire-cors", "http://other.test", "GET", null);
    assertThat(wildcard.statusCode()).isEqualTo(200);
    assertThat(wildcard.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    assertThat(wildcard.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

    HttpResponse<String> refused =
        options("/wire-cors/page.html", "http://other.test", "DELETE", null);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body())
        .contains("CORSResponse: This CORS request is not allowed.")
        .contains("<Method>DELETE</Method><ResourceType>OBJECT</ResourceType>");
    HttpResponse<String> noOrigin = options("/wire-cors/page.html", null, "GET", null);
    assertThat(noOrigin.statusCode()).isEqualTo(400);
    assertThat(noOrigin.body())
        .contains("<Code>BadRequest</Code>")
        .contains("Insufficient information. Origin request header needed.");
    HttpResponse<String> noMethod =
        options("/wire-cors/page.html", "https://app.example.com", null, null);
    assertThat(noMethod.statusCode()).isEqualTo(400);
    assertThat(noMethod.body()).contains("Invalid Access-Control-Request-Method: null");

    // An anonymous GET from an allowed origin: the object is private, so 403, with the headers.
    HttpResponse<String> denied =
        http.send(
            HttpRequest.newBuilder(ferry.endpoint().resolve("/wire-cors/page.html"))
                .header("Origin", "https://app.example.com")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("https://app.example.com");
    HttpResponse<String> otherOrigin =
        http.send(
            HttpRequest.newBuilder(ferry.endpoint().resolve("/wire-cors/page.html"))
                .header("Origin", "http://other.test")
                .method("DELETE", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(otherOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

    assertS3Error(
        () ->
            dev.putBucketCors(p ->
                p.bucket("wire-cors")
                    .corsConfiguration(c ->
                        c.corsRules(
                            CORSRule.builder()
                                .allowedOrigins("*")
                                .allowedMethods("PATCH")
                                .build()))),
        400,
        "InvalidRequest",
        "Unsupported method is PATCH");
    assertThat(dev.getBucketCors(g -> g.bucket("wire-cors")).corsRules()).hasSize(2);
    dev.deleteBucketCors(d -> d.bucket("wire-cors"));
    assertS3Error(
        () -> dev.getBucketCors(g -> g.bucket("wire-cors")), 404, "NoSuchCORSConfiguration", null);
  }

  @Test
  void replication_roundTrip_afterVersioningIsOn() {
    dev.createBucket(b -> b.bucket("wire-repl-src"));
    dev.createBucket(b -> b.bucket("wire-repl-dst"));
    ReplicationRule rule =
        ReplicationRule.builder()
            .id("everything")
            .priority(1)
            .status(ReplicationRuleStatus.ENABLED)
            .filter(f -> f.prefix(""))
            .deleteMarkerReplication(d -> d.status(DeleteMarkerReplicationStatus.DISABLED))
            .destination(d -> d.bucket("arn:aws:s3:::wire-repl-dst"))
            .build();
    Runnable put =
        () ->
            dev.putBucketReplication(p ->
                p.bucket("wire-repl-src")
                    .replicationConfiguration(
                        c -> c.role("arn:aws:iam::111111111111:role/repl").rules(rule)));
    assertS3Error(
        put::run,
        400,
        "InvalidRequest",
        "Versioning must be 'Enabled' on the bucket to apply a replication configuration");
    for (String bucket : List.of("wire-repl-src", "wire-repl-dst")) {
      dev.putBucketVersioning(p ->
          p.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    }
    assertS3Error(
        () -> dev.getBucketReplication(g -> g.bucket("wire-repl-src")),
        404,
        "ReplicationConfigurationNotFoundError",
        "The replication configuration was not found");
    put.run();
    var got = dev.getBucketReplication(g -> g.bucket("wire-repl-src")).replicationConfiguration();
    assertThat(got.role()).isEqualTo("arn:aws:iam::111111111111:role/repl");
    assertThat(got.rules()).containsExactly(rule);
    dev.deleteBucketReplication(d -> d.bucket("wire-repl-src"));
    assertS3Error(
        () -> dev.getBucketReplication(g -> g.bucket("wire-repl-src")),
        404,
        "ReplicationConfigurationNotFoundError",
        null);
  }

  @Test
  void accelerateAndRequestPayment_roundTrip() {
    dev.createBucket(b -> b.bucket("wire-accel"));
    assertThat(dev.getBucketAccelerateConfiguration(g -> g.bucket("wire-accel")).status()).isNull();
    dev.putBucketAccelerateConfiguration(p ->
        p.bucket("wire-accel")
            .accelerateConfiguration(a -> a.status(BucketAccelerateStatus.ENABLED)));
    assertThat(dev.getBucketAccelerateConfiguration(g -> g.bucket("wire-accel")).status())
        .isEqualTo(BucketAccelerateStatus.ENABLED);
    dev.createBucket(b -> b.bucket("wire.accel.dotted"));
    assertS3Error(
        () ->
            dev.putBucketAccelerateConfiguration(p ->
                p.bucket("wire.accel.dotted")
                    .accelerateConfiguration(a -> a.status(BucketAccelerateStatus.ENABLED))),
        400,
        "InvalidRequest",
        "periods (.)");

    assertThat(dev.getBucketRequestPayment(g -> g.bucket("wire-accel")).payer())
        .isEqualTo(Payer.BUCKET_OWNER);
    dev.putBucketRequestPayment(
        p -> p.bucket("wire-accel").requestPaymentConfiguration(c -> c.payer(Payer.REQUESTER)));
    assertThat(dev.getBucketRequestPayment(g -> g.bucket("wire-accel")).payer())
        .isEqualTo(Payer.REQUESTER);
  }

  @Test
  void policyStatus_withoutAPolicy_isNoSuchBucketPolicy() {
    dev.createBucket(b -> b.bucket("wire-policy-status"));
    assertS3Error(
        () -> dev.getBucketPolicyStatus(g -> g.bucket("wire-policy-status")),
        404,
        "NoSuchBucketPolicy",
        "The bucket policy does not exist");
  }

  private static HttpResponse<String> options(
      String path, String origin, String method, String headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(ferry.endpoint().resolve(path))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
    if (origin != null) {
      request.header("Origin", origin);
    }
    if (method != null) {
      request.header("Access-Control-Request-Method", method);
    }
    if (headers != null) {
      request.header("Access-Control-Request-Headers", headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
