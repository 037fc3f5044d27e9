package ferry.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.app.TestClock;
import ferry.auth.CredentialStore;
import ferry.auth.StoredCredential;
import ferry.aws.AccountId;
import ferry.aws.Principal;
import ferry.console.store.ConsoleSessionRepository;
import ferry.store.Database;
import ferry.testing.TestStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Console sessions in the database: a browser signed in on one node is signed in on every node. */
class ConsoleSessionsTest {
  @TempDir Path dataDir;
  final Map<String, StoredCredential> keys = new ConcurrentHashMap<>();
  final CredentialStore credentials = keys::get;
  final TestClock clock = new TestClock(Clock.systemUTC());

  static StoredCredential root(String keyId) {
    return new StoredCredential(
        keyId,
        "secret-" + keyId,
        null,
        null,
        true,
        new Principal.AccountRoot(AccountId.of("111111111111")),
        List.of(),
        Map.of(),
        null,
        null);
  }

  @Test
  void aSessionOpenedOnOneNode_isFoundOnAnother_untilSignedOutThere() throws Exception {
    keys.put("AKIAROOT", root("AKIAROOT"));
    try (Database nodeA = TestStore.open(dataDir);
        Database nodeB = TestStore.open(dataDir)) {
      var a = new ConsoleSessions(new ConsoleSessionRepository(nodeA), credentials, clock);
      var b = new ConsoleSessions(new ConsoleSessionRepository(nodeB), credentials, clock);

      ConsoleSession opened = a.open(keys.get("AKIAROOT"), null);
      ConsoleSession found = b.find(opened.id());

      assertThat(found).isNotNull();
      assertThat(found.csrfToken()).isEqualTo(opened.csrfToken());
      assertThat(found.credential().accessKeyId()).isEqualTo("AKIAROOT");
      assertThat(found.expires())
          .isEqualTo(opened.expires().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

      b.close(opened.id());
      assertThat(a.find(opened.id())).isNull();
    }
  }

  @Test
  void theDatabaseHoldsNeitherTheCookieNorTheSecret() throws Exception {
    keys.put("AKIAROOT", root("AKIAROOT"));
    try (Database db = TestStore.open(dataDir)) {
      var sessions = new ConsoleSessions(new ConsoleSessionRepository(db), credentials, clock);
      ConsoleSession opened = sessions.open(keys.get("AKIAROOT"), null);

      StringBuilder everything = new StringBuilder();
      try (Connection c = TestStore.connect(dataDir);
          Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT * FROM console_sessions")) {
        while (rows.next()) {
          for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
            everything.append(rows.getString(i)).append('\n');
          }
        }
      }
      assertThat(everything.toString())
          .contains("AKIAROOT")
          .doesNotContain(opened.id())
          .doesNotContain("secret-AKIAROOT");
    }
  }

  @Test
  void aSessionEnds_whenItsLifetimeIsOver_orItsKeyIsGone() {
    keys.put("AKIAROOT", root("AKIAROOT"));
    keys.put("AKIAOTHER", root("AKIAOTHER"));
    try (Database db = TestStore.open(dataDir)) {
      var sessions = new ConsoleSessions(new ConsoleSessionRepository(db), credentials, clock);
      ConsoleSession expiring = sessions.open(keys.get("AKIAROOT"), null);
      ConsoleSession revoked = sessions.open(keys.get("AKIAOTHER"), null);

      keys.remove("AKIAOTHER");
      assertThat(sessions.find(revoked.id())).isNull();
      assertThat(sessions.find(expiring.id())).isNotNull();

      clock.advance(ConsoleSessions.LIFETIME.plus(Duration.ofSeconds(1)));
      assertThat(sessions.find(expiring.id())).isNull();
      assertThat(sessions.find("no-such-session")).isNull();
      assertThat(sessions.find(null)).isNull();
    }
  }
}
