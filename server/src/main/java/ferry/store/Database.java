package ferry.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

/**
 * Ferry's metadata database: a pool of JDBC connections, transactions as {@link SqlWork}, and the
 * schema kept current by Flyway migrations from {@code db/migration}, the same on both databases.
 *
 * <p>On SQLite, writes are group-committed: every commit waits for an fsync of the WAL (see {@link
 * SqlDialect.Sqlite}), so the writers that queue up while one commit is being made durable are
 * committed together, in one transaction and one fsync, each in its own savepoint. Its pool is a
 * small queue of connections to the one file.
 *
 * <p>On PostgreSQL, connections come from HikariCP and each write is its own transaction. Work
 * written for SQLite's single writer may meet another writer there (another request, or another
 * Ferry node): a transaction that fails for a deadlock, a serialization failure or a unique key
 * another writer took first is run again, so it sees that writer's rows and decides as it would
 * have had it come second.
 *
 * <p>A caller waiting for a pooled connection is told apart from a database that is away: a thread
 * answering a request ({@link #answeringRequest}) is refused at once (503) when the pool cannot
 * connect, and waits up to {@link #REQUEST_WAIT} while every connection is merely lent; any other
 * thread (the pipeline engine, deliveries, sweepers) waits out both, up to {@link
 * #BACKGROUND_WAIT}, and runs its work again if the database went away before it committed.
 */
public final class Database implements AutoCloseable {
  private static final int POOL_SIZE = 8;
  // Enough to take every request thread's write in one commit, few enough to keep a batch's
  // latency close to one fsync.
  private static final int MAX_BATCH = 64;
  // Enough for every request thread of a node to read while others write; PostgreSQL's default
  // max_connections (100) holds several nodes' pools.
  private static final int POSTGRES_POOL_SIZE = 16;
  private static final int MAX_ATTEMPTS = 5;

  /**
   * How long one wait for a PostgreSQL connection lasts. When it ends without one and the pool's
   * last attempt to connect failed, the database is away: a request is refused then, so its 503
   * comes within this.
   */
  static final Duration CONNECTION_WAIT = Duration.ofMillis(500);

  /**
   * How long a request waits in all for a connection while the database answers but every
   * connection is lent (a burst of work): a busy pool is no outage, so it waits longer before its
   * 503.
   */
  static final Duration REQUEST_WAIT = Duration.ofSeconds(10);

  /**
   * How long background work waits for the database, busy or away, before its work fails: longer
   * than a database restart or failover, so a short outage never fails an execution.
   */
  static final Duration BACKGROUND_WAIT =
      Duration.ofSeconds(Long.getLong("ferry.db.backgroundWaitSeconds", 60));

  private static final ThreadLocal<Boolean> ANSWERING_REQUEST =
      ThreadLocal.withInitial(() -> false);

  private final String url;
  private final @Nullable String user;
  private final @Nullable String password;
  private final SqlDialect dialect;
  private final @Nullable HikariDataSource pool;
  private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(POOL_SIZE);
  private final ReentrantLock writer = new ReentrantLock();
  private final Queue<PendingWrite<?>> waiting = new ConcurrentLinkedQueue<>();

  private Database(String url, @Nullable String user, @Nullable String password) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.dialect = SqlDialect.forUrl(url);
    this.pool = dialect.needsWriterLock() ? null : pool(url, user, password);
  }

  private static HikariDataSource pool(
      String url, @Nullable String user, @Nullable String password) {
    var config = new HikariConfig();
    config.setPoolName("ferry");
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(POSTGRES_POOL_SIZE);
    config.setMinimumIdle(2);
    // One wait of borrow()'s: it decides after each whether the database is away or only busy.
    config.setConnectionTimeout(CONNECTION_WAIT.toMillis());
    config.setValidationTimeout(CONNECTION_WAIT.toMillis());
    // A database host that does not answer at all (no refusal) is an outage within seconds too;
    // a connectTimeout in the URL wins over this.
    config.addDataSourceProperty("connectTimeout", "5");
    // One attempt when the database cannot be reached at all: Ferry does not start without it, and
    // says so at once rather than after a wait that looks like a hang.
    config.setInitializationFailTimeout(1);
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("Cannot open the database " + shown(url) + ": " + rootMessage(e), e);
    }
  }

  /** A URL as Ferry prints it: without its parameters, which may hold a password. */
  private static String shown(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage());
  }

  /** Opens (creating if needed) the embedded SQLite database in a data folder. */
  public static Database openSqlite(Path dataDir) {
    SqliteNativeLibrary.useFrom(dataDir);
    Path file = dataDir.resolve("ferry.db").toAbsolutePath();
    if (!Files.exists(file)) {
      SqliteSchemaTemplate.copyTo(file);
    }
    return open("jdbc:sqlite:" + file, null, null);
  }

  /** Opens a database by JDBC URL and migrates its schema. */
  public static Database open(String url, @Nullable String user, @Nullable String password) {
    var database = new Database(url, user, password);
    try {
      database.migrate();
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return database;
  }

  /** Whether the database answers now: a connection is had and is valid. */
  public boolean answers() {
    // As a request would ask: a probe must say at once that the database is away.
    RequestScope scope = answeringRequest();
    try {
      return read(connection -> connection.isValid(2));
    } finally {
      scope.close();
    }
  }

  /**
   * Marks the calling thread as answering a request until the returned scope is closed: its wait
   * for a connection ends at once with an error when the database is away, so that the client gets
   * its 503 (and retries) instead of a hanging connection.
   */
  public static RequestScope answeringRequest() {
    boolean outer = ANSWERING_REQUEST.get();
    ANSWERING_REQUEST.set(true);
    return () -> ANSWERING_REQUEST.set(outer);
  }

  /** The span of a thread's request; closing it makes the thread background work again. */
  public interface RequestScope extends AutoCloseable {
    @Override
    void close();
  }

  /** Which database this is, for the start-up banner: its product, version and where it is. */
  public String describe() {
    Connection connection = borrow();
    try {
      var meta = connection.getMetaData();
      return meta.getDatabaseProductName()
          + " "
          + meta.getDatabaseProductVersion()
          + " "
          + shown(url)
          + (user == null ? "" : " (user " + user + ")");
    } catch (SQLException e) {
      throw new StoreException("Database error: " + e.getMessage(), e);
    } finally {
      giveBack(connection, true);
    }
  }

  private void migrate() {
    Connection connection = borrow();
    try {
      dialect.check(connection);
    } catch (SQLException e) {
      throw new StoreException("Cannot use the database " + shown(url) + ": " + e.getMessage(), e);
    } finally {
      giveBack(connection, true);
    }
    if (upToDate()) {
      return;
    }
    var configuration = Flyway.configure();
    if (pool != null) {
      configuration.dataSource(pool);
    } else {
      configuration.dataSource(url, user, password);
    }
    var flyway =
        configuration
            .locations("classpath:" + Migrations.LOCATION)
            // Each service numbers its migrations in its own range (V1 accounts, V10 IAM, V20
            // STS, V30 KMS, V40 S3, V50 EventBridge, V60 CodePipeline), so a lower number may
            // arrive after a higher one.
            .outOfOrder(true)
            // All pending scripts in one transaction: one commit and one sync instead of one per
            // script, a sixth of the time an in-process Ferry takes to start on a new folder.
            .group(true)
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
    if (pool == null) {
      return withConnection(work, false);
    }
    long deadline = System.nanoTime() + BACKGROUND_WAIT.toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        return withLiveConnection(work, false);
      } catch (RuntimeException e) {
        if (!waitsOut(e, deadline)) {
          throw e;
        }
      }
      waitForDatabase(attempt);
    }
  }

  /**
   * Runs pooled work, once more at once if its connection turns out to have been cut before any
   * commit: HikariCP lends a connection used in the last 0.5 s without checking it, so the first
   * requests after a short outage would otherwise meet the dead connections one by one, each with a
   * 503 though the database is back. Every connection opened before is let go first, so the second
   * run gets a new connection, or learns at once that the database is away.
   */
  private <T> T withLiveConnection(SqlWork<T> work, boolean transaction) {
    try {
      return withConnection(work, transaction);
    } catch (RuntimeException e) {
      if (!cutSinceLent(e)) {
        throw e;
      }
      letGoOfOpenConnections();
      return withConnection(work, transaction);
    }
  }

  /** Whether work failed on a connection that broke before any commit, not on the way to one. */
  private boolean cutSinceLent(RuntimeException failure) {
    return pool != null
        && !pool.isClosed()
        && !(failure instanceof CommitFailed)
        && !(failure instanceof NoConnection)
        && !(failure instanceof DatabaseBusyException)
        && StoreException.unreachable(failure)
        && !Thread.currentThread().isInterrupted();
  }

  private void letGoOfOpenConnections() {
    var connections = Objects.requireNonNull(pool).getHikariPoolMXBean();
    if (connections != null) {
      connections.softEvictConnections();
    }
  }

  /**
   * Runs work in a transaction that commits if it returns and rolls back if it throws; returns once
   * the commit is durable. On SQLite the work may run on another writer's thread, in a transaction
   * shared with other writers' work: it must only use the connection it is given.
   */
  public <T> T write(SqlWork<T> work) {
    return write(work, true);
  }

  /**
   * Runs work as {@link #write} does, but returns once the commit is in SQLite's write-ahead log,
   * before that log is fsynced: the work survives Ferry being killed (the operating system keeps
   * what was written), and becomes durable against power loss with the next synced commit. For
   * records whose loss in a power cut is acceptable but not in a crash: the event history, whose
   * promise is that no answered request's event is lost to a {@code kill -9}. In a batch with any
   * {@link #write}, it is fsynced with the others.
   */
  public <T> T writeCrashSafe(SqlWork<T> work) {
    return write(work, false);
  }

  private <T> T write(SqlWork<T> work, boolean synced) {
    if (!dialect.needsWriterLock()) {
      StoreEvents.Commit event = StoreEvents.commit(1, synced);
      try {
        return writeAgainOnConflict(work);
      } finally {
        event.done();
      }
    }
    if (writer.isHeldByCurrentThread()) {
      // Work that writes from within a write (or a migration) keeps its own transaction, as before
      // group commit; it must not wait for a batch that its own thread is running.
      return withConnection(work, true);
    }
    var pending = new PendingWrite<>(work, synced);
    waiting.add(pending);
    writer.lock();
    try {
      // Whoever holds the lock commits what is waiting, so this write may already be done; a batch
      // holds at most MAX_BATCH writes, so more than that may be ahead of this one.
      while (!pending.done) {
        commitWaiting();
      }
    } finally {
      writer.unlock();
    }
    return pending.outcome();
  }

  /** Commits the waiting writes as one transaction, each work in its own savepoint. */
  private void commitWaiting() {
    List<PendingWrite<?>> batch = new ArrayList<>();
    PendingWrite<?> next;
    while (batch.size() < MAX_BATCH && (next = waiting.poll()) != null) {
      batch.add(next);
    }
    try {
      commit(batch);
    } catch (SQLException | RuntimeException | Error e) {
      // The transaction itself failed (a savepoint could not be rolled back, or the commit
      // failed): no work of the batch is kept, and each caller learns why.
      for (PendingWrite<?> pending : batch) {
        pending.lost(e);
      }
    } finally {
      for (PendingWrite<?> pending : batch) {
        pending.done = true;
      }
    }
  }

  private void commit(List<PendingWrite<?>> batch) throws SQLException {
    boolean synced = batch.stream().anyMatch(pending -> pending.synced);
    StoreEvents.Commit event = StoreEvents.commit(batch.size(), synced);
    try {
      commitBatch(batch, synced);
    } finally {
      event.done();
    }
  }

  private void commitBatch(List<PendingWrite<?>> batch, boolean synced) throws SQLException {
    Connection connection = borrow();
    boolean healthy = false;
    try {
      if (!synced) {
        dialect.syncCommits(connection, false);
      }
      connection.setAutoCommit(false);
      try {
        for (PendingWrite<?> pending : batch) {
          pending.runIn(connection);
        }
        connection.commit();
        healthy = true;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(connection);
        throw e;
      } finally {
        connection.setAutoCommit(true);
        // A connection that cannot be set back to synced commits is closed, never reused.
        if (!synced && !syncedAgain(connection)) {
          healthy = false;
        }
      }
    } finally {
      giveBack(connection, healthy);
    }
  }

  private boolean syncedAgain(Connection connection) {
    try {
      dialect.syncCommits(connection, true);
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** How many writes wait for the next group commit; for tests. */
  int waitingWrites() {
    return waiting.size();
  }

  /** One caller's work in a group commit, and what became of it. */
  private static final class PendingWrite<T> {
    private final SqlWork<T> work;
    private @Nullable T result;
    private @Nullable Throwable failure;
    private final boolean synced;
    // Written and read under the writer lock.
    private boolean done;

    PendingWrite(SqlWork<T> work, boolean synced) {
      this.work = work;
      this.synced = synced;
    }

    /** Runs the work; if it throws, only its own changes are undone and the batch goes on. */
    void runIn(Connection connection) throws SQLException {
      Savepoint savepoint = connection.setSavepoint();
      try {
        result = work.run(connection);
      } catch (Throwable e) {
        failure = e;
        connection.rollback(savepoint);
      }
      connection.releaseSavepoint(savepoint);
    }

    /** The batch's transaction was rolled back: work that succeeded fails with the cause. */
    void lost(Throwable cause) {
      if (failure == null) {
        result = null;
        failure = cause;
      }
    }

    T outcome() {
      return switch (failure) {
        case null -> result;
        case SQLException e -> throw new StoreException("Database error: " + e.getMessage(), e);
        case RuntimeException e -> throw e;
        case Error e -> throw e;
        default -> throw new StoreException("Database error: " + failure.getMessage(), failure);
      };
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The database already rolled the transaction back; the connection is not reused.
    }
  }

  private <T> T writeAgainOnConflict(SqlWork<T> work) {
    long deadline = System.nanoTime() + BACKGROUND_WAIT.toNanos();
    int conflicts = 0;
    for (int outages = 0; ; ) {
      try {
        return withLiveConnection(work, true);
      } catch (RuntimeException e) {
        // The SQLException may be wrapped by the work itself, so the whole chain is looked at.
        if (conflictBeneath(e) && ++conflicts < MAX_ATTEMPTS) {
          backOff(conflicts);
          continue;
        }
        if (!waitsOut(e, deadline)) {
          throw e;
        }
      }
      waitForDatabase(++outages);
    }
  }

  /**
   * Whether background work that failed runs again: the database went away before its transaction
   * committed (so nothing of it was kept), and the wait is not over. A failure of the commit itself
   * leaves the outcome unknown, and a request is answered with its 503 at once.
   */
  private static boolean waitsOut(RuntimeException failure, long deadline) {
    return !ANSWERING_REQUEST.get()
        && !(failure instanceof CommitFailed)
        && !(failure instanceof DatabaseBusyException)
        && StoreException.unreachable(failure)
        && System.nanoTime() < deadline
        && !Thread.currentThread().isInterrupted();
  }

  private static void waitForDatabase(int attempt) {
    try {
      // The pool reconnects by itself; a connection refused at once must not make this spin.
      Thread.sleep(Math.min(CONNECTION_WAIT.toMillis(), 100L << Math.min(attempt, 4)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("Interrupted while waiting for the database", e);
    }
  }

  /** The pool had no connection to lend, nor could it open one: the database is away. */
  private static final class NoConnection extends StoreException {
    NoConnection(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The commit of a transaction failed: whether the database kept it is not known. */
  private static final class CommitFailed extends StoreException {
    CommitFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private boolean conflictBeneath(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && dialect.isConflict(sql)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static void backOff(int attempt) {
    try {
      // A few milliseconds, growing and jittered, so two writers that met do not meet again.
      Thread.sleep((long) (Math.random() * 5 * attempt) + 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("Interrupted while retrying a write", e);
    }
  }

  private <T> T withConnection(SqlWork<T> work, boolean transaction) {
    Connection connection = borrow();
    boolean healthy = false;
    try {
      if (transaction) {
        connection.setAutoCommit(false);
      }
      T result;
      try {
        result = work.run(connection);
        if (transaction) {
          commit(connection);
        }
      } catch (CommitFailed e) {
        throw e;
      } catch (SQLException | RuntimeException e) {
        // The work's failure is the answer; a connection that cannot roll back is not reused.
        healthy = !transaction || rolledBack(connection, e);
        throw e;
      }
      if (transaction) {
        connection.setAutoCommit(true);
      }
      healthy = true;
      return result;
    } catch (SQLException e) {
      throw new StoreException("Database error: " + e.getMessage(), e);
    } finally {
      giveBack(connection, healthy);
    }
  }

  private static boolean rolledBack(Connection connection, Exception failure) {
    try {
      connection.rollback();
      connection.setAutoCommit(true);
      return true;
    } catch (SQLException e) {
      failure.addSuppressed(e);
      return false;
    }
  }

  /**
   * Commits; a commit whose connection was lost fails with {@link CommitFailed}, which is never run
   * again, since the database may have kept the transaction.
   */
  private static void commit(Connection connection) throws SQLException {
    try {
      connection.commit();
    } catch (SQLException e) {
      if (StoreException.unreachable(e)) {
        throw new CommitFailed("Database error while committing: " + e.getMessage(), e);
      }
      throw e;
    }
  }

  private Connection borrow() {
    if (pool != null) {
      return borrowPooled(pool);
    }
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
      StatementCache.register(fresh);
      return fresh;
    } catch (SQLException e) {
      throw new StoreException("Cannot open the database " + shown(url) + ": " + e.getMessage(), e);
    }
  }

  /**
   * A connection from the pool, waited for in turns of {@link #CONNECTION_WAIT}. HikariCP gives a
   * wait that ended without a connection the pool's last failure to connect as its cause, and none
   * while the database answers but every connection is lent: so an empty-handed wait with a cause
   * is the database away, one without is a busy pool.
   */
  private Connection borrowPooled(HikariDataSource pool) {
    boolean request = ANSWERING_REQUEST.get();
    long start = System.nanoTime();
    long deadline = start + (request ? REQUEST_WAIT : BACKGROUND_WAIT).toNanos();
    for (int attempt = 1; ; attempt++) {
      long asked = System.nanoTime();
      SQLException failure;
      try {
        return pool.getConnection();
      } catch (SQLException e) {
        failure = e;
      }
      // Without a connection at all the pool is not busy either, even before a failure is recorded.
      boolean away = failure.getCause() != null || noConnection(pool);
      long now = System.nanoTime();
      if (pool.isClosed() || Thread.currentThread().isInterrupted()) {
        throw new StoreException(
            "No connection to the database "
                + shown(url)
                + (pool.isClosed() ? ": Ferry is closing it" : ": interrupted"),
            failure);
      }
      if ((away && request) || now >= deadline) {
        if (away) {
          throw new NoConnection(
              "Cannot reach the database " + shown(url) + ": " + rootMessage(failure), failure);
        }
        throw new DatabaseBusyException(
            "Every connection to the database "
                + shown(url)
                + " stayed in use for "
                + Duration.ofNanos(now - start).toMillis()
                + " ms",
            failure);
      }
      if (now - asked < CONNECTION_WAIT.toNanos() / 2) {
        // The pool gave up early (it cannot connect at all): wait rather than ask again at once.
        waitForDatabase(attempt);
      }
    }
  }

  private static boolean noConnection(HikariDataSource pool) {
    var stats = pool.getHikariPoolMXBean();
    return stats != null && stats.getTotalConnections() == 0;
  }

  private void giveBack(Connection connection, boolean healthy) {
    if (pool != null) {
      if (!healthy) {
        pool.evictConnection(connection);
      }
      closeQuietly(connection);
      return;
    }
    if (healthy && idle.offer(connection)) {
      return;
    }
    closeQuietly(connection);
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
      return;
    }
    Connection connection;
    while ((connection = idle.poll()) != null) {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(Connection connection) {
    StatementCache.forget(connection);
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing a pooled connection on shutdown: nothing left to do with it.
    }
  }
}
