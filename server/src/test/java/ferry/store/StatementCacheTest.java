package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements kept per SQLite connection: reused, never shared by two uses, dropped on failure. */
class StatementCacheTest {
  private static final String SELECT = "SELECT v FROM t WHERE v = ?";

  @TempDir Path dir;
  private Connection connection;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
    StatementCache.register(connection);
    Sql.update(connection, "CREATE TABLE t (v TEXT NOT NULL UNIQUE)");
  }

  @AfterEach
  void close() throws SQLException {
    StatementCache.forget(connection);
    connection.close();
  }

  @Test
  void aStatementUsedWell_isKeptForItsSql_andAnswersForItsNextArguments() throws SQLException {
    Sql.update(connection, "INSERT INTO t (v) VALUES (?), (?)", "a", "b");
    assertThat(Sql.list(connection, SELECT, row -> row.getString("v"), "a")).containsExactly("a");
    PreparedStatement kept = StatementCache.prepare(connection, SELECT);
    StatementCache.release(connection, SELECT, kept, true);

    assertThat(Sql.list(connection, SELECT, row -> row.getString("v"), "b")).containsExactly("b");
    assertThat(StatementCache.prepare(connection, SELECT)).isSameAs(kept);
    assertThat(kept.isClosed()).isFalse();
  }

  @Test
  void aStatementWhoseUseFailed_isClosed_andTheNextUseGetsANewOne() throws SQLException {
    PreparedStatement failed = StatementCache.prepare(connection, SELECT);
    StatementCache.release(connection, SELECT, failed, false);

    assertThat(failed.isClosed()).isTrue();
    assertThat(StatementCache.prepare(connection, SELECT)).isNotSameAs(failed);
  }

  @Test
  void theSameSqlRunFromARowMapper_getsAStatementOfItsOwn() throws SQLException {
    Sql.update(connection, "INSERT INTO t (v) VALUES (?), (?)", "a", "b");
    List<String> inner = new ArrayList<>();

    List<String> outer =
        Sql.list(
            connection,
            "SELECT v FROM t WHERE v <> ? ORDER BY v",
            row -> {
              String v = row.getString("v");
              inner.addAll(
                  Sql.list(
                      connection,
                      "SELECT v FROM t WHERE v <> ? ORDER BY v",
                      r -> r.getString("v"),
                      v));
              return v;
            },
            "none");

    assertThat(outer).containsExactly("a", "b");
    assertThat(inner).containsExactly("b", "a");
  }

  @Test
  void aFailedUpdate_leavesTheConnectionAndItsKeptStatementsWorking() throws SQLException {
    Sql.update(connection, "INSERT INTO t (v) VALUES (?)", "a");

    assertThatThrownBy(() -> Sql.update(connection, "INSERT INTO t (v) VALUES (?)", "a"))
        .isInstanceOf(SQLException.class);

    Sql.update(connection, "INSERT INTO t (v) VALUES (?)", "b");
    assertThat(Sql.list(connection, "SELECT v FROM t ORDER BY v", row -> row.getString("v")))
        .containsExactly("a", "b");
  }

  @Test
  void aConnectionNotRegistered_getsAFreshStatementEachTime_closedAfterUse() throws SQLException {
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"))) {
      PreparedStatement first = StatementCache.prepare(other, SELECT);
      StatementCache.release(other, SELECT, first, true);

      assertThat(first.isClosed()).isTrue();
      assertThat(StatementCache.prepare(other, SELECT)).isNotSameAs(first);
    }
  }

  @Test
  void forget_closesTheKeptStatements() throws SQLException {
    PreparedStatement kept = StatementCache.prepare(connection, SELECT);
    StatementCache.release(connection, SELECT, kept, true);

    StatementCache.forget(connection);

    assertThat(kept.isClosed()).isTrue();
  }
}
