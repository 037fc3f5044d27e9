package ferry.s3;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.Caller;
import ferry.aws.Region;
import ferry.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Object Lock: bucket configuration, retention and legal hold, and the deletions they block. */
class ObjectLockTest {
  private static final String PROTECTED = "Access Denied because object protected by object lock.";

  @TempDir Path dataDir;
  final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  S3Fixture f;

  @BeforeEach
  void start() {
    f = new S3Fixture(dataDir, clock);
    f.s3
        .buckets()
        .createBucket(
            f.dev,
            new CreateBucketRequest(
                "locked", Region.US_EAST_1, null, AccessControlList.NONE, true));
    f.bucket(f.dev, "plain");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void bucketCreatedWithObjectLock_isVersioned_andItsVersioningCannotBeSuspended() {
    assertThat(f.s3.configuration().getBucketVersioning(f.dev, "locked"))
        .isEqualTo(Versioning.ENABLED);
    assertThat(f.s3.objectLock().getObjectLockConfiguration(f.dev, "locked"))
        .isEqualTo(ObjectLockConfiguration.ENABLED);
    assertAwsError(
            () -> f.s3.configuration().putBucketVersioning(f.dev, "locked", Versioning.SUSPENDED),
            "InvalidBucketState")
        .contains("Object Lock configuration is present");
    assertThat(f.s3.configuration().getBucketVersioning(f.dev, "locked"))
        .isEqualTo(Versioning.ENABLED);
  }

  @Test
  void bucketWithoutObjectLock_answersAsAws_andChangesNothing() {
    f.put(f.dev, "plain", "k", "bytes");
    assertAwsError(
            () -> f.s3.objectLock().getObjectLockConfiguration(f.dev, "plain"),
            "ObjectLockConfigurationNotFoundError")
        .isEqualTo("Object Lock configuration does not exist for this bucket");
    assertAwsError(
            () -> f.s3.objectLock().getObjectRetention(f.dev, "plain", "k", null), "InvalidRequest")
        .isEqualTo("Bucket is missing Object Lock Configuration");
    assertAwsError(
            () -> f.s3.objectLock().putObjectLegalHold(f.dev, "plain", "k", null, LegalHold.ON),
            "InvalidRequest")
        .isEqualTo("Bucket is missing Object Lock Configuration");
    assertAwsError(
        () -> f.s3.objectLock().getObjectRetention(f.dev, "plain", "absent", null), "NoSuchKey");
    assertAwsError(
        () -> f.s3.objectLock().getObjectLegalHold(f.prod, "plain", "k", null), "AccessDenied");
    assertAwsError(
            () -> put("plain", "new", new ObjectLockRequest(null, LegalHold.ON)), "InvalidRequest")
        .isEqualTo("Bucket is missing Object Lock Configuration");
    assertAwsError(
            () ->
                f.s3
                    .objectLock()
                    .putObjectLockConfiguration(f.dev, "plain", ObjectLockConfiguration.ENABLED),
            "InvalidBucketState")
        .isEqualTo(
            "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration");
    assertAwsError(
        () -> f.s3.objectLock().getObjectLockConfiguration(f.dev, "plain"),
        "ObjectLockConfigurationNotFoundError");
    assertThat(f.read(f.dev, "plain", "k")).isEqualTo("bytes");
    assertAwsError(() -> f.read(f.dev, "plain", "new"), "NoSuchKey");
    // Deleting on a bucket without Object Lock ignores the bypass request, as in AWS.
    f.s3.objects().deleteObject(f.dev, "plain", "k", null, null, true);
    assertAwsError(() -> f.read(f.dev, "plain", "k"), "NoSuchKey");
  }

  @Test
  void objectLock_canBeEnabledOnAVersionedBucket_withADefaultRetention_appliedToNewVersions() {
    f.s3.configuration().putBucketVersioning(f.dev, "plain", Versioning.ENABLED);
    String before = f.put(f.dev, "plain", "k", "older").versionId();
    var configuration = new ObjectLockConfiguration(RetentionMode.GOVERNANCE, 3, null);
    f.s3.objectLock().putObjectLockConfiguration(f.dev, "plain", configuration);
    assertThat(f.s3.objectLock().getObjectLockConfiguration(f.dev, "plain"))
        .isEqualTo(configuration);
    String after = f.put(f.dev, "plain", "k", "newer").versionId();
    assertThat(f.s3.objectLock().getObjectRetention(f.dev, "plain", "k", after))
        .isEqualTo(
            new Retention(RetentionMode.GOVERNANCE, clock.instant().plus(3, ChronoUnit.DAYS)));
    assertAwsError(
            () -> f.s3.objectLock().getObjectRetention(f.dev, "plain", "k", before),
            "NoSuchObjectLockConfiguration")
        .isEqualTo("The specified object does not have a ObjectLock configuration");
    f.s3.objects().deleteObject(f.dev, "plain", "k", before);
    assertAwsError(() -> f.s3.objects().deleteObject(f.dev, "plain", "k", after), "AccessDenied")
        .isEqualTo(PROTECTED);
    var years = new ObjectLockConfiguration(RetentionMode.COMPLIANCE, null, 1);
    f.s3.objectLock().putObjectLockConfiguration(f.dev, "plain", years);
    String third = f.put(f.dev, "plain", "k", "third").versionId();
    assertThat(f.s3.objectLock().getObjectRetention(f.dev, "plain", "k", third).retainUntil())
        .isEqualTo(Instant.parse("2031-01-01T00:00:00Z"));
  }

  @Test
  void governanceRetention_blocksDeletingTheVersion_untilItEnds_butNotADeleteMarker() {
    Instant until = clock.instant().plus(Duration.ofDays(2));
    String versionId =
        put(
                "locked",
                "doc",
                new ObjectLockRequest(new Retention(RetentionMode.GOVERNANCE, until), null))
            .versionId();
    assertThat(f.s3.objectLock().getObjectRetention(f.dev, "locked", "doc", null))
        .isEqualTo(new Retention(RetentionMode.GOVERNANCE, until));
    assertAwsError(
            () -> f.s3.objects().deleteObject(f.dev, "locked", "doc", versionId), "AccessDenied")
        .isEqualTo(PROTECTED);
    var batch =
        f.s3
            .objects()
            .deleteObjects(
                f.dev, "locked", List.of(new DeleteObjectsResult.Target("doc", versionId, null)));
    assertThat(batch.errors())
        .singleElement()
        .satisfies(e -> {
          assertThat(e.code()).isEqualTo("AccessDenied");
          assertThat(e.message()).isEqualTo(PROTECTED);
        });
    DeleteObjectResult marker = f.s3.objects().deleteObject(f.dev, "locked", "doc", null);
    assertThat(marker.deleteMarker()).isTrue();
    f.s3.objects().deleteObject(f.dev, "locked", "doc", marker.versionId());
    assertThat(f.read(f.dev, "locked", "doc")).isEqualTo("locked bytes");
    clock.advance(Duration.ofDays(2).plusSeconds(1));
    f.s3.objects().deleteObject(f.dev, "locked", "doc", versionId);
    assertAwsError(() -> f.read(f.dev, "locked", "doc"), "NoSuchKey");
  }

  @Test
  void governanceRetention_givesWayToTheBypassHeader_onlyWithBypassGovernanceRetention() {
    Instant until = clock.instant().plus(Duration.ofDays(2));
    String versionId =
        put(
                "locked",
                "doc",
                new ObjectLockRequest(new Retention(RetentionMode.GOVERNANCE, until), null))
            .versionId();
    Caller writer =
        f.user(
            S3Fixture.DEV,
            "writer",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject*",
             "s3:DeleteObject*","s3:PutObjectRetention"],"Resource":"*"}]}\
            """);
    assertAwsError(
            () -> f.s3.objects().deleteObject(writer, "locked", "doc", versionId, null, true),
            "AccessDenied")
        .contains("s3:BypassGovernanceRetention");
    assertAwsError(
            () -> f.s3.objectLock().putObjectRetention(writer, "locked", "doc", null, null, false),
            "AccessDenied")
        .isEqualTo(PROTECTED);
    Instant shorter = until.minus(Duration.ofDays(1));
    assertAwsError(
            () ->
                f.s3
                    .objectLock()
                    .putObjectRetention(
                        writer,
                        "locked",
                        "doc",
                        null,
                        new Retention(RetentionMode.GOVERNANCE, shorter),
                        true),
            "AccessDenied")
        .contains("s3:BypassGovernanceRetention");
    f.s3
        .objectLock()
        .putObjectRetention(
            writer,
            "locked",
            "doc",
            null,
            new Retention(RetentionMode.GOVERNANCE, until.plus(Duration.ofDays(1))),
            false);
    assertThat(f.read(f.dev, "locked", "doc")).isEqualTo("locked bytes");
    f.s3
        .objectLock()
        .putObjectRetention(
            f.dev, "locked", "doc", null, new Retention(RetentionMode.GOVERNANCE, shorter), true);
    assertThat(f.s3.objectLock().getObjectRetention(f.dev, "locked", "doc", null).retainUntil())
        .isEqualTo(shorter);
    f.s3.objects().deleteObject(f.dev, "locked", "doc", versionId, null, true);
    assertAwsError(() -> f.read(f.dev, "locked", "doc"), "NoSuchKey");
  }

  @Test
  void complianceRetention_canOnlyBeExtended_andNoBypassDeletesTheVersion() {
    Instant until = clock.instant().plus(Duration.ofHours(1));
    String versionId =
        put(
                "locked",
                "doc",
                new ObjectLockRequest(new Retention(RetentionMode.COMPLIANCE, until), null))
            .versionId();
    for (Retention weaker :
        new Retention[] {
          null,
          new Retention(RetentionMode.COMPLIANCE, until.minusSeconds(60)),
          new Retention(RetentionMode.GOVERNANCE, until)
        }) {
      assertAwsError(
              () ->
                  f.s3.objectLock().putObjectRetention(f.dev, "locked", "doc", null, weaker, true),
              "AccessDenied")
          .isEqualTo(PROTECTED);
    }
    assertAwsError(
            () -> f.s3.objects().deleteObject(f.dev, "locked", "doc", versionId, null, true),
            "AccessDenied")
        .isEqualTo(PROTECTED);
    Instant later = until.plus(Duration.ofHours(1));
    f.s3
        .objectLock()
        .putObjectRetention(
            f.dev, "locked", "doc", null, new Retention(RetentionMode.COMPLIANCE, later), false);
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    assertAwsError(
            () -> f.s3.objects().deleteObject(f.dev, "locked", "doc", versionId), "AccessDenied")
        .isEqualTo(PROTECTED);
    clock.advance(Duration.ofHours(1));
    f.s3.objects().deleteObject(f.dev, "locked", "doc", versionId);
    assertAwsError(() -> f.read(f.dev, "locked", "doc"), "NoSuchKey");
  }

  @Test
  void legalHold_blocksDeletion_untilReleased_evenWithBypass() {
    String versionId = put("locked", "held", new ObjectLockRequest(null, LegalHold.ON)).versionId();
    assertThat(f.s3.objectLock().getObjectLegalHold(f.dev, "locked", "held", versionId))
        .isEqualTo(LegalHold.ON);
    assertAwsError(
            () -> f.s3.objects().deleteObject(f.dev, "locked", "held", versionId, null, true),
            "AccessDenied")
        .isEqualTo(PROTECTED);
    f.s3.objectLock().putObjectLegalHold(f.dev, "locked", "held", versionId, LegalHold.OFF);
    assertThat(f.s3.objectLock().getObjectLegalHold(f.dev, "locked", "held", null))
        .isEqualTo(LegalHold.OFF);
    f.s3.objects().deleteObject(f.dev, "locked", "held", versionId);
    assertAwsError(() -> f.read(f.dev, "locked", "held"), "NoSuchKey");

    f.put(f.dev, "locked", "later", "bytes");
    assertAwsError(
        () -> f.s3.objectLock().getObjectLegalHold(f.dev, "locked", "later", null),
        "NoSuchObjectLockConfiguration");
    f.s3.objectLock().putObjectLegalHold(f.dev, "locked", "later", null, LegalHold.ON);
    String later =
        f.s3
            .objects()
            .headObject(f.dev, new GetObjectRequest("locked", "later", null, null))
            .version()
            .versionId();
    assertAwsError(
        () -> f.s3.objects().deleteObject(f.dev, "locked", "later", later), "AccessDenied");
  }

  @Test
  void retentionInThePast_isInvalidArgument_andNothingIsStored() {
    Retention past = new Retention(RetentionMode.GOVERNANCE, clock.instant().minusSeconds(1));
    assertAwsError(() -> put("locked", "doc", new ObjectLockRequest(past, null)), "InvalidArgument")
        .isEqualTo("The retain until date must be in the future!");
    assertAwsError(() -> f.read(f.dev, "locked", "doc"), "NoSuchKey");
    f.put(f.dev, "locked", "doc", "bytes");
    assertAwsError(
            () -> f.s3.objectLock().putObjectRetention(f.dev, "locked", "doc", null, past, false),
            "InvalidArgument")
        .isEqualTo("The retain until date must be in the future!");
    assertAwsError(
        () -> f.s3.objectLock().getObjectRetention(f.dev, "locked", "doc", null),
        "NoSuchObjectLockConfiguration");
    assertThat(f.blobFiles()).isEqualTo(1);
  }

  @Test
  void writingARetention_needsPutObjectRetention_andLegalHold_PutObjectLegalHold() {
    Caller writer =
        f.user(
            S3Fixture.DEV,
            "plainwriter",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject",
             "Resource":"*"}]}\
            """);
    Retention retention =
        new Retention(RetentionMode.GOVERNANCE, clock.instant().plus(Duration.ofDays(1)));
    assertAwsError(
            () -> put(writer, "locked", "doc", new ObjectLockRequest(retention, null)),
            "AccessDenied")
        .contains("s3:PutObjectRetention");
    assertAwsError(
            () -> put(writer, "locked", "doc", new ObjectLockRequest(null, LegalHold.ON)),
            "AccessDenied")
        .contains("s3:PutObjectLegalHold");
    put(writer, "locked", "doc", ObjectLockRequest.NONE);
    assertThat(f.read(f.dev, "locked", "doc")).isEqualTo("locked bytes");
  }

  @Test
  void objectLockConditionKeys_reachThePolicies_ofPutObject() {
    Caller noCompliance =
        f.user(
            S3Fixture.DEV,
            "nocompliance",
            """
            {"Version":"2012-10-17","Statement":[
             {"Effect":"Allow","Action":["s3:PutObject","s3:PutObjectRetention","s3:GetObject"],
              "Resource":"*"},
             {"Effect":"Deny","Action":"s3:PutObject","Resource":"*",
              "Condition":{"StringEquals":{"s3:object-lock-mode":"COMPLIANCE"}}}]}\
            """);
    Instant until = clock.instant().plus(Duration.ofDays(1));
    assertAwsError(
        () ->
            put(
                noCompliance,
                "locked",
                "doc",
                new ObjectLockRequest(new Retention(RetentionMode.COMPLIANCE, until), null)),
        "AccessDenied");
    assertAwsError(() -> f.read(f.dev, "locked", "doc"), "NoSuchKey");
    put(
        noCompliance,
        "locked",
        "doc",
        new ObjectLockRequest(new Retention(RetentionMode.GOVERNANCE, until), null));
    assertThat(f.s3.objectLock().getObjectRetention(f.dev, "locked", "doc", null).mode())
        .isEqualTo(RetentionMode.GOVERNANCE);
  }

  private PutObjectResult put(String bucket, String key, ObjectLockRequest lock) {
    return put(f.dev, bucket, key, lock);
  }

  private PutObjectResult put(
      Caller caller, String bucket, String key, @Nullable ObjectLockRequest lock) {
    byte[] bytes = "locked bytes".getBytes(StandardCharsets.UTF_8);
    return f.s3
        .objects()
        .putObject(
            caller,
            new PutObjectRequest(
                bucket,
                key,
                new ByteArrayInputStream(bytes),
                bytes.length,
                Map.of(),
                BodyIntegrity.NONE,
                AccessControlList.NONE,
                Map.of(),
                null,
                null,
                null,
                null,
                lock == null ? ObjectLockRequest.NONE : lock));
  }
}
