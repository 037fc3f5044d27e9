package ferry.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

/**
 * Ferry's metadata database: a small pool of JDBC connections, transactions as {@link SqlWork}, and
 * the schema kept current by Flyway migrations from {@code db/migration}.
 */
public final class Database implements AutoCloseable {
  private static final int POOL_SIZE = 8;

  private final String url;
  private final @Nullable String user;
  private final @Nullable String password;
  private final SqlDialect dialect;
  private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(POOL_SIZE);
  private final ReentrantLock writer = new ReentrantLock();

  private Database(String url, @Nullable String user, @Nullable String password) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.dialect = SqlDialect.forUrl(url);
  }

  /** Opens (creating if needed) the embedded SQLite database in a data folder. */
  public static Database openSqlite(Path dataDir) {
    return open("jdbc:sqlite:" + dataDir.resolve("ferry.db").toAbsolutePath(), null, null);
  }

  /** Opens a database by JDBC URL and migrates its schema. */
  public static Database open(String url, @Nullable String user, @Nullable String password) {
    var database = new Database(url, user, password);
    database.migrate();
    return database;
  }

  private void migrate() {
    if (upToDate()) {
      return;
    }
    var flyway =
        Flyway.configure()
            .dataSource(url, user, password)
            .locations("classpath:" + Migrations.LOCATION)
            // Each service numbers its migrations in its own range (V1 accounts, V10 IAM, V20
            // STS, V30 KMS, V40 S3, V50 EventBridge, V60 CodePipeline), so a lower number may
            // arrive after a higher one.
            .outOfOrder(true)
            .load();
    writer.lock();
    try {
      flyway.migrate();
    } finally {
      writer.unlock();
    }
  }

  /** Whether every shipped migration is applied already: then Flyway has nothing to do. */
  private boolean upToDate() {
    Connection connection = borrow();
    try {
      return Migrations.allApplied(connection);
    } finally {
      giveBack(connection, true);
    }
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /** Runs read-only work on a pooled connection. */
  public <T> T read(SqlWork<T> work) {
    return withConnection(work, false);
  }

  /** Runs work in a transaction that commits if it returns and rolls back if it throws. */
  public <T> T write(SqlWork<T> work) {
    boolean lock = dialect.needsWriterLock();
    if (lock) {
      writer.lock();
    }
    try {
      return withConnection(work, true);
    } finally {
      if (lock) {
        writer.unlock();
      }
    }
  }

  private <T> T withConnection(SqlWork<T> work, boolean transaction) {
    Connection connection = borrow();
    boolean healthy = false;
    try {
      if (transaction) {
        connection.setAutoCommit(false);
      }
      try {
        T result = work.run(connection);
        if (transaction) {
          connection.commit();
        }
        healthy = true;
        return result;
      } catch (SQLException | RuntimeException e) {
        if (transaction) {
          connection.rollback();
        }
        healthy = true;
        throw e;
      } finally {
        if (transaction) {
          connection.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("Database error: " + e.getMessage(), e);
    } finally {
      giveBack(connection, healthy);
    }
  }

  private Connection borrow() {
    Connection connection = idle.poll();
    if (connection != null) {
      return connection;
    }
    try {
      Connection fresh =
          user == null
              ? DriverManager.getConnection(url)
              : DriverManager.getConnection(url, user, password);
      dialect.prepare(fresh);
      return fresh;
    } catch (SQLException e) {
      throw new StoreException("Cannot open the database " + url + ": " + e.getMessage(), e);
    }
  }

  private void giveBack(Connection connection, boolean healthy) {
    if (healthy && idle.offer(connection)) {
      return;
    }
    closeQuietly(connection);
  }

  @Override
  public void close() {
    Connection connection;
    while ((connection = idle.poll()) != null) {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing a pooled connection on shutdown: nothing left to do with it.
    }
  }
}
