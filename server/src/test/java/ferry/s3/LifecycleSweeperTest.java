package ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.s3.store.ObjectRepository;
import ferry.s3.store.UploadRepository;
import ferry.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each lifecycle action applied on its day, and nothing else removed. */
class LifecycleSweeperTest {
  static final Instant START = Instant.parse("2026-01-15T10:30:00Z");

  @TempDir Path dir;
  MutableClock clock;
  S3Fixture f;
  ObjectRepository objects;

  @BeforeEach
  void setUp() {
    clock = new MutableClock(START);
    f = new S3Fixture(dir, clock);
    objects = new ObjectRepository(f.db);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void currentVersions_expireAtMidnightAfterTheirDays_inAnUnversionedBucket() {
    f.bucket(f.dev, "plain");
    f.put(f.dev, "plain", "logs/a", "old");
    f.put(f.dev, "plain", "keep/b", "kept");
    lifecycle("plain", rule("r", prefix("logs/"), 3, null, null, null, null));
    long blobs = f.blobFiles();

    moveTo("2026-01-18T23:59:59Z");
    assertThat(sweep().currentExpired()).isZero();
    assertThat(objects.findLatest("plain", "logs/a")).isPresent();

    moveTo("2026-01-19T00:00:00Z");
    assertThat(sweep().currentExpired()).isEqualTo(1);
    assertThat(objects.findLatest("plain", "logs/a")).isEmpty();
    assertThat(f.read(f.dev, "plain", "keep/b")).isEqualTo("kept");
    assertThat(f.blobFiles()).isEqualTo(blobs - 1);
    assertThat(sweep().currentExpired()).as("a second sweep finds nothing more").isZero();
  }

  @Test
  void currentVersions_getADeleteMarker_inAVersionedBucket() {
    f.bucket(f.dev, "versioned");
    f.s3.configuration().putBucketVersioning(f.dev, "versioned", Versioning.ENABLED);
    f.put(f.dev, "versioned", "doc", "v1");
    lifecycle("versioned", rule("r", prefix(""), 1, null, null, null, null));

    moveTo("2026-01-17T00:00:00Z");
    assertThat(sweep().currentExpired()).isEqualTo(1);
    List<ObjectVersion> versions = versions("versioned");
    assertThat(versions).hasSize(2);
    assertThat(versions.getFirst().deleteMarker()).isTrue();
    assertThat(versions.getFirst().latest()).isTrue();
    assertThat(versions.get(1).deleteMarker()).isFalse();
    assertThat(sweep().currentExpired()).as("a delete marker does not expire again").isZero();
  }

  @Test
  void noncurrentVersions_expireFromWhenTheyBecameNoncurrent_keepingTheNewerOnes() {
    f.bucket(f.dev, "history");
    f.s3.configuration().putBucketVersioning(f.dev, "history", Versioning.ENABLED);
    f.put(f.dev, "history", "k", "v1");
    clock.advance(Duration.ofDays(1));
    f.put(f.dev, "history", "k", "v2"); // v1 noncurrent since 16 Jan 10:30
    clock.advance(Duration.ofDays(1));
    f.put(f.dev, "history", "k", "v3"); // v2 noncurrent since 17 Jan 10:30
    clock.advance(Duration.ofDays(1));
    f.put(f.dev, "history", "k", "v4"); // v3 noncurrent since 18 Jan 10:30
    lifecycle("history", rule("r", prefix(""), null, null, 2, 1, null));

    // v1 expires on 19 Jan, v2 on 20 Jan: v1 only on the first day.
    moveTo("2026-01-19T00:00:00Z");
    assertThat(sweep().noncurrentExpired()).isEqualTo(1);
    assertThat(bodies("history")).containsExactly("v4", "v3", "v2");

    // v2 is due on 20 Jan, v3 on 21 Jan; v3 is the newest noncurrent version, kept by
    // NewerNoncurrentVersions 1 whatever its age.
    moveTo("2026-01-25T00:00:00Z");
    assertThat(sweep().noncurrentExpired()).isEqualTo(1);
    assertThat(bodies("history")).containsExactly("v4", "v3");
    assertThat(f.read(f.dev, "history", "k")).isEqualTo("v4");
  }

  @Test
  void expiredObjectDeleteMarkers_areRemoved_onlyWhenNoVersionIsLeft() {
    f.bucket(f.dev, "markers");
    f.s3.configuration().putBucketVersioning(f.dev, "markers", Versioning.ENABLED);
    String gone = f.put(f.dev, "markers", "gone", "x").version().versionId();
    f.s3.objects().deleteObject(f.dev, "markers", "gone", null);
    f.s3.objects().deleteObject(f.dev, "markers", "gone", gone);
    f.put(f.dev, "markers", "hidden", "y");
    f.s3.objects().deleteObject(f.dev, "markers", "hidden", null);
    lifecycle(
        "markers", new LifecycleRule("r", true, prefix(""), null, null, true, null, null, null));

    assertThat(sweep().deleteMarkersRemoved()).isEqualTo(1);
    assertThat(objects.findLatest("markers", "gone")).isEmpty();
    List<ObjectVersion> hidden = versions("markers");
    assertThat(hidden).hasSize(2).allMatch(v -> v.key().equals("hidden"));
  }

  @Test
  void aRuleThatExpiresCurrentVersions_alsoRemovesExpiredDeleteMarkers_onceTheyAreOldEnough() {
    f.bucket(f.dev, "aging");
    f.s3.configuration().putBucketVersioning(f.dev, "aging", Versioning.ENABLED);
    String v = f.put(f.dev, "aging", "k", "x").version().versionId();
    f.s3.objects().deleteObject(f.dev, "aging", "k", null);
    f.s3.objects().deleteObject(f.dev, "aging", "k", v);
    lifecycle("aging", rule("r", prefix(""), 2, null, null, null, null));

    moveTo("2026-01-17T23:00:00Z");
    assertThat(sweep().deleteMarkersRemoved()).isZero();
    moveTo("2026-01-18T00:00:00Z");
    assertThat(sweep().deleteMarkersRemoved()).isEqualTo(1);
    assertThat(versions("aging")).isEmpty();
  }

  @Test
  void incompleteUploads_areAbortedAfterTheirDays() {
    f.bucket(f.dev, "uploads");
    MultipartUpload big = upload("uploads", "big/x");
    MultipartUpload other = upload("uploads", "other/y");
    lifecycle("uploads", rule("r", prefix("big/"), null, null, null, null, 1));
    UploadRepository uploads = new UploadRepository(f.db);

    moveTo("2026-01-16T23:00:00Z");
    assertThat(sweep().uploadsAborted()).isZero();
    moveTo("2026-01-17T00:00:00Z");
    assertThat(sweep().uploadsAborted()).isEqualTo(1);
    assertThat(uploads.find(big.uploadId())).isEmpty();
    assertThat(uploads.find(other.uploadId())).isPresent();
  }

  @Test
  void tagAndSizeFilters_andDisabledRules_chooseWhatExpires() {
    f.bucket(f.dev, "filtered");
    putTagged("filtered", "scratch", "s", Map.of("class", "tmp"));
    putTagged("filtered", "precious", "p", Map.of("class", "keep"));
    putTagged("filtered", "large", "0123456789", Map.of());
    LifecycleFilter tagged =
        new LifecycleFilter(LifecycleFilter.Form.FILTER, null, Map.of("class", "tmp"), null, null);
    LifecycleFilter bigger =
        new LifecycleFilter(LifecycleFilter.Form.FILTER, null, Map.of(), 5L, null);
    lifecycle(
        "filtered",
        rule("tags", tagged, 1, null, null, null, null),
        new LifecycleRule("off", false, bigger, 1, null, null, null, null, null));

    moveTo("2026-02-01T00:00:00Z");
    assertThat(sweep().currentExpired()).isEqualTo(1);
    assertThat(objects.findLatest("filtered", "scratch")).isEmpty();
    assertThat(objects.findLatest("filtered", "precious")).isPresent();
    assertThat(objects.findLatest("filtered", "large")).as("its rule is disabled").isPresent();
  }

  @Test
  void aBucketWithoutRules_isLeftAlone() {
    f.bucket(f.dev, "none");
    f.put(f.dev, "none", "k", "v");
    moveTo("2030-01-01T00:00:00Z");
    assertThat(sweep()).isEqualTo(new LifecycleSweeper.Sweep(0, 0, 0, 0));
    assertThat(f.read(f.dev, "none", "k")).isEqualTo("v");
  }

  @Test
  void lockedVersions_areNeverRemoved_butCurrentOnesStillGetADeleteMarker() {
    f.s3
        .buckets()
        .createBucket(
            f.dev,
            new CreateBucketRequest(
                "locked", ferry.aws.Region.US_EAST_1, null, AccessControlList.NONE, true));
    Instant until = Instant.parse("2026-03-01T00:00:00Z");
    putLocked(
        "locked",
        "retained",
        new ObjectLockRequest(new Retention(RetentionMode.COMPLIANCE, until), null));
    putLocked("locked", "held", new ObjectLockRequest(null, LegalHold.ON));
    putLocked("locked", "free", ObjectLockRequest.NONE);
    lifecycle("locked", rule("r", prefix(""), 1, null, 1, null, null));
    long blobs = f.blobFiles();

    moveTo("2026-01-17T00:00:00Z");
    assertThat(sweep().currentExpired()).as("each current version gets a marker").isEqualTo(3);
    moveTo("2026-01-19T00:00:00Z");
    LifecycleSweeper.Sweep sweep = sweep();
    assertThat(sweep.noncurrentExpired()).as("only the unlocked version goes").isEqualTo(1);
    assertThat(sweep.deleteMarkersRemoved())
        .as("free's marker, nothing left under it")
        .isEqualTo(1);
    assertThat(versions("locked").stream().filter(v -> !v.deleteMarker()).map(ObjectVersion::key))
        .containsExactlyInAnyOrder("retained", "held");
    assertThat(f.blobFiles()).isEqualTo(blobs - 1);

    moveTo("2026-03-01T00:00:00Z");
    assertThat(sweep().noncurrentExpired()).as("once retention ends it expires").isEqualTo(1);
    assertThat(versions("locked").stream().filter(v -> !v.deleteMarker()).map(ObjectVersion::key))
        .containsExactly("held");
  }

  private void putLocked(String bucket, String key, ObjectLockRequest lock) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    f.s3
        .objects()
        .putObject(
            f.dev,
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
                lock));
  }

  private void moveTo(String instant) {
    clock.advance(Duration.between(clock.instant(), Instant.parse(instant)));
  }

  private LifecycleSweeper.Sweep sweep() {
    return f.s3.lifecycleSweeper().sweep();
  }

  private void lifecycle(String bucket, LifecycleRule... rules) {
    f.s3
        .lifecycle()
        .putBucketLifecycleConfiguration(
            f.dev,
            bucket,
            new LifecycleConfiguration(
                List.of(rules), LifecycleConfiguration.DEFAULT_MINIMUM_OBJECT_SIZE));
  }

  private static LifecycleFilter prefix(String prefix) {
    return new LifecycleFilter(LifecycleFilter.Form.FILTER, prefix, Map.of(), null, null);
  }

  private static LifecycleRule rule(
      String id,
      LifecycleFilter filter,
      Integer days,
      String date,
      Integer noncurrentDays,
      Integer newer,
      Integer abortDays) {
    return new LifecycleRule(id, true, filter, days, date, null, noncurrentDays, newer, abortDays);
  }

  private List<ObjectVersion> versions(String bucket) {
    return objects.listVersions(bucket, "", "", 0, 100);
  }

  private List<String> bodies(String bucket) {
    return versions(bucket).stream()
        .map(v -> f.read(f.dev, new GetObjectRequest(bucket, v.key(), v.versionId(), null)))
        .toList();
  }

  private MultipartUpload upload(String bucket, String key) {
    return f.s3
        .uploads()
        .create(
            f.dev,
            new CreateMultipartUploadRequest(
                bucket, key, Map.of(), AccessControlList.NONE, Map.of(), null, null));
  }

  private void putTagged(String bucket, String key, String body, Map<String, String> tags) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    f.s3
        .objects()
        .putObject(
            f.dev,
            new PutObjectRequest(
                bucket,
                key,
                new ByteArrayInputStream(bytes),
                bytes.length,
                Map.of(),
                BodyIntegrity.NONE,
                AccessControlList.NONE,
                tags,
                null,
                null,
                null));
  }
}
