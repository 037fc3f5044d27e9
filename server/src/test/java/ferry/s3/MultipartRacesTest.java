package ferry.s3;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.testing.HeldTransaction;
import ferry.testing.Race;
import ferry.testing.TestStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multipart requests that meet others on the same upload. An UploadPart whose upload is removed
 * while the part's body arrives (aborted, completed, or its bucket deleted) is refused as a request
 * sent a moment later would be, and leaves neither a row nor a file behind; an upload completes
 * once, into one version.
 */
class MultipartRacesTest {
  static final byte[] BODY = "a part".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dataDir;
  S3Fixture f;
  MultipartUpload upload;

  @BeforeEach
  void start() {
    f = new S3Fixture(dataDir);
    f.bucket(f.dev, "mpu");
    f.s3.configuration().putBucketVersioning(f.dev, "mpu", Versioning.ENABLED);
    upload = f.upload(f.dev, "mpu", "big");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void aPart_whoseUploadIsAbortedMeanwhile_isNoSuchUpload_andLeavesNothing() throws Exception {
    var abort = (Runnable) () -> f.s3.uploads().abort(f.dev, "mpu", "big", upload.uploadId());

    assertAwsError(
            () -> f.uploadPart(f.dev, upload, 1, S3Fixture.body(BODY, abort), 6), "NoSuchUpload")
        .startsWith("The specified upload does not exist.");

    assertThat(partRows()).isZero();
    assertThat(f.blobFiles()).isZero();
  }

  @Test
  void aPart_whoseUploadIsCompletedMeanwhile_isNoSuchUpload_andTheObjectIsTheCompletedOne()
      throws Exception {
    UploadedPart first = f.uploadPart(f.dev, upload, 1, new ByteArrayInputStream(BODY), 6);
    var complete = (Runnable) () -> completeWith(first);

    assertAwsError(
        () -> f.uploadPart(f.dev, upload, 2, S3Fixture.body(BODY, complete), 6), "NoSuchUpload");

    assertThat(partRows()).isZero();
    assertThat(f.read(f.dev, "mpu", "big")).isEqualTo("a part");
  }

  @Test
  void aPart_whoseBucketIsDeletedMeanwhile_isNoSuchBucket_andLeavesNothing() throws Exception {
    var deleteBucket = (Runnable) () -> f.s3.buckets().deleteBucket(f.dev, "mpu");

    assertAwsError(
            () -> f.uploadPart(f.dev, upload, 1, S3Fixture.body(BODY, deleteBucket), 6),
            "NoSuchBucket")
        .isEqualTo("The specified bucket does not exist");

    assertThat(partRows()).isZero();
    assertThat(f.blobFiles()).isZero();
  }

  /**
   * On PostgreSQL an abort can read the upload's parts before another node's part commits. The part
   * holds the upload's row until it commits, so the abort waits for it, runs again, and takes the
   * part with it.
   */
  @Test
  void anAbort_racingAPartThatCommitsFirst_takesThePartWithIt_onPostgres() throws Throwable {
    Assumptions.assumeTrue(TestStore.postgres(), "SQLite runs one write at a time");
    try (var part =
        HeldTransaction.begin(dataDir)
            .update(
                "INSERT INTO s3_parts (upload_id, part_number, segment_id, size, etag, blob_id,"
                    + " created) VALUES (?, 1, 0, 6, 'etag', 'heldpart', 0)",
                upload.uploadId())) {
      part.commitWhenBlocking(() -> f.s3.uploads().abort(f.dev, "mpu", "big", upload.uploadId()));
    }
    assertThat(partRows()).isZero();
  }

  /**
   * The other way round: the part found its upload, and its insert waits for an abort that then
   * commits. The part runs again and finds no upload.
   */
  @Test
  void aPart_racingAnAbortThatCommitsFirst_isNoSuchUpload_onPostgres() throws Throwable {
    Assumptions.assumeTrue(TestStore.postgres(), "SQLite runs one write at a time");
    try (var abort =
        HeldTransaction.begin(dataDir)
            .update("DELETE FROM s3_uploads WHERE upload_id = ?", upload.uploadId())) {
      assertAwsError(
          () ->
              abort.commitWhenBlocking(
                  () -> f.uploadPart(f.dev, upload, 1, new ByteArrayInputStream(BODY), 6)),
          "NoSuchUpload");
    }
    assertThat(partRows()).isZero();
    assertThat(f.blobFiles()).isZero();
  }

  /**
   * A client that retries a CompleteMultipartUpload while the first one is still at work: one of
   * them completes the upload, the other finds it gone, and the bucket gets one version, not two.
   */
  @Test
  void twoCompletesOfOneUpload_makeOneVersion() throws Exception {
    UploadedPart part = f.uploadPart(f.dev, upload, 1, new ByteArrayInputStream(BODY), 6);

    List<String> outcomes = Race.run(2, racer -> completeWith(part).version().etag());

    assertThat(outcomes).filteredOn(o -> o.startsWith("\"")).hasSize(1);
    assertThat(outcomes).filteredOn(o -> o.startsWith("NoSuchUpload: ")).hasSize(1);
    assertThat(rows("s3_objects")).isOne();
    assertThat(f.read(f.dev, "mpu", "big")).isEqualTo("a part");
    assertThat(rows("s3_parts") + rows("s3_uploads")).isZero();
  }

  /**
   * On PostgreSQL a completion can read the upload and its parts before another node's abort
   * commits. The completion removes the upload in the transaction that stores the object, so it
   * finds the upload gone and stores nothing: the abort's answer stays true.
   */
  @Test
  void aComplete_racingAnAbortThatCommitsFirst_isNoSuchUpload_andStoresNothing_onPostgres()
      throws Throwable {
    Assumptions.assumeTrue(TestStore.postgres(), "SQLite runs one write at a time");
    UploadedPart part = f.uploadPart(f.dev, upload, 1, new ByteArrayInputStream(BODY), 6);
    try (var abort =
        HeldTransaction.begin(dataDir)
            .update("DELETE FROM s3_parts WHERE upload_id = ?", upload.uploadId())
            .update("DELETE FROM s3_uploads WHERE upload_id = ?", upload.uploadId())) {
      assertAwsError(() -> abort.commitWhenBlocking(() -> completeWith(part)), "NoSuchUpload");
    }
    assertThat(rows("s3_objects")).isZero();
    assertAwsError(() -> f.read(f.dev, "mpu", "big"), "NoSuchKey");
  }

  /**
   * A CompleteMultipartUpload and an AbortMultipartUpload of one upload at once, round after round:
   * the abort lands before the completion reads the parts, between that and linking their files
   * (the completion then finds a part's file gone, and the upload with it), or before its commit.
   * Each time one of them wins and the other is NoSuchUpload, as a request sent a moment later
   * would be: never InvalidPart or an internal error, and nothing is left behind.
   */
  @Test
  void aCompleteAndAnAbortAtOnce_oneWins_andTheOtherIsNoSuchUpload() throws Exception {
    int completed = 0;
    for (int round = 0; round < 30; round++) {
      String key = "race-" + round;
      MultipartUpload racing = f.upload(f.dev, "mpu", key);
      UploadedPart part = f.uploadPart(f.dev, racing, 1, new ByteArrayInputStream(BODY), 6);
      List<CompletedPart> parts = List.of(new CompletedPart(1, part.etag()));

      List<String> outcomes =
          Race.run(
              2,
              racer -> {
                if (racer == 0) {
                  return f.s3
                      .uploads()
                      .complete(f.dev, "mpu", key, racing.uploadId(), parts)
                      .version()
                      .etag();
                }
                f.s3.uploads().abort(f.dev, "mpu", key, racing.uploadId());
                return "aborted";
              });

      boolean completeWon = outcomes.get(0).startsWith("\"");
      assertThat(outcomes)
          .as("round %d", round)
          .containsExactly(
              completeWon ? outcomes.get(0) : "NoSuchUpload: " + noSuchUpload(racing),
              completeWon ? "NoSuchUpload: " + noSuchUpload(racing) : "aborted");
      if (completeWon) {
        completed++;
        assertThat(f.read(f.dev, "mpu", key)).isEqualTo("a part");
      } else {
        assertAwsError(() -> f.read(f.dev, "mpu", key), "NoSuchKey");
      }
    }
    assertThat(rows("s3_parts")).isZero();
    assertThat(rows("s3_objects")).isEqualTo(completed);
    assertThat(f.blobFiles()).as("one blob a completed object, no part's").isEqualTo(completed);
  }

  private static String noSuchUpload(MultipartUpload upload) {
    return S3Errors.noSuchUpload(upload.uploadId()).getMessage();
  }

  /** CompleteMultipartUpload of the upload with its first part. */
  private PutObjectResult completeWith(UploadedPart first) {
    return f.s3
        .uploads()
        .complete(
            f.dev, "mpu", "big", upload.uploadId(), List.of(new CompletedPart(1, first.etag())));
  }

  private long partRows() throws SQLException {
    return rows("s3_parts");
  }

  private long rows(String table) throws SQLException {
    try (Connection c = TestStore.connect(dataDir);
        Statement s = c.createStatement();
        ResultSet row = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      row.next();
      return row.getLong(1);
    }
  }
}
