package ferry.s3;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.authz.DecisionLog;
import ferry.s3.store.KeyStart;
import ferry.s3.store.ObjectRepository;
import ferry.testing.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logging configuration, and log objects written as logging.s3.amazonaws.com when allowed. */
class AccessLogDeliveryTest {
  static final Instant NOW = Instant.parse("2026-04-01T08:09:10Z");

  @TempDir Path dir;
  S3Fixture f;
  ObjectRepository objects;

  @BeforeEach
  void setUp() {
    f = new S3Fixture(dir, new MutableClock(NOW));
    objects = new ObjectRepository(f.db);
    f.bucket(f.dev, "site");
    f.bucket(f.dev, "site-logs");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  static String grant(String account, String sourceBucket) {
    return """
    {"Version":"2012-10-17","Statement":[{"Sid":"S3ServerAccessLogsPolicy",
    "Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},
    "Action":"s3:PutObject","Resource":"arn:aws:s3:::site-logs/*",
    "Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:s3:::%s"},
    "StringEquals":{"aws:SourceAccount":"%s"}}}]}\
    """
        .formatted(sourceBucket, account);
  }

  @Test
  void records_areDelivered_asOneLogObject_whenTheTargetPolicyGrantsTheLoggingService() {
    f.s3.configuration().putBucketPolicy(f.dev, "site-logs", grant("111111111111", "site"));
    enable("logs/");
    f.s3.accessLogs().record(record("site", "index.html", 200, null));
    f.s3.accessLogs().record(record("site", "missing.html", 404, "NoSuchKey"));
    f.s3.accessLogs().record(record("site-logs", "not-logged", 200, null));

    assertThat(f.s3.accessLogs().flush()).isEqualTo(new AccessLogDelivery.Delivery(1, 0));
    List<ObjectVersion> logs = objects.listLatest("site-logs", "logs/", KeyStart.at(""), 10);
    assertThat(logs).hasSize(1);
    assertThat(logs.getFirst().key()).matches("logs/2026-04-01-08-09-10-[0-9A-F]{16}");
    String text = f.read(f.dev, "site-logs", logs.getFirst().key());
    assertThat(text.lines().toList()).hasSize(2);
    assertThat(text)
        .startsWith(CanonicalUser.idOf(S3Fixture.DEV) + " site [01/Apr/2026:08:09:10 +0000]")
        .contains(" REST.GET.OBJECT index.html \"GET /site/index.html HTTP/1.1\" 200 - 12 12 ")
        .contains(" 404 NoSuchKey ");
    assertThat(logs.getFirst().owner())
        .as("the bucket owner owns log objects")
        .isEqualTo(S3Fixture.DEV);
    assertThat(f.s3.accessLogs().flush()).isEqualTo(new AccessLogDelivery.Delivery(0, 0));
  }

  @Test
  void nothingIsDelivered_withoutTheGrant_andTheDenialIsInTheDecisionLog() {
    enable("logs/");
    f.s3.accessLogs().record(record("site", "index.html", 200, null));

    assertThat(f.s3.accessLogs().flush()).isEqualTo(new AccessLogDelivery.Delivery(0, 1));
    assertThat(objects.listLatest("site-logs", "", KeyStart.at(""), 10)).isEmpty();
    DecisionLog.Entry denied = f.decisions.last(1).getFirst();
    assertThat(denied.principal()).isEqualTo("logging.s3.amazonaws.com");
    assertThat(denied.action()).isEqualTo("s3:PutObject");
    assertThat(denied.allowed()).isFalse();
  }

  @Test
  void aGrantForAnotherSourceAccount_doesNotLetTheLogsIn() {
    f.s3.configuration().putBucketPolicy(f.dev, "site-logs", grant("999999999999", "site"));
    enable("logs/");
    f.s3.accessLogs().record(record("site", "index.html", 200, null));
    assertThat(f.s3.accessLogs().flush()).isEqualTo(new AccessLogDelivery.Delivery(0, 1));
  }

  @Test
  void aTargetEncryptedByDefaultWithAwsS3_isRefusedByKms_andNothingIsStored() {
    // As AWS: server access logs cannot go to a bucket whose default encryption is SSE-KMS.
    f.s3.configuration().putBucketPolicy(f.dev, "site-logs", grant("111111111111", "site"));
    f.s3
        .configuration()
        .putBucketEncryption(
            f.dev,
            "site-logs",
            new ServerSideEncryption(ServerSideEncryption.AWS_KMS, null, false));
    enable("logs/");
    f.s3.accessLogs().record(record("site", "index.html", 200, null));

    assertThat(f.s3.accessLogs().flush()).isEqualTo(new AccessLogDelivery.Delivery(0, 1));
    assertThat(objects.listLatest("site-logs", "", KeyStart.at(""), 10)).isEmpty();
    DecisionLog.Entry denied = f.decisions.last(1).getFirst();
    assertThat(denied.principal()).isEqualTo("logging.s3.amazonaws.com");
    assertThat(denied.action()).isEqualTo("kms:GenerateDataKey");
    assertThat(denied.allowed()).isFalse();
  }

  @Test
  void partitionedKeys_nameTheSourceAccountRegionBucketAndDay() {
    Bucket site = f.s3.buckets().headBucket(f.dev, "site");
    String key =
        AccessLogDelivery.objectKey(
            site,
            new LoggingConfiguration(
                "site-logs", "p/", LoggingConfiguration.KeyFormat.PARTITIONED_PREFIX, "EventTime"),
            NOW,
            Instant.parse("2026-03-31T23:59:00Z"));
    assertThat(key)
        .matches("p/111111111111/us-east-1/site/2026/03/31/2026-04-01-08-09-10-[0-9A-F]{16}");
  }

  @Test
  void configuration_roundTrips_andIsTurnedOffByAnEmptyStatus() {
    assertThat(f.s3.logging().getBucketLogging(f.dev, "site")).isNull();
    enable("logs/");
    assertThat(f.s3.logging().getBucketLogging(f.dev, "site"))
        .isEqualTo(new LoggingConfiguration("site-logs", "logs/", null, null));
    assertThat(f.s3.accessLogs().logs("site")).isTrue();
    f.s3.logging().putBucketLogging(f.dev, "site", null);
    assertThat(f.s3.logging().getBucketLogging(f.dev, "site")).isNull();
    assertThat(f.s3.accessLogs().logs("site")).isFalse();
  }

  @Test
  void aTargetThatIsMissingOrAnotherAccounts_isRefused_andNothingIsStored() {
    assertAwsError(
            () ->
                f.s3
                    .logging()
                    .putBucketLogging(
                        f.dev, "site", new LoggingConfiguration("nowhere", "", null, null)),
            "InvalidTargetBucketForLogging")
        .contains("The target bucket for logging does not exist");
    f.bucket(f.prod, "prod-logs");
    assertAwsError(
            () ->
                f.s3
                    .logging()
                    .putBucketLogging(
                        f.dev, "site", new LoggingConfiguration("prod-logs", "", null, null)),
            "InvalidTargetBucketForLogging")
        .contains("must be the same");
    assertThat(f.s3.logging().getBucketLogging(f.dev, "site")).isNull();
    assertAwsError(() -> f.s3.logging().putBucketLogging(f.prod, "site", null), "AccessDenied");
  }

  private void enable(String prefix) {
    f.s3
        .logging()
        .putBucketLogging(f.dev, "site", new LoggingConfiguration("site-logs", prefix, null, null));
  }

  private static AccessLogRecord record(String bucket, String key, int status, String error) {
    return new AccessLogRecord(
        bucket,
        NOW,
        "192.0.2.3",
        "arn:aws:iam::111111111111:root",
        "3E57427F3EXAMPLE",
        "REST.GET.OBJECT",
        key,
        "GET /" + bucket + "/" + key + " HTTP/1.1",
        status,
        error,
        12,
        12,
        7,
        6,
        null,
        "aws-cli/2.9.19",
        null,
        "host-id",
        "SigV4",
        "AuthHeader",
        "localhost",
        false);
  }
}
