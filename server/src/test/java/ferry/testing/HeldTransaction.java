package ferry.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL transaction a test holds open on a connection of its own, as another node's write in
 * flight, to make a race with Ferry's writes happen in one chosen order: the test's statements
 * first, then Ferry's request until it waits for their locks, then the test's commit.
 */
public final class HeldTransaction implements AutoCloseable {
  private final Connection connection;

  private HeldTransaction(Connection connection) {
    this.connection = connection;
  }

  /** Begins a transaction on the database of a data folder. */
  public static HeldTransaction begin(Path dataDir) throws SQLException {
    Connection connection = TestStore.connect(dataDir);
    connection.setAutoCommit(false);
    return new HeldTransaction(connection);
  }

  /** Runs a statement in the transaction, with its parameters. */
  public HeldTransaction update(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setObject(i + 1, parameters[i]);
      }
      s.executeUpdate();
    }
    return this;
  }

  /** A request of Ferry's that the test races against this transaction. */
  @FunctionalInterface
  public interface Request {
    void run() throws Exception;
  }

  /**
   * Runs the request on a thread of its own, commits this transaction once a session waits for one
   * of its locks, and returns when the request does; throws the request's failure.
   */
  public void commitWhenBlocking(Request request) throws Throwable {
    commitWhenWaiting("", request, () -> {});
  }

  /**
   * Runs the request on a thread of its own; once a session waits for one of this transaction's
   * locks in a statement that begins with {@code statement}, runs {@code meanwhile} (what the test
   * checks while the request is held there), then commits, and returns when the request does;
   * throws the first failure.
   */
  public void commitWhenWaiting(String statement, Request request, Request meanwhile)
      throws Throwable {
    try (var thread = Executors.newSingleThreadExecutor()) {
      Future<?> outcome =
          thread.submit(() -> {
            request.run();
            return null;
          });
      try {
        awaitALockWait(statement);
        meanwhile.run();
      } finally {
        connection.commit();
      }
      try {
        outcome.get(10, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw e.getCause();
      }
    }
  }

  private void awaitALockWait(String statement) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      // A transaction sees the sessions' activity as it was at its first look unless it asks anew.
      try (PreparedStatement s = connection.prepareStatement("SELECT pg_stat_clear_snapshot()")) {
        s.execute();
      }
      try (PreparedStatement s =
          connection.prepareStatement(
              "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                  + " AND wait_event_type = 'Lock' AND starts_with(query, ?)")) {
        s.setString(1, statement);
        try (ResultSet row = s.executeQuery()) {
          row.next();
          if (row.getLong(1) > 0) {
            return;
          }
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError(
        "No session waited for the test's lock in a statement beginning '"
            + statement
            + "' within 10 s");
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
