package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dataDir;
  private Database db;
  private final ExecutorService callers = Executors.newCachedThreadPool();
  private final CountDownLatch firstStarted = new CountDownLatch(1);
  private final CountDownLatch releaseFirst = new CountDownLatch(1);

  @BeforeEach
  void open() {
    db = Database.openSqlite(dataDir);
    db.write(c -> Sql.update(c, "CREATE TABLE t (v TEXT NOT NULL UNIQUE)"));
  }

  @AfterEach
  void close() {
    releaseFirst.countDown();
    callers.shutdownNow();
    db.close();
  }

  @Test
  void sqlite_commitsDurablyBeforeAnswering() {
    String journal =
        db.read(c -> Sql.one(c, "PRAGMA journal_mode", row -> row.getString(1))).orElseThrow();
    long synchronous = db.read(c -> Sql.count(c, "PRAGMA synchronous"));
    assertThat(journal).isEqualTo("wal");
    // 2 is FULL: the WAL is fsynced at every commit.
    assertThat(synchronous).isEqualTo(2);
  }

  @Test
  void writersQueuedBehindACommit_shareOneTransaction_andEachGetsItsOwnResult() throws Exception {
    Future<String> first = blockingFirstWrite();
    Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
    List<Future<String>> queued = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String value = "v" + i;
      queued.add(
          callers.submit(() ->
              db.write(c -> {
                ranOn.add(Thread.currentThread());
                Sql.update(c, "INSERT INTO t (v) VALUES (?)", value);
                return value;
              })));
    }
    awaitWaiting(8);

    // The first write is not committed yet: no reader sees it.
    assertThat(count("first")).isZero();
    releaseFirst.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
    for (int i = 0; i < 8; i++) {
      assertThat(queued.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("v" + i);
    }
    assertThat(ranOn).hasSize(1);
    long rows = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM t"));
    assertThat(rows).isEqualTo(9);
  }

  @Test
  void moreWritersThanOneBatchHolds_eachReturnsOnlyOnceItsOwnWorkIsCommitted() throws Exception {
    Future<String> first = blockingFirstWrite();
    int writers = 150;
    List<Future<String>> queued = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      String value = "w" + i;
      queued.add(callers.submit(() -> db.write(c -> insert(c, value))));
    }
    awaitWaiting(writers);
    releaseFirst.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
    for (int i = 0; i < writers; i++) {
      String value = queued.get(i).get(10, TimeUnit.SECONDS);
      assertThat(value).isEqualTo("w" + i);
      assertThat(count(value)).isEqualTo(1);
    }
  }

  @Test
  void failingWorkInABatch_undoesOnlyItsOwnChanges_andOnlyItsCallerSeesTheFailure()
      throws Exception {
    Future<String> first = blockingFirstWrite();
    IllegalStateException refused = new IllegalStateException("refused");
    Future<String> before = callers.submit(() -> db.write(c -> insert(c, "before")));
    awaitWaiting(1);
    Future<String> thrown =
        callers.submit(() ->
            db.write(c -> {
              insert(c, "thrown");
              throw refused;
            }));
    awaitWaiting(2);
    Future<String> badSql =
        callers.submit(() ->
            db.write(c -> {
              insert(c, "bad-sql");
              return insert(c, "before"); // breaks the UNIQUE constraint
            }));
    awaitWaiting(3);
    Future<String> after = callers.submit(() -> db.write(c -> insert(c, "after")));
    awaitWaiting(4);
    releaseFirst.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
    assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo("before");
    assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("after");
    assertThatThrownBy(() -> thrown.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isSameAs(refused);
    assertThatThrownBy(() -> badSql.get(10, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("Database error")
        .hasMessageContaining("UNIQUE");
    List<String> kept =
        db.read(c -> Sql.list(c, "SELECT v FROM t ORDER BY v", row -> row.getString(1)));
    assertThat(kept).containsExactly("after", "before", "first");
  }

  @Test
  void writeWithoutContention_keepsItsPlainSemantics() {
    String one = db.write(c -> insert(c, "one"));
    assertThat(one).isEqualTo("one");
    assertThatThrownBy(() ->
            db.write(c -> {
              insert(c, "two");
              throw new IllegalArgumentException("no");
            }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no");
    assertThat(count("two")).isZero();
    assertThat(count("one")).isEqualTo(1);
  }

  @Test
  void crashSafeWrite_isCommitted_andItsConnectionCommitsSyncedAgainAfterwards() {
    String written = db.writeCrashSafe(c -> insert(c, "event"));
    assertThat(written).isEqualTo("event");
    assertThatThrownBy(() ->
            db.writeCrashSafe(c -> {
              insert(c, "refused");
              throw new IllegalStateException("no");
            }))
        .hasMessage("no");

    assertThat(count("event")).isEqualTo(1);
    assertThat(count("refused")).isZero();
    // The pool's connection is back to FULL (2) for the next write.
    long synchronous = db.read(c -> Sql.count(c, "PRAGMA synchronous"));
    assertThat(synchronous).isEqualTo(2);
    db.write(c -> insert(c, "metadata"));
    assertThat(count("metadata")).isEqualTo(1);
  }

  /** A write that holds the writer, uncommitted, until {@link #releaseFirst} opens. */
  private Future<String> blockingFirstWrite() throws InterruptedException {
    Future<String> first =
        callers.submit(() ->
            db.write(c -> {
              insert(c, "first");
              firstStarted.countDown();
              awaitRelease();
              return "first";
            }));
    assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
    return first;
  }

  private void awaitRelease() {
    try {
      releaseFirst.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitWaiting(int writes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (db.waitingWrites() < writes) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private long count(String value) {
    return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM t WHERE v = ?", value));
  }

  private static String insert(Connection c, String value) throws SQLException {
    Sql.update(c, "INSERT INTO t (v) VALUES (?)", value);
    return value;
  }
}
