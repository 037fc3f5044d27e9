package ferry.s3;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.testing.TestStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DeleteBucket and the writes it can meet: a bucket deleted while a request writes into it, and the
 * bytes of the unfinished uploads a deletion takes with it.
 */
class S3BucketDeletionTest {
  @TempDir Path dataDir;
  S3Fixture f;

  @BeforeEach
  void start() {
    f = new S3Fixture(dataDir);
    f.bucket(f.dev, "going");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  /**
   * The put found the bucket, which was empty, so DeleteBucket succeeded while the body arrived:
   * the put is answered as if it came after the deletion, and keeps none of its bytes.
   */
  @Test
  void aPut_whoseBucketIsDeletedWhileItsBodyArrives_isNoSuchBucket_andKeepsNoBytes() {
    byte[] body = "late".getBytes(StandardCharsets.UTF_8);
    InputStream deletesTheBucketAtItsEnd =
        new ByteArrayInputStream(body) {
          private boolean deleted;

          @Override
          public synchronized int read(byte[] into, int offset, int length) {
            int read = super.read(into, offset, length);
            if (read == -1 && !deleted) {
              deleted = true;
              f.s3.buckets().deleteBucket(f.dev, "going");
            }
            return read;
          }
        };

    assertAwsError(
            () ->
                f.put(
                    f.dev,
                    "going",
                    "k",
                    deletesTheBucketAtItsEnd,
                    body.length,
                    AccessControlList.NONE),
            "NoSuchBucket")
        .isEqualTo("The specified bucket does not exist");

    assertThat(f.blobFiles()).isZero();
    assertThat(f.s3.buckets().listBuckets(f.dev)).isEmpty();
    f.bucket(f.dev, "going");
    f.put(f.dev, "going", "k", "again");
    assertThat(f.read(f.dev, "going", "k")).isEqualTo("again");
  }

  /** S3 deletes a bucket whose only content is unfinished uploads; their parts go with it. */
  @Test
  void deleteBucket_withAnUnfinishedUpload_removesTheBytesOfItsParts() {
    MultipartUpload upload =
        f.s3
            .uploads()
            .create(
                f.dev,
                new CreateMultipartUploadRequest(
                    "going", "big", Map.of(), AccessControlList.NONE, Map.of(), null, null));
    byte[] part = new byte[1024];
    f.s3
        .uploads()
        .uploadPart(
            f.dev,
            new UploadPartRequest(
                "going",
                "big",
                upload.uploadId(),
                1,
                new ByteArrayInputStream(part),
                part.length,
                BodyIntegrity.NONE));
    assertThat(f.blobFiles()).isOne();

    f.s3.buckets().deleteBucket(f.dev, "going");

    assertThat(f.blobFiles()).isZero();
    assertThat(f.s3.buckets().listBuckets(f.dev)).isEmpty();
  }

  @Test
  void deleteBucket_withAnObject_isBucketNotEmpty_andKeepsTheObject() {
    f.put(f.dev, "going", "k", "kept");

    assertAwsError(() -> f.s3.buckets().deleteBucket(f.dev, "going"), "BucketNotEmpty")
        .isEqualTo("The bucket you tried to delete is not empty");

    assertThat(f.read(f.dev, "going", "k")).isEqualTo("kept");
  }

  /**
   * On PostgreSQL (several nodes) a DeleteBucket can count the bucket's objects before a put's
   * insert commits. The deletion then meets the foreign key, runs again, and finds the object: it
   * is BucketNotEmpty, as if it came after the put, never an internal error.
   */
  @Test
  void deleteBucket_racingAPutThatCommitsFirst_isBucketNotEmpty_onPostgres() throws Exception {
    Assumptions.assumeTrue(TestStore.postgres(), "SQLite runs one write at a time");
    try (Connection put = TestStore.connect(dataDir);
        var threads = Executors.newSingleThreadExecutor()) {
      put.setAutoCommit(false);
      insertObjectRow(put, "going", "k");

      Future<?> deletion = threads.submit(() -> f.s3.buckets().deleteBucket(f.dev, "going"));
      awaitALockWait(put);
      put.commit();

      assertAwsError(() -> get(deletion), "BucketNotEmpty");
    }
    assertThat(f.s3.buckets().listBuckets(f.dev)).extracting(Bucket::name).containsExactly("going");
  }

  /**
   * The other way round: the put found the bucket, and its insert waits for a deletion that then
   * commits. The insert meets the foreign key, the put runs again and finds no bucket.
   */
  @Test
  void aPut_racingADeleteBucketThatCommitsFirst_isNoSuchBucket_onPostgres() throws Exception {
    Assumptions.assumeTrue(TestStore.postgres(), "SQLite runs one write at a time");
    try (Connection deletion = TestStore.connect(dataDir);
        var threads = Executors.newSingleThreadExecutor()) {
      deletion.setAutoCommit(false);
      try (PreparedStatement s =
          deletion.prepareStatement("DELETE FROM s3_buckets WHERE name = 'going'")) {
        s.executeUpdate();
      }

      Future<?> put = threads.submit(() -> f.put(f.dev, "going", "k", "late"));
      awaitALockWait(deletion);
      deletion.commit();

      assertAwsError(() -> get(put), "NoSuchBucket");
    }
    assertThat(f.blobFiles()).isZero();
  }

  private static void insertObjectRow(Connection c, String bucket, String key) throws Exception {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO s3_objects (bucket, object_key, version_id, seq, latest, delete_marker,"
                + " size, owner_account, created) VALUES (?, ?, 'null', 1, 1, 1, 0,"
                + " '111111111111', 0)")) {
      s.setString(1, bucket);
      s.setString(2, key);
      s.executeUpdate();
    }
  }

  /** Waits until another session of the database waits for a lock this test holds. */
  private static void awaitALockWait(Connection c) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                      + " AND wait_event_type = 'Lock'");
          ResultSet row = s.executeQuery()) {
        row.next();
        if (row.getLong(1) > 0) {
          return;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("No session waited for the test's lock within 10 s");
  }

  /** The future's outcome, its failure thrown as it was. */
  private static void get(Future<?> future) throws Throwable {
    try {
      future.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause();
    }
  }
}
