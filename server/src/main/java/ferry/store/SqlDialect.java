package ferry.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** What differs between the databases Ferry runs on. Migrations are written in their common SQL. */
public sealed interface SqlDialect permits SqlDialect.Sqlite, SqlDialect.Postgres {

  /** Settings each new connection needs. */
  void prepare(Connection connection) throws SQLException;

  /**
   * Whether this connection's commits wait for the log to be fsynced ({@code true}, as {@link
   * #prepare} leaves it) or only for it to be written.
   */
  default void syncCommits(Connection connection, boolean synced) throws SQLException {}

  /** Whether the database serialises writers itself (PostgreSQL) or Ferry must (SQLite). */
  boolean needsWriterLock();

  /**
   * SQLite in one file: WAL so readers never wait for the writer, every commit durable before it
   * returns, and a busy timeout.
   */
  record Sqlite() implements SqlDialect {
    @Override
    public void prepare(Connection connection) throws SQLException {
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        // FULL: a commit returns only after the WAL is fsynced, so metadata Ferry has acknowledged
        // survives a power loss, not only a process crash (NORMAL fsyncs the WAL at checkpoints
        // only, and may drop the last commits). Database.write group-commits concurrent writers,
        // so the fsync is paid once per batch, not once per request.
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=10000");
        s.execute("PRAGMA foreign_keys=ON");
      }
    }

    @Override
    public void syncCommits(Connection connection, boolean synced) throws SQLException {
      try (Statement s = connection.createStatement()) {
        // NORMAL in WAL mode: a commit is written to the WAL but fsynced only by a later FULL
        // commit or a checkpoint.
        s.execute(synced ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
      }
    }

    @Override
    public boolean needsWriterLock() {
      return true;
    }
  }

  /** PostgreSQL, for several Ferry nodes sharing one database. */
  record Postgres() implements SqlDialect {
    @Override
    public void prepare(Connection connection) {}

    @Override
    public boolean needsWriterLock() {
      return false;
    }
  }

  static SqlDialect forUrl(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return new Sqlite();
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return new Postgres();
    }
    throw new IllegalArgumentException("Ferry runs on SQLite or PostgreSQL, not " + jdbcUrl);
  }
}
