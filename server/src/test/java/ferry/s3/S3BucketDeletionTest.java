package ferry.s3;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.testing.HeldTransaction;
import ferry.testing.TestStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    InputStream deletesTheBucketMeanwhile =
        S3Fixture.body(body, () -> f.s3.buckets().deleteBucket(f.dev, "going"));

    assertAwsError(
            () ->
                f.put(
                    f.dev,
                    "going",
                    "k",
                    deletesTheBucketMeanwhile,
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
    MultipartUpload upload = f.upload(f.dev, "going", "big");
    byte[] part = new byte[1024];
    f.uploadPart(f.dev, upload, 1, new ByteArrayInputStream(part), part.length);
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
    try (var put =
        HeldTransaction.begin(dataDir)
            .update(
                "INSERT INTO s3_objects (bucket, object_key, version_id, seq, latest,"
                    + " delete_marker, size, owner_account, created) VALUES ('going', 'k', 'null',"
                    + " 1, 1, 1, 0, '111111111111', 0)")) {
      assertAwsError(
          () -> put.commitWhenBlocking(() -> f.s3.buckets().deleteBucket(f.dev, "going")),
          "BucketNotEmpty");
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
    try (var deletion =
        HeldTransaction.begin(dataDir).update("DELETE FROM s3_buckets WHERE name = 'going'")) {
      assertAwsError(
          () -> deletion.commitWhenBlocking(() -> f.put(f.dev, "going", "k", "late")),
          "NoSuchBucket");
    }
    assertThat(f.blobFiles()).isZero();
  }
}
