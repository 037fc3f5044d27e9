package ferry.s3.store;

import static ferry.testing.AwsErrorAssert.assertAwsError;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.s3.Bucket;
import ferry.s3.BucketSetting;
import ferry.s3.MultipartUpload;
import ferry.s3.ObjectOwnership;
import ferry.s3.ObjectVersion;
import ferry.s3.StoredEncryption;
import ferry.store.Database;
import ferry.testing.TestStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request finds its bucket, then a DeleteBucket commits before the request's write: each write
 * that adds a row to a bucket finds it gone in its own transaction and is NoSuchBucket, the answer
 * the request would have had a moment later, not a broken foreign key.
 */
class WritesIntoADeletedBucketTest {
  static final AccountId OWNER = AccountId.of("111111111111");

  @TempDir Path dir;
  Database db;
  BucketRepository buckets;

  @BeforeEach
  void deletedBucket() {
    db = TestStore.open(dir);
    buckets = new BucketRepository(db);
    buckets.insertIfAbsent(
        Bucket.create(
            "gone", OWNER, Region.US_EAST_1, Instant.EPOCH, ObjectOwnership.BUCKET_OWNER_ENFORCED));
    buckets.deleteIfEmpty("gone").orElseThrow();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void anObjectVersion_isNoSuchBucket() {
    ObjectVersion marker = ObjectVersion.deleteMarker("gone", "k", "v1", OWNER, Instant.EPOCH);

    assertAwsError(() -> new ObjectRepository(db).put(marker), "NoSuchBucket");
  }

  @Test
  void aMultipartUpload_isNoSuchBucket() {
    MultipartUpload upload =
        new MultipartUpload(
            "upload-1",
            "gone",
            "k",
            "arn:aws:iam::111111111111:root",
            OWNER,
            Instant.EPOCH,
            Map.of(),
            List.of(),
            Map.of(),
            null,
            new StoredEncryption("AES256", null, "key", false));

    assertAwsError(() -> new UploadRepository(db).insert(upload), "NoSuchBucket");
  }

  @Test
  void aBucketSetting_isNoSuchBucket() {
    BucketSetting<String> setting = new BucketSetting<>("note", String.class);

    assertAwsError(() -> buckets.putSetting("gone", setting, "kept?"), "NoSuchBucket");
  }
}
