package ferry.s3;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.Caller;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configurations kept as bucket settings: tags, CORS, replication, acceleration, payer. */
class S3BucketSettingsTest {
  @TempDir Path dataDir;
  S3Fixture f;

  @BeforeEach
  void start() {
    f = new S3Fixture(dataDir);
    f.bucket(f.dev, "settings");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  // ---- tagging ----

  @Test
  void bucketTags_roundTrip_inOrder_andDeleteLeavesNoSuchTagSet() {
    assertAwsError(() -> f.s3.tagging().getBucketTagging(f.dev, "settings"), "NoSuchTagSet")
        .isEqualTo("The TagSet does not exist");
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("team", "deploy");
    tags.put("cost-centre", "42");
    f.s3.tagging().putBucketTagging(f.dev, "settings", tags);
    assertThat(f.s3.tagging().getBucketTagging(f.dev, "settings"))
        .containsExactly(Map.entry("team", "deploy"), Map.entry("cost-centre", "42"));
    f.s3.tagging().deleteBucketTagging(f.dev, "settings");
    assertAwsError(() -> f.s3.tagging().getBucketTagging(f.dev, "settings"), "NoSuchTagSet");
  }

  @Test
  void badTagSets_areRefusedWithAwsErrors_andNothingIsStored() {
    f.s3.tagging().putBucketTagging(f.dev, "settings", Map.of("kept", "yes"));
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i < 51; i++) {
      many.put("k" + i, "v");
    }
    assertAwsError(() -> f.s3.tagging().putBucketTagging(f.dev, "settings", many), "BadRequest")
        .isEqualTo("Bucket tag count cannot be greater than 50");
    assertAwsError(
            () -> f.s3.tagging().putBucketTagging(f.dev, "settings", Map.of("k".repeat(129), "v")),
            "InvalidTag")
        .isEqualTo("The TagKey you have provided is invalid");
    assertAwsError(
            () -> f.s3.tagging().putBucketTagging(f.dev, "settings", Map.of("k", "v".repeat(257))),
            "InvalidTag")
        .isEqualTo("The TagValue you have provided is invalid");
    assertAwsError(
            () -> f.s3.tagging().putBucketTagging(f.dev, "settings", Map.of("aws:x", "v")),
            "InvalidTag")
        .isEqualTo("System tags cannot be added/updated by requester");
    assertThat(f.s3.tagging().getBucketTagging(f.dev, "settings")).containsOnlyKeys("kept");
    many.remove("k50");
    f.s3.tagging().putBucketTagging(f.dev, "settings", many);
    assertThat(f.s3.tagging().getBucketTagging(f.dev, "settings")).hasSize(50);
  }

  @Test
  void bucketTagging_isAuthorizedAsTheCaller_deleteWithPutBucketTagging() {
    Caller reader =
        f.user(
            S3Fixture.DEV,
            "tagreader",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetBucketTagging\",\"Resource\":\"*\"}]}");
    f.s3.tagging().putBucketTagging(f.dev, "settings", Map.of("a", "b"));
    assertThat(f.s3.tagging().getBucketTagging(reader, "settings")).containsOnlyKeys("a");
    assertAwsError(
        () -> f.s3.tagging().putBucketTagging(reader, "settings", Map.of()), "AccessDenied");
    assertAwsError(() -> f.s3.tagging().deleteBucketTagging(reader, "settings"), "AccessDenied");
    assertAwsError(() -> f.s3.tagging().getBucketTagging(f.prod, "settings"), "AccessDenied");
    assertAwsError(() -> f.s3.tagging().getBucketTagging(f.dev, "nope"), "NoSuchBucket");
  }

  // ---- CORS ----

  static CorsRule rule(List<String> origins, List<String> methods) {
    return new CorsRule(null, List.of(), methods, origins, List.of(), null);
  }

  @Test
  void cors_roundTrip_andDeleteLeavesNoSuchCorsConfiguration() {
    assertAwsError(() -> f.s3.cors().getBucketCors(f.dev, "settings"), "NoSuchCORSConfiguration")
        .isEqualTo("The CORS configuration does not exist");
    var configuration =
        new CorsConfiguration(
            List.of(
                new CorsRule(
                    "web",
                    List.of("x-amz-*"),
                    List.of("GET", "PUT"),
                    List.of("https://app.example.com"),
                    List.of("ETag"),
                    3000)));
    f.s3.cors().putBucketCors(f.dev, "settings", configuration);
    assertThat(f.s3.cors().getBucketCors(f.dev, "settings")).isEqualTo(configuration);
    f.s3.cors().deleteBucketCors(f.dev, "settings");
    assertAwsError(() -> f.s3.cors().getBucketCors(f.dev, "settings"), "NoSuchCORSConfiguration");
  }

  @Test
  void badCorsRules_areRefusedWithAwsErrors_andNothingIsStored() {
    assertAwsError(
            () ->
                f.s3
                    .cors()
                    .putBucketCors(
                        f.dev,
                        "settings",
                        new CorsConfiguration(List.of(rule(List.of("*"), List.of("PATCH"))))),
            "InvalidRequest")
        .isEqualTo("Found unsupported HTTP method in CORS config. Unsupported method is PATCH");
    assertAwsError(
            () ->
                f.s3
                    .cors()
                    .putBucketCors(
                        f.dev,
                        "settings",
                        new CorsConfiguration(
                            List.of(rule(List.of("http://*.*.example.com"), List.of("GET"))))),
            "InvalidRequest")
        .isEqualTo("AllowedOrigin \"http://*.*.example.com\" can not have more than one wildcard.");
    assertAwsError(
        () ->
            f.s3
                .cors()
                .putBucketCors(
                    f.dev,
                    "settings",
                    new CorsConfiguration(List.of(rule(List.of(), List.of("GET"))))),
        "MalformedXML");
    assertAwsError(
        () -> f.s3.cors().putBucketCors(f.dev, "settings", new CorsConfiguration(List.of())),
        "MalformedXML");
    List<CorsRule> tooMany = java.util.Collections.nCopies(101, rule(List.of("*"), List.of("GET")));
    assertAwsError(
        () -> f.s3.cors().putBucketCors(f.dev, "settings", new CorsConfiguration(tooMany)),
        "MalformedXML");
    assertAwsError(
        () ->
            f.s3
                .cors()
                .putBucketCors(
                    f.dev,
                    "settings",
                    new CorsConfiguration(
                        List.of(
                            new CorsRule(
                                null,
                                List.of(),
                                List.of("GET"),
                                List.of("*"),
                                List.of("*"),
                                null)))),
        "InvalidRequest");
    assertAwsError(() -> f.s3.cors().getBucketCors(f.dev, "settings"), "NoSuchCORSConfiguration");
    assertAwsError(
        () ->
            f.s3
                .cors()
                .putBucketCors(
                    f.prod,
                    "settings",
                    new CorsConfiguration(List.of(rule(List.of("*"), List.of("GET"))))),
        "AccessDenied");
  }

  @Test
  void preflight_isAnsweredByTheFirstRuleAllowingOriginMethodAndHeaders() {
    assertAwsError(
            () -> f.s3.cors().preflight("settings", true, "https://a.test", "GET", List.of()),
            "AccessForbidden")
        .isEqualTo("CORSResponse: CORS is not enabled for this bucket.");
    assertAwsError(
            () -> f.s3.cors().preflight("nope", true, "https://a.test", "GET", List.of()),
            "AccessForbidden")
        .isEqualTo("CORSResponse: Bucket not found");
    CorsRule specific =
        new CorsRule(
            "one",
            List.of("x-amz-*", "Content-Type"),
            List.of("PUT"),
            List.of("https://*.example.com"),
            List.of(),
            null);
    CorsRule any = rule(List.of("*"), List.of("GET"));
    f.s3.cors().putBucketCors(f.dev, "settings", new CorsConfiguration(List.of(specific, any)));
    assertThat(
            f.s3
                .cors()
                .preflight(
                    "settings",
                    true,
                    "https://app.example.com",
                    "PUT",
                    List.of("content-type", "x-amz-meta-colour")))
        .isEqualTo(specific);
    assertThat(f.s3.cors().preflight("settings", false, "https://b.test", "GET", List.of()))
        .isEqualTo(any);
    assertAwsError(
            () ->
                f.s3
                    .cors()
                    .preflight("settings", true, "https://app.example.com", "PUT", List.of("x-y")),
            "AccessForbidden")
        .startsWith("CORSResponse: This CORS request is not allowed.");
    assertAwsError(
        () -> f.s3.cors().preflight("settings", true, "https://b.test", "DELETE", List.of()),
        "AccessForbidden");
    assertThat(f.s3.cors().forRequest("settings", "https://app.example.com", "PUT"))
        .contains(specific);
    assertThat(f.s3.cors().forRequest("settings", "https://app.example.com", "DELETE")).isEmpty();
  }

  // ---- replication ----

  static ReplicationConfiguration replication(String destination) {
    return new ReplicationConfiguration(
        "arn:aws:iam::111111111111:role/replication",
        List.of(
            new ReplicationConfiguration.Rule(
                "all", 1, true, false, "Disabled", "arn:aws:s3:::" + destination)),
        "<ReplicationConfiguration/>");
  }

  @Test
  void replication_needsVersioningAndAVersionedDestination_thenRoundTrips() {
    assertAwsError(
            () -> f.s3.replication().getBucketReplication(f.dev, "settings"),
            "ReplicationConfigurationNotFoundError")
        .isEqualTo("The replication configuration was not found");
    assertAwsError(
            () -> f.s3.replication().putBucketReplication(f.dev, "settings", replication("copy")),
            "InvalidRequest")
        .isEqualTo(
            "Versioning must be 'Enabled' on the bucket to apply a replication configuration");
    f.s3.configuration().putBucketVersioning(f.dev, "settings", Versioning.ENABLED);
    assertAwsError(
            () -> f.s3.replication().putBucketReplication(f.dev, "settings", replication("copy")),
            "InvalidRequest")
        .isEqualTo("Destination bucket must exist.");
    f.bucket(f.dev, "copy");
    assertAwsError(
            () -> f.s3.replication().putBucketReplication(f.dev, "settings", replication("copy")),
            "InvalidRequest")
        .isEqualTo("Destination bucket must have versioning enabled.");
    f.s3.configuration().putBucketVersioning(f.dev, "copy", Versioning.ENABLED);
    assertAwsError(
        () -> f.s3.replication().putBucketReplication(f.dev, "settings", replication("copy/x")),
        "InvalidArgument");
    var noDeleteMarkers =
        new ReplicationConfiguration(
            "arn:aws:iam::111111111111:role/replication",
            List.of(
                new ReplicationConfiguration.Rule("r", 1, true, false, null, "arn:aws:s3:::copy")),
            "<ReplicationConfiguration/>");
    assertAwsError(
            () -> f.s3.replication().putBucketReplication(f.dev, "settings", noDeleteMarkers),
            "InvalidRequest")
        .startsWith("DeleteMarkerReplication must be specified");
    assertAwsError(
        () -> f.s3.replication().getBucketReplication(f.dev, "settings"),
        "ReplicationConfigurationNotFoundError");

    f.s3.replication().putBucketReplication(f.dev, "settings", replication("copy"));
    assertThat(f.s3.replication().getBucketReplication(f.dev, "settings"))
        .isEqualTo(replication("copy"));
    assertAwsError(
        () -> f.s3.replication().getBucketReplication(f.prod, "settings"), "AccessDenied");
    f.s3.replication().deleteBucketReplication(f.dev, "settings");
    assertAwsError(
        () -> f.s3.replication().getBucketReplication(f.dev, "settings"),
        "ReplicationConfigurationNotFoundError");
  }

  // ---- acceleration and request payment ----

  @Test
  void acceleration_isEmptyUntilSet_andRefusedOnDottedNames() {
    assertThat(f.s3.acceleration().getBucketAccelerateConfiguration(f.dev, "settings")).isNull();
    f.s3.acceleration().putBucketAccelerateConfiguration(f.dev, "settings", "Enabled");
    assertThat(f.s3.acceleration().getBucketAccelerateConfiguration(f.dev, "settings"))
        .isEqualTo("Enabled");
    f.s3.acceleration().putBucketAccelerateConfiguration(f.dev, "settings", "Suspended");
    assertThat(f.s3.acceleration().getBucketAccelerateConfiguration(f.dev, "settings"))
        .isEqualTo("Suspended");
    assertAwsError(
        () -> f.s3.acceleration().putBucketAccelerateConfiguration(f.dev, "settings", "On"),
        "MalformedXML");
    f.bucket(f.dev, "dotted.name");
    assertAwsError(
            () ->
                f.s3
                    .acceleration()
                    .putBucketAccelerateConfiguration(f.dev, "dotted.name", "Enabled"),
            "InvalidRequest")
        .contains("periods (.)");
    assertAwsError(
        () -> f.s3.acceleration().getBucketAccelerateConfiguration(f.prod, "settings"),
        "AccessDenied");
  }

  @Test
  void requestPayment_defaultsToBucketOwner() {
    assertThat(f.s3.requestPayment().getBucketRequestPayment(f.dev, "settings"))
        .isEqualTo("BucketOwner");
    f.s3.requestPayment().putBucketRequestPayment(f.dev, "settings", "Requester");
    assertThat(f.s3.requestPayment().getBucketRequestPayment(f.dev, "settings"))
        .isEqualTo("Requester");
    assertAwsError(
        () -> f.s3.requestPayment().putBucketRequestPayment(f.dev, "settings", "Nobody"),
        "MalformedXML");
    assertThat(f.s3.requestPayment().getBucketRequestPayment(f.dev, "settings"))
        .isEqualTo("Requester");
    assertAwsError(
        () -> f.s3.requestPayment().putBucketRequestPayment(f.prod, "settings", "BucketOwner"),
        "AccessDenied");
  }

  @Test
  void policyStatus_withoutAPolicy_isNoSuchBucketPolicy_asInAws() {
    assertAwsError(
            () -> f.s3.configuration().getBucketPolicyStatus(f.dev, "settings"),
            "NoSuchBucketPolicy")
        .isEqualTo("The bucket policy does not exist");
  }

  @Test
  void deletingTheBucket_removesItsSettings() {
    f.s3.tagging().putBucketTagging(f.dev, "settings", Map.of("a", "b"));
    f.s3
        .cors()
        .putBucketCors(
            f.dev, "settings", new CorsConfiguration(List.of(rule(List.of("*"), List.of("GET")))));
    f.s3.buckets().deleteBucket(f.dev, "settings");
    f.bucket(f.dev, "settings");
    assertAwsError(() -> f.s3.tagging().getBucketTagging(f.dev, "settings"), "NoSuchTagSet");
    assertAwsError(() -> f.s3.cors().getBucketCors(f.dev, "settings"), "NoSuchCORSConfiguration");
  }
}
