package ferry.s3.store;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.s3.Bucket;
import ferry.s3.BucketSetting;
import ferry.s3.ObjectOwnership;
import ferry.store.Database;
import ferry.testing.TestStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BucketSettingsTest {
  record Rules(List<String> names, int days) {}

  static final BucketSetting<Rules> RULES = new BucketSetting<>("rules", Rules.class);
  static final BucketSetting<Rules> OTHER = new BucketSetting<>("other", Rules.class);

  @TempDir Path dir;
  Database db;
  BucketRepository buckets;

  @BeforeEach
  void open() {
    db = TestStore.open(dir);
    buckets = new BucketRepository(db);
    buckets.insertIfAbsent(
        Bucket.create(
            "configured",
            AccountId.of("111111111111"),
            Region.US_EAST_1,
            Instant.EPOCH,
            ObjectOwnership.BUCKET_OWNER_ENFORCED));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aSetting_isAbsentUntilPut_thenReadBackAsItsModel() {
    assertThat(buckets.findSetting("configured", RULES)).isEmpty();

    buckets.putSetting("configured", RULES, new Rules(List.of("a", "b"), 3));

    assertThat(buckets.findSetting("configured", RULES)).contains(new Rules(List.of("a", "b"), 3));
    assertThat(buckets.findSetting("configured", OTHER)).isEmpty();
  }

  @Test
  void puttingASettingAgain_replacesIt_andDeletingRemovesOnlyThatKind() {
    buckets.putSetting("configured", RULES, new Rules(List.of("a"), 1));
    buckets.putSetting("configured", OTHER, new Rules(List.of("o"), 9));
    buckets.putSetting("configured", RULES, new Rules(List.of("c"), 2));

    assertThat(buckets.findSetting("configured", RULES)).contains(new Rules(List.of("c"), 2));

    buckets.deleteSetting("configured", RULES);
    buckets.deleteSetting("configured", RULES);

    assertThat(buckets.findSetting("configured", RULES)).isEmpty();
    assertThat(buckets.findSetting("configured", OTHER)).contains(new Rules(List.of("o"), 9));
  }

  @Test
  void deletingTheBucket_removesItsSettings_soANewBucketOfThatNameHasNone() {
    buckets.putSetting("configured", RULES, new Rules(List.of("a"), 1));

    assertThat(buckets.deleteIfEmpty("configured")).hasValue(List.of());
    buckets.insertIfAbsent(
        Bucket.create(
            "configured",
            AccountId.of("222222222222"),
            Region.US_EAST_1,
            Instant.EPOCH,
            ObjectOwnership.BUCKET_OWNER_ENFORCED));

    assertThat(buckets.findSetting("configured", RULES)).isEmpty();
  }
}
