package ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.cloudtrail.Trail;
import ferry.cloudtrail.store.TrailRepository;
import ferry.codepipeline.ArtifactStore;
import ferry.codepipeline.Pipeline;
import ferry.codepipeline.PipelineDeclaration;
import ferry.codepipeline.store.PipelineRepository;
import ferry.store.Database;
import ferry.testing.Race;
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
 * Per-account quotas checked by counting rows (trails per region, pipelines per region) hold when
 * creates race: exactly the quota is stored. On PostgreSQL ({@code -Dferry.test.db=postgres}) each
 * create is its own transaction, as on several nodes.
 */
class CountLimitRaceTest {
  static final int RACERS = 8;
  static final AccountId DEV = AccountId.of("111111111111");
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  @TempDir Path dir;
  Database db;

  @BeforeEach
  void start() {
    db = TestStore.open(dir);
  }

  @AfterEach
  void stop() {
    db.close();
  }

  @Test
  void trailsCreatedAtOnce_exactlyFivePerRegion() throws Exception {
    var trails = new TrailRepository(db);

    List<String> outcomes =
        Race.run(
            RACERS,
            racer ->
                trails
                    .insert(
                        new Trail(
                            DEV,
                            Region.US_EAST_1,
                            "trail" + racer,
                            "bucket",
                            null,
                            true,
                            false,
                            NOW,
                            Trail.Status.NEW,
                            null,
                            null),
                        5)
                    .name());

    assertThat(outcomes).filteredOn("INSERTED"::equals).hasSize(5);
    assertThat(outcomes).filteredOn("TOO_MANY"::equals).hasSize(RACERS - 5);
    assertThat(trails.visible(DEV, Region.US_EAST_1)).hasSize(5);
  }

  @Test
  void pipelinesCreatedAtOnce_exactlyTheQuota() throws Exception {
    var pipelines = new PipelineRepository(db);

    List<String> outcomes =
        Race.run(
            RACERS,
            racer ->
                pipelines
                    .insert(
                        new Pipeline(
                            DEV,
                            Region.US_EAST_1,
                            new PipelineDeclaration(
                                "pipeline" + racer,
                                "arn:aws:iam::111111111111:role/service",
                                new ArtifactStore("S3", "artifacts", null),
                                Map.of(),
                                List.of(),
                                1,
                                null,
                                null,
                                null,
                                0),
                            NOW,
                            NOW),
                        3)
                    .name());

    assertThat(outcomes).filteredOn("INSERTED"::equals).hasSize(3);
    assertThat(outcomes).filteredOn("TOO_MANY"::equals).hasSize(RACERS - 3);
    assertThat(pipelines.count(DEV, Region.US_EAST_1)).isEqualTo(3);
  }
}
