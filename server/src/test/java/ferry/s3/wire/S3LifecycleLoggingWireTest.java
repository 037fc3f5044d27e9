package ferry.s3.wire;

import static ferry.s3.wire.S3ErrorAssert.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.app.TestClock;
import ferry.testing.RunningFerry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.TransitionDefaultMinimumObjectSize;

/** Lifecycle and access logging through the AWS SDK for Java v2, on a Ferry with a test clock. */
class S3LifecycleLoggingWireTest {
  @TempDir static Path dir;
  static RunningFerry ferry;
  static S3Client dev;

  @BeforeAll
  static void start() throws Exception {
    ferry = RunningFerry.start(dir, new TestClock(Clock.systemUTC()));
    dev = ferry.s3("dev");
  }

  @AfterAll
  static void stop() throws IOException {
    ferry.close();
  }

  static LifecycleRule expireAfter(String id, String prefix, int days) {
    return LifecycleRule.builder()
        .id(id)
        .status(ExpirationStatus.ENABLED)
        .filter(LifecycleRuleFilter.builder().prefix(prefix).build())
        .expiration(e -> e.days(days))
        .build();
  }

  @Test
  void lifecycle_roundTrips_andDeleteLeavesNoSuchLifecycleConfiguration() {
    dev.createBucket(b -> b.bucket("lc-roundtrip"));
    assertS3Error(
        () -> dev.getBucketLifecycleConfiguration(g -> g.bucket("lc-roundtrip")),
        404,
        "NoSuchLifecycleConfiguration",
        "The lifecycle configuration does not exist");
    var put =
        dev.putBucketLifecycleConfiguration(p ->
            p.bucket("lc-roundtrip")
                .lifecycleConfiguration(
                    BucketLifecycleConfiguration.builder()
                        .rules(
                            expireAfter("tmp", "tmp/", 7),
                            LifecycleRule.builder()
                                .id("uploads")
                                .status(ExpirationStatus.DISABLED)
                                .filter(LifecycleRuleFilter.builder().build())
                                .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(2))
                                .noncurrentVersionExpiration(
                                    n -> n.noncurrentDays(30).newerNoncurrentVersions(3))
                                .build())
                        .build()));
    assertThat(put.transitionDefaultMinimumObjectSize())
        .isEqualTo(TransitionDefaultMinimumObjectSize.ALL_STORAGE_CLASSES_128_K);

    GetBucketLifecycleConfigurationResponse got =
        dev.getBucketLifecycleConfiguration(g -> g.bucket("lc-roundtrip"));
    assertThat(got.rules()).hasSize(2);
    assertThat(got.rules().get(0).id()).isEqualTo("tmp");
    assertThat(got.rules().get(0).filter().prefix()).isEqualTo("tmp/");
    assertThat(got.rules().get(0).expiration().days()).isEqualTo(7);
    assertThat(got.rules().get(1).status()).isEqualTo(ExpirationStatus.DISABLED);
    assertThat(got.rules().get(1).abortIncompleteMultipartUpload().daysAfterInitiation())
        .isEqualTo(2);
    assertThat(got.rules().get(1).noncurrentVersionExpiration().newerNoncurrentVersions())
        .isEqualTo(3);
    assertThat(got.transitionDefaultMinimumObjectSize())
        .isEqualTo(TransitionDefaultMinimumObjectSize.ALL_STORAGE_CLASSES_128_K);

    dev.deleteBucketLifecycle(d -> d.bucket("lc-roundtrip"));
    assertS3Error(
        () -> dev.getBucketLifecycleConfiguration(g -> g.bucket("lc-roundtrip")),
        404,
        "NoSuchLifecycleConfiguration",
        null);
  }

  @Test
  void badRules_areRefused_withNothingStored() {
    dev.createBucket(b -> b.bucket("lc-bad"));
    assertS3Error(
        () ->
            dev.putBucketLifecycleConfiguration(p ->
                p.bucket("lc-bad")
                    .lifecycleConfiguration(l -> l.rules(expireAfter("zero", "", 0)))),
        400,
        "InvalidArgument",
        "'Days' for Expiration action must be a positive integer");
    assertS3Error(
        () ->
            dev.putBucketLifecycleConfiguration(p ->
                p.bucket("lc-bad")
                    .lifecycleConfiguration(
                        l -> l.rules(expireAfter("same", "a", 1), expireAfter("same", "b", 1)))),
        400,
        "InvalidArgument",
        "Rule ID must be unique");
    assertS3Error(
        () -> dev.getBucketLifecycleConfiguration(g -> g.bucket("lc-bad")),
        404,
        "NoSuchLifecycleConfiguration",
        null);
    dev.putBucketLifecycleConfiguration(
        p -> p.bucket("lc-bad").lifecycleConfiguration(l -> l.rules(expireAfter("ok", "", 1))));
    assertThat(dev.getBucketLifecycleConfiguration(g -> g.bucket("lc-bad")).rules()).hasSize(1);
  }

  @Test
  void expiration_isApplied_onceTheTestClockPassesTheRulesDay() throws Exception {
    dev.createBucket(b -> b.bucket("lc-applied"));
    dev.putObject(p -> p.bucket("lc-applied").key("tmp/old"), RequestBody.fromString("old"));
    dev.putObject(p -> p.bucket("lc-applied").key("keep/me"), RequestBody.fromString("kept"));
    dev.putBucketLifecycleConfiguration(p ->
        p.bucket("lc-applied").lifecycleConfiguration(l -> l.rules(expireAfter("tmp", "tmp/", 1))));
    assertThat(keys("lc-applied")).containsExactly("keep/me", "tmp/old");

    String answer = clock("PT0S");
    assertThat(answer).contains("currentExpired=0");
    assertThat(keys("lc-applied")).containsExactly("keep/me", "tmp/old");

    assertThat(clock("P2D")).contains("currentExpired=1");
    assertThat(keys("lc-applied")).containsExactly("keep/me");
  }

  @Test
  void logging_roundTrips_andATargetThatDoesNotExistIsRefused() {
    dev.createBucket(b -> b.bucket("log-config"));
    dev.createBucket(b -> b.bucket("log-config-target"));
    assertThat(dev.getBucketLogging(g -> g.bucket("log-config")).loggingEnabled()).isNull();
    assertS3Error(
        () ->
            dev.putBucketLogging(p ->
                p.bucket("log-config")
                    .bucketLoggingStatus(s ->
                        s.loggingEnabled(
                            e -> e.targetBucket("no-such-target").targetPrefix("x/")))),
        400,
        "InvalidTargetBucketForLogging",
        "The target bucket for logging does not exist");
    assertThat(dev.getBucketLogging(g -> g.bucket("log-config")).loggingEnabled()).isNull();

    dev.putBucketLogging(p ->
        p.bucket("log-config")
            .bucketLoggingStatus(s ->
                s.loggingEnabled(e ->
                    e.targetBucket("log-config-target")
                        .targetPrefix("logs/")
                        .targetObjectKeyFormat(
                            f -> f.partitionedPrefix(pp -> pp.partitionDateSource("EventTime"))))));
    var enabled = dev.getBucketLogging(g -> g.bucket("log-config")).loggingEnabled();
    assertThat(enabled.targetBucket()).isEqualTo("log-config-target");
    assertThat(enabled.targetPrefix()).isEqualTo("logs/");
    assertThat(enabled.targetObjectKeyFormat().partitionedPrefix().partitionDateSourceAsString())
        .isEqualTo("EventTime");

    dev.putBucketLogging(p -> p.bucket("log-config").bucketLoggingStatus(s -> s.build()));
    assertThat(dev.getBucketLogging(g -> g.bucket("log-config")).loggingEnabled()).isNull();
  }

  @Test
  void accessLogs_areDelivered_forAGet_whenTheTargetPolicyGrantsTheLoggingService()
      throws Exception {
    dev.createBucket(b -> b.bucket("logged-site"));
    dev.createBucket(b -> b.bucket("logged-site-logs"));
    dev.putBucketPolicy(p ->
        p.bucket("logged-site-logs")
            .policy(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                "Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject",
                "Resource":"arn:aws:s3:::logged-site-logs/*",
                "Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::logged-site"},
                "StringEquals":{"aws:SourceAccount":"111111111111"}}}]}\
                """));
    dev.putBucketLogging(p ->
        p.bucket("logged-site")
            .bucketLoggingStatus(s ->
                s.loggingEnabled(e -> e.targetBucket("logged-site-logs").targetPrefix("access/"))));
    dev.putObject(p -> p.bucket("logged-site").key("index.html"), RequestBody.fromString("hi"));
    dev.getObjectAsBytes(g -> g.bucket("logged-site").key("index.html"));

    clock("PT0S");
    // The periodic delivery may have written some records already: read every log object.
    List<S3Object> logs =
        dev.listObjectsV2(l -> l.bucket("logged-site-logs").prefix("access/")).contents();
    assertThat(logs).isNotEmpty();
    String text =
        logs.stream()
            .map(log ->
                dev.getObjectAsBytes(g -> g.bucket("logged-site-logs").key(log.key()))
                    .asUtf8String())
            .collect(java.util.stream.Collectors.joining());
    assertThat(text)
        .contains(" logged-site [")
        .contains(" REST.PUT.OBJECT index.html \"PUT /logged-site/index.html")
        .contains(" REST.GET.OBJECT index.html \"GET /logged-site/index.html")
        .contains(" 200 - 2 2 ")
        .contains("arn:aws:iam::111111111111:root");
  }

  /** Moves the test clock forward and runs what waits on it; the endpoint's answer. */
  static String clock(String advance) throws Exception {
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

  static List<String> keys(String bucket) {
    return dev.listObjectsV2(l -> l.bucket(bucket)).contents().stream().map(S3Object::key).toList();
  }
}
