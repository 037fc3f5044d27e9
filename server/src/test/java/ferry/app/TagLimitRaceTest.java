package ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.cloudtrail.Trail;
import ferry.cloudtrail.store.TrailRepository;
import ferry.codepipeline.PipelineTag;
import ferry.codepipeline.store.PipelineTagRepository;
import ferry.events.store.EventBusRepository;
import ferry.store.Database;
import ferry.testing.Race;
import ferry.testing.TestStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tag stores of EventBridge, CodePipeline and CloudTrail, each checking the 50-tag limit on the
 * merged set: racing TagResource (AddTags) calls lose no tag and pass no limit. On PostgreSQL
 * ({@code -Dferry.test.db=postgres}) each call is its own transaction, as on several nodes.
 */
class TagLimitRaceTest {
  static final int RACERS = 8;
  static final int MAX = 50;

  /** A store of tags: adds a map of tags (false: it would pass the limit) and reads them back. */
  interface TagStore {
    boolean add(Map<String, String> tags);

    Set<String> keys();
  }

  /** How a test opens one service's tag store on a database. */
  record Kind(String name, java.util.function.Function<Database, TagStore> open) {
    @Override
    public String toString() {
      return name;
    }
  }

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

  static Stream<Kind> stores() {
    return Stream.of(
        new Kind("EventBridge", TagLimitRaceTest::eventBridge),
        new Kind("CodePipeline", TagLimitRaceTest::codePipeline),
        new Kind("CloudTrail", TagLimitRaceTest::cloudTrail));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void tagsAddedAtOnce_noneLost_andTheResourceStopsAtFifty(Kind kind) throws Exception {
    TagStore store = kind.open().apply(db);
    Map<String, String> kept = new LinkedHashMap<>();
    for (int i = 0; i < 45; i++) {
      kept.put("kept" + i, "v");
    }
    assertThat(store.add(kept)).isTrue();

    List<String> outcomes =
        Race.run(
            RACERS,
            racer -> store.add(Map.of("racer" + racer, "v")) ? "racer" + racer : "too many");

    List<String> tagged = outcomes.stream().filter(o -> o.startsWith("racer")).toList();
    assertThat(tagged).hasSize(5);
    assertThat(store.keys()).hasSize(MAX).containsAll(tagged).containsAll(kept.keySet());
  }

  private static TagStore eventBridge(Database db) {
    var repository = new EventBusRepository(db);
    String arn = "arn:aws:events:us-east-1:111111111111:rule/raced";
    return new TagStore() {
      @Override
      public boolean add(Map<String, String> tags) {
        return repository.tag(
            arn,
            tags.entrySet().stream()
                .map(t -> new ferry.events.Tag(t.getKey(), t.getValue()))
                .toList(),
            MAX);
      }

      @Override
      public Set<String> keys() {
        return Set.copyOf(repository.tags(arn).stream().map(ferry.events.Tag::key).toList());
      }
    };
  }

  private static TagStore codePipeline(Database db) {
    var repository = new PipelineTagRepository(db);
    String arn = "arn:aws:codepipeline:us-east-1:111111111111:raced";
    return new TagStore() {
      @Override
      public boolean add(Map<String, String> tags) {
        return repository.tag(
            arn,
            tags.entrySet().stream().map(t -> new PipelineTag(t.getKey(), t.getValue())).toList(),
            MAX);
      }

      @Override
      public Set<String> keys() {
        return Set.copyOf(repository.tags(arn).stream().map(PipelineTag::key).toList());
      }
    };
  }

  private static TagStore cloudTrail(Database db) {
    var repository = new TrailRepository(db);
    var trail =
        new Trail(
            AccountId.of("111111111111"),
            Region.US_EAST_1,
            "raced",
            "bucket",
            null,
            true,
            false,
            Instant.parse("2026-11-28T12:00:00Z"),
            Trail.Status.NEW,
            null,
            null);
    repository.insert(trail, 5);
    return new TagStore() {
      @Override
      public boolean add(Map<String, String> tags) {
        try {
          return repository.retag(trail, tags, Set.of(), MAX);
        } catch (TrailRepository.TooManyTags e) {
          return false;
        }
      }

      @Override
      public Set<String> keys() {
        return repository.tags(trail).keySet();
      }
    };
  }
}
