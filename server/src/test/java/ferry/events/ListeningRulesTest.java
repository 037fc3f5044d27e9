package ferry.events;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.events.store.RuleRepository;
import ferry.store.Database;
import ferry.testing.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListeningRulesTest {
  static final AccountId ACCOUNT = AccountId.of("111111111111");
  static final String FROM_S3 = "{\"source\":[\"aws.s3\"]}";

  @TempDir Path dir;
  Database db;
  RuleRepository repository;

  @BeforeEach
  void open() {
    db = TestStore.open(dir);
    repository = new RuleRepository(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aBussListeners_areItsEnabledRulesWithAPattern_parsed() {
    repository.upsert(rule("on", FROM_S3, RuleState.ENABLED));
    repository.upsert(rule("off", FROM_S3, RuleState.DISABLED));
    repository.upsert(rule("elsewhere", FROM_S3, RuleState.ENABLED, "other-bus"));

    var listeners = new ListeningRules(repository, 0).on(ACCOUNT, Region.US_EAST_1, "default");

    assertThat(listeners).extracting(l -> l.rule().name()).containsExactly("on");
    assertThat(listeners.getFirst().pattern().matches(EventPattern.event(s3Event()))).isTrue();
  }

  @Test
  void aBussListeners_areKept_untilThisProcessChangesOne() {
    var cache = new ListeningRules(repository, Duration.ofHours(1).toNanos());
    assertThat(cache.on(ACCOUNT, Region.US_EAST_1, "default")).isEmpty();

    repository.upsert(rule("on", FROM_S3, RuleState.ENABLED));
    assertThat(cache.on(ACCOUNT, Region.US_EAST_1, "default")).as("kept").isEmpty();
    cache.forget(ACCOUNT, Region.US_EAST_1, "default");

    assertThat(cache.on(ACCOUNT, Region.US_EAST_1, "default")).hasSize(1);
  }

  @Test
  void anotherProcesssChange_isReadOnceTheBussListenersAreOlderThanTheirTimeToLive() {
    var cache = new ListeningRules(repository, 0);
    assertThat(cache.on(ACCOUNT, Region.US_EAST_1, "default")).isEmpty();

    repository.upsert(rule("on", FROM_S3, RuleState.ENABLED));

    assertThat(cache.on(ACCOUNT, Region.US_EAST_1, "default")).hasSize(1);
  }

  private static Rule rule(String name, String pattern, RuleState state) {
    return rule(name, pattern, state, "default");
  }

  private static Rule rule(String name, String pattern, RuleState state, String bus) {
    return new Rule(
        ACCOUNT, Region.US_EAST_1, bus, name, pattern, null, state, null, null, Instant.EPOCH);
  }

  private static String s3Event() {
    return "{\"version\":\"0\",\"source\":\"aws.s3\",\"detail-type\":\"Object Created\","
        + "\"account\":\"111111111111\",\"region\":\"us-east-1\",\"detail\":{}}";
  }
}
