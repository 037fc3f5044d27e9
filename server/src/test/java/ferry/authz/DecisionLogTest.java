package ferry.authz;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.authz.store.DecisionRepository;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.policy.PolicyParser;
import ferry.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decisions kept in the database: a decision made on one node is explained by another. */
class DecisionLogTest {
  static final AccountId DEV = AccountId.of("111111111111");
  static final Caller ALICE =
      Caller.of(
          new Principal.IamUser(DEV, "/", "alice", "AIDAALICE"), Region.US_EAST_1, Instant.now());

  @TempDir Path dataDir;

  static Authorizer authorizer(DecisionLog log) {
    return new Authorizer(
        principal -> PrincipalPolicies.none(), new PolicyParser(), log, Clock.systemUTC());
  }

  @Test
  void aDenialOnOneNode_isExplainedByAnother_withTheMissingGrant() {
    try (Database db = Database.openSqlite(dataDir);
        var decidingNode = new DecisionLog(new DecisionRepository(db));
        var otherNode = new DecisionLog(new DecisionRepository(db))) {
      decidingNode.start();
      otherNode.start();

      Verdict verdict =
          authorizer(decidingNode)
              .authorize(ALICE, AccessRequest.of("s3:GetObject", "arn:aws:s3:::b/k", DEV));

      DecisionLog.Explained explained = otherNode.explain(verdict.id()).orElseThrow();
      assertThat(explained.allowed()).isFalse();
      assertThat(explained.principal()).isEqualTo("arn:aws:iam::111111111111:user/alice");
      assertThat(explained.action()).isEqualTo("s3:GetObject");
      assertThat(explained.message()).isEqualTo(verdict.message());
      assertThat(explained.explanation())
          .isEqualTo(decidingNode.find(verdict.id()).orElseThrow().explanation());
      assertThat(otherNode.recent(5)).extracting(DecisionLog.Explained::id).contains(verdict.id());
    }
  }

  @Test
  void aDecisionAfterAQuietSpell_isWrittenAtOnce_notAtTheNextSweep() throws Exception {
    var store = new FlakyStore();
    try (var log = new DecisionLog(store)) {
      log.start();
      // The writer has nothing gathered and waits; its next sweep is minutes away.
      Thread.sleep(300);

      Verdict verdict =
          authorizer(log)
              .authorize(ALICE, AccessRequest.of("s3:ListBucket", "arn:aws:s3:::b", DEV));

      long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (store.find(verdict.id()).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(store.find(verdict.id())).isPresent();
    }
  }

  /** A close while the writer gathers a batch ends the gathering and writes it before returning. */
  @Test
  void aDecisionBeingGathered_isWrittenByTheClose() {
    var store = new FlakyStore();
    Verdict verdict;
    try (var log = new DecisionLog(store)) {
      log.start();
      verdict =
          authorizer(log)
              .authorize(ALICE, AccessRequest.of("s3:ListBucket", "arn:aws:s3:::b", DEV));
    }
    assertThat(store.find(verdict.id())).isPresent();
  }

  @Test
  void anIdNoNodeMade_isNotFound() {
    try (Database db = Database.openSqlite(dataDir);
        var log = new DecisionLog(new DecisionRepository(db))) {
      log.start();
      String own = log.nextId();

      assertThat(log.explain(own)).isEmpty();
      assertThat(log.explain("not-a-decision-id")).isEmpty();
    }
  }

  @Test
  void decisionsGatheredWhileTheDatabaseIsAway_areWrittenWhenItReturns() {
    var store = new FlakyStore();
    var log = new DecisionLog(store);
    Verdict verdict =
        authorizer(log).authorize(ALICE, AccessRequest.of("s3:ListBucket", "arn:aws:s3:::b", DEV));
    store.away = true;
    try {
      log.flush();
    } catch (RuntimeException expected) {
      // the database is away
    }
    assertThat(store.stored).isEmpty();

    store.away = false;
    log.flush();

    assertThat(store.stored).extracting(DecisionLog.Explained::id).containsExactly(verdict.id());
  }

  /** A store that refuses writes while {@link #away}. */
  static final class FlakyStore implements DecisionStore {
    final List<DecisionLog.Explained> stored = new CopyOnWriteArrayList<>();
    volatile boolean away;

    @Override
    public void insert(List<DecisionLog.Explained> decisions) {
      if (away) {
        throw new IllegalStateException("database away");
      }
      stored.addAll(decisions);
    }

    @Override
    public Optional<DecisionLog.Explained> find(String id) {
      return stored.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    @Override
    public List<DecisionLog.Explained> last(int count) {
      return stored;
    }

    @Override
    public int removeBefore(Instant cutoff) {
      return 0;
    }
  }
}
