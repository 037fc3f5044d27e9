package ferry.s3.store;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.s3.Bucket;
import ferry.s3.ObjectOwnership;
import ferry.s3.ObjectVersion;
import ferry.store.Database;
import ferry.store.Sql;
import ferry.testing.TestStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectRepositoryTest {
  static final AccountId OWNER = AccountId.of("111111111111");

  @TempDir Path dir;

  @Test
  void eachKeysVersions_areNumberedInWriteOrder_fromOne() {
    try (Database db = TestStore.open(dir)) {
      ObjectRepository objects = withBuckets(db, "first", "second");

      objects.put(marker("first", "a", "v1"));
      objects.put(marker("first", "b", "v2"));
      objects.put(marker("second", "a", "v3"));
      objects.put(marker("first", "a", "v4"));

      assertThat(objects.findVersion("first", "a", "v1").orElseThrow().seq()).isEqualTo(1);
      assertThat(objects.findVersion("first", "b", "v2").orElseThrow().seq()).isEqualTo(1);
      assertThat(objects.findVersion("second", "a", "v3").orElseThrow().seq()).isEqualTo(1);
      assertThat(objects.findVersion("first", "a", "v4").orElseThrow().seq()).isEqualTo(2);
      assertThat(objects.findLatest("first", "a").orElseThrow().seq()).isEqualTo(2);
    }
  }

  @Test
  void replacingTheNullVersion_givesBackTheBlobItHeld_andKeepsOneRow() {
    try (Database db = TestStore.open(dir)) {
      ObjectRepository objects = withBuckets(db, "b");

      assertThat(objects.put(stored("b", "k", "null", "blob-1"))).isNull();
      String replaced = objects.put(stored("b", "k", "null", "blob-2"));

      assertThat(replaced).isEqualTo("blob-1");
      assertThat(objects.listVersions("b", "", "", 0, 10))
          .singleElement()
          .satisfies(v -> assertThat(v.blobId()).isEqualTo("blob-2"))
          .satisfies(v -> assertThat(v.latest()).isTrue());
      assertThat(objects.put(marker("b", "k", "null"))).isEqualTo("blob-2");
    }
  }

  @Test
  void deletingTheCurrentVersion_returnsIt_andTheNewestRemainingBecomesCurrent() {
    try (Database db = TestStore.open(dir)) {
      ObjectRepository objects = withBuckets(db, "b");
      objects.put(stored("b", "k", "v1", "blob-1"));
      objects.put(stored("b", "k", "v2", "blob-2"));
      objects.put(stored("b", "k", "v3", "blob-3"));

      assertThat(objects.deleteVersion("b", "k", "v3").orElseThrow())
          .satisfies(v -> assertThat(v.blobId()).isEqualTo("blob-3"))
          .satisfies(v -> assertThat(v.latest()).isTrue());
      assertThat(objects.findLatest("b", "k").orElseThrow().versionId()).isEqualTo("v2");

      assertThat(objects.deleteVersion("b", "k", "v1").orElseThrow().latest()).isFalse();
      assertThat(objects.findLatest("b", "k").orElseThrow().versionId()).isEqualTo("v2");
      assertThat(objects.deleteVersion("b", "k", "v1")).isEmpty();
      assertThat(objects.findVersion("b", "k", "v2")).isPresent();
    }
  }

  /**
   * The next seq is read under the key's write lock on every write: a read that visits each of the
   * key's versions makes writes slower as the key gains versions, and holds the lock longer.
   */
  @Test
  void theNextSeq_isAnsweredFromAnIndexAlone_onSqlite() {
    try (Database db = Database.openSqlite(dir)) {
      List<String> plan =
          db.read(c ->
              Sql.list(
                  c,
                  "EXPLAIN QUERY PLAN " + ObjectRepository.NEXT_SEQ,
                  row -> row.getString("detail"),
                  "bucket",
                  "key"));

      assertThat(plan).singleElement().asString().contains("USING COVERING INDEX");
    }
  }

  private static ObjectRepository withBuckets(Database db, String... names) {
    BucketRepository buckets = new BucketRepository(db);
    for (String name : names) {
      buckets.insertIfAbsent(
          Bucket.create(
              name, OWNER, Region.US_EAST_1, Instant.EPOCH, ObjectOwnership.BUCKET_OWNER_ENFORCED));
    }
    return new ObjectRepository(db);
  }

  private static ObjectVersion stored(String bucket, String key, String versionId, String blob) {
    return new ObjectVersion(
        bucket,
        key,
        versionId,
        0,
        true,
        false,
        1,
        "\"etag\"",
        Map.of(),
        OWNER,
        blob,
        Instant.EPOCH,
        List.of(),
        Map.of(),
        null,
        null,
        List.of());
  }

  private static ObjectVersion marker(String bucket, String key, String versionId) {
    return ObjectVersion.deleteMarker(bucket, key, versionId, OWNER, Instant.EPOCH);
  }
}
