package ferry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept per SQLite connection, by their SQL. SQLite parses and plans a statement
 * each time one is prepared, which was a third of the time an S3 request spent in SQLite; Ferry's
 * statements are a few hundred fixed strings, so each connection keeps the ones it used last.
 *
 * <p>Only connections {@link Database} registers (its SQLite ones) keep statements: PostgreSQL's
 * driver keeps its own server-side statements, and HikariCP hands out a new proxy per borrow. A
 * statement is taken out of the cache while in use, so the same SQL run again before the first
 * finished (from a row mapper) gets a statement of its own; one whose use failed is closed rather
 * than kept.
 */
final class StatementCache {
  /** Statements kept per connection: more than Ferry's fixed SQL, less than a leak. */
  private static final int PER_CONNECTION = 512;

  private static final Map<Connection, Map<String, PreparedStatement>> CACHES =
      new ConcurrentHashMap<>();

  private StatementCache() {}

  /** Keeps statements for this connection from now on, until {@link #forget}. */
  static void register(Connection connection) {
    CACHES.put(connection, new Kept());
  }

  /** Closes the statements kept for a connection that is being closed. */
  static void forget(Connection connection) {
    Map<String, PreparedStatement> kept = CACHES.remove(connection);
    if (kept != null) {
      kept.values().forEach(StatementCache::closeQuietly);
      kept.clear();
    }
  }

  /** A statement for the SQL: the connection's kept one, or a new one. Give it back by release. */
  static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
    Map<String, PreparedStatement> kept = CACHES.get(connection);
    PreparedStatement statement = kept == null ? null : kept.remove(sql);
    return statement != null ? statement : connection.prepareStatement(sql);
  }

  /**
   * Ends a use of a statement from {@link #prepare}: it is kept for the next use of its SQL when
   * its use succeeded and the connection keeps statements, and closed otherwise.
   */
  static void release(Connection connection, String sql, PreparedStatement statement, boolean ok) {
    Map<String, PreparedStatement> kept = CACHES.get(connection);
    if (ok && kept != null && !kept.containsKey(sql)) {
      try {
        statement.clearParameters();
        kept.put(sql, statement);
        return;
      } catch (SQLException notReusable) {
        // Closed below, as after a failed use.
      }
    }
    closeQuietly(statement);
  }

  private static void closeQuietly(PreparedStatement statement) {
    try {
      statement.close();
    } catch (SQLException ignored) {
      // A statement given up: its connection closes it at the latest.
    }
  }

  /** The statements of one connection, least recently used first; the oldest closed when full. */
  private static final class Kept extends LinkedHashMap<String, PreparedStatement> {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
      if (size() <= PER_CONNECTION) {
        return false;
      }
      closeQuietly(eldest.getValue());
      return true;
    }
  }
}
