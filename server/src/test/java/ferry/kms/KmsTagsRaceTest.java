package ferry.kms;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.kms.store.KeyRepository;
import ferry.testing.Race;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TagResource and UntagResource racing on one key: none of their changes is lost, and the key stops
 * at 50 tags. On PostgreSQL ({@code -Dferry.test.db=postgres}) each request is its own transaction,
 * as on several nodes.
 */
class KmsTagsRaceTest {
  static final int RACERS = 8;
  static final AccountId DEV = AccountId.of("111111111111");

  @TempDir Path dataDir;
  KmsFixture fixture;
  KmsService kms;
  final Caller dev = Caller.of(new Principal.AccountRoot(DEV), Region.US_EAST_1, Instant.now());

  @BeforeEach
  void start() {
    fixture = new KmsFixture(dataDir, Clock.systemUTC());
    kms = fixture.kms;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void tagsAddedAtOnce_noneLost_andTheKeyStopsAtFifty() throws Exception {
    KmsKey key =
        kms.keys()
            .createKey(dev, CreateKeyRequest.symmetric("raced").withTags(numbered("kept", 45)))
            .key();

    List<String> outcomes =
        Race.run(
            RACERS,
            racer -> {
              kms.tags().tagResource(dev, key.keyId(), List.of(new Tag("racer" + racer, "v")));
              return "racer" + racer;
            });

    List<String> tagged = outcomes.stream().filter(o -> o.startsWith("racer")).toList();
    assertThat(tagged).hasSize(5);
    assertThat(outcomes)
        .filteredOn(o -> !o.startsWith("racer"))
        .hasSize(RACERS - 5)
        .allMatch(o ->
            o.equals(
                "LimitExceededException: A key can have at most 50 tags; "
                    + key.arn()
                    + " would have 51."));
    List<String> stored = storedTagKeys(key);
    assertThat(stored).hasSize(50).containsAll(tagged);
  }

  @Test
  void untagsAndTagsAtOnce_eachChangeKept() throws Exception {
    KmsKey key =
        kms.keys()
            .createKey(dev, CreateKeyRequest.symmetric("raced").withTags(numbered("old", RACERS)))
            .key();

    Race.run(
        2 * RACERS,
        racer -> {
          if (racer < RACERS) {
            kms.tags().untagResource(dev, key.keyId(), List.of("old" + racer));
          } else {
            kms.tags().tagResource(dev, key.keyId(), List.of(new Tag("new" + racer, "v")));
          }
          return "done";
        });

    assertThat(storedTagKeys(key))
        .containsExactlyInAnyOrder(
            "new8", "new9", "new10", "new11", "new12", "new13", "new14", "new15");
  }

  /** The key's tags as stored: what every node reads once its cache of the key expires. */
  private List<String> storedTagKeys(KmsKey key) {
    return new KeyRepository(fixture.db)
        .find(key.account(), key.region(), key.keyId()).orElseThrow().tags().stream()
            .map(Tag::key)
            .toList();
  }

  private static List<Tag> numbered(String prefix, int count) {
    List<Tag> tags = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tags.add(new Tag(prefix + i, "v" + i));
    }
    return tags;
  }
}
