package ferry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

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

  /** Refuses a database Ferry cannot keep its promises on; checked once, when it is opened. */
  default void check(Connection connection) throws SQLException {}

  /**
   * Makes the rest of this transaction the only writer under {@code name} until it ends: for
   * read-modify-write sequences (the next sequence number of a table, the latest version of an
   * object) that SQLite's single writer serialised by itself.
   */
  default void lock(Connection connection, String name) throws SQLException {}

  /**
   * Whether a write failed only because another writer's transaction met it (a deadlock, a
   * serialization failure, a key the other inserted first, a row the other removed or referred to),
   * so running it again may succeed.
   */
  default boolean isConflict(SQLException e) {
    return false;
  }

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
    // serialization_failure, deadlock_detected, unique_violation, and foreign_key_violation: a row
    // this write refers to was removed, or one it removes was referred to, by a transaction that
    // committed after this one's reads (an object put into a bucket being deleted). Run again, the
    // write's own reads see the other's commit and decide.
    private static final Set<String> CONFLICTS = Set.of("40001", "40P01", "23505", "23503");
    // Collations that order text by its UTF-8 bytes, as SQLite does and as S3 lists keys.
    private static final Set<String> BYTE_ORDER = Set.of("C", "POSIX", "C.UTF-8", "C.utf8");

    @Override
    public void prepare(Connection connection) {}

    @Override
    public boolean needsWriterLock() {
      return false;
    }

    @Override
    public void check(Connection connection) throws SQLException {
      try (Statement s = connection.createStatement();
          ResultSet row =
              s.executeQuery(
                  "SELECT datcollate, pg_encoding_to_char(encoding) FROM pg_database"
                      + " WHERE datname = current_database()")) {
        row.next();
        String collation = row.getString(1);
        String encoding = row.getString(2);
        if (!BYTE_ORDER.contains(collation) || !encoding.equals("UTF8")) {
          throw new SQLException(
              "Ferry needs a UTF8 database that orders text by bytes (collation C), as S3 lists"
                  + " keys in UTF-8 byte order; this one has encoding "
                  + encoding
                  + " and collation "
                  + collation
                  + ". Create one with: CREATE DATABASE ferry TEMPLATE template0 ENCODING 'UTF8'"
                  + " LC_COLLATE 'C' LC_CTYPE 'C'");
        }
      }
    }

    @Override
    public void lock(Connection connection, String name) throws SQLException {
      try (PreparedStatement s =
          connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
        s.setString(1, name);
        s.execute();
      }
    }

    @Override
    public boolean isConflict(SQLException e) {
      return e.getSQLState() != null && CONFLICTS.contains(e.getSQLState());
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
