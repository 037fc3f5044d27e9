package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ferry.testing.TestStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Database does on PostgreSQL only; run with {@code -Dferry.test.db=postgres}. */
class PostgresDatabaseTest {
  private static final int WRITERS = 8;

  @TempDir Path dataDir;
  private Database db;
  private final ExecutorService callers = Executors.newFixedThreadPool(WRITERS);

  @BeforeEach
  void open() {
    assumeTrue(TestStore.postgres(), "PostgreSQL only: run with -Dferry.test.db=postgres");
    db = TestStore.open(dataDir);
    db.write(c -> Sql.update(c, "CREATE TABLE t (k TEXT PRIMARY KEY, seq BIGINT NOT NULL)"));
  }

  @AfterEach
  void close() {
    callers.shutdownNow();
    if (db != null) {
      db.close();
    }
  }

  @Test
  void describe_namesPostgreSqlAndWhereItIs() {
    assertThat(db.describe()).startsWith("PostgreSQL 1").contains(TestStore.url(dataDir));
  }

  @Test
  void checkThenInsert_byWritersAtOnce_seesTheRowTheFirstInsertedWhenRunAgain() throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> inserted =
        atOnce(
            () -> {
              start.await();
              return db.write(c -> {
                if (Sql.count(c, "SELECT COUNT(*) FROM t WHERE k = 'same'") > 0) {
                  return false;
                }
                // Both may find nothing; the second insert then meets the first one's key.
                pause();
                Sql.update(c, "INSERT INTO t (k, seq) VALUES ('same', 1)");
                return true;
              });
            },
            start);

    long winners = 0;
    for (Future<Boolean> one : inserted) {
      winners += one.get() ? 1 : 0;
    }
    assertThat(winners).isEqualTo(1);
  }

  @Test
  void lock_makesReadModifyWriteSequencesOneAtATime() throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> done =
        atOnce(
            () -> {
              start.await();
              for (int i = 0; i < 10; i++) {
                String key = Thread.currentThread().getName() + "-" + i;
                db.write(c -> {
                  db.dialect().lock(c, "t");
                  long next = Sql.count(c, "SELECT COALESCE(MAX(seq), 0) + 1 FROM t");
                  return Sql.update(c, "INSERT INTO t (k, seq) VALUES (?, ?)", key, next);
                });
              }
              return 10;
            },
            start);
    for (Future<Integer> one : done) {
      one.get();
    }

    long distinct = db.read(c -> Sql.count(c, "SELECT COUNT(DISTINCT seq) FROM t"));
    assertThat(distinct).isEqualTo(WRITERS * 10L);
  }

  @Test
  void open_refusesADatabaseThatDoesNotOrderTextByItsUtf8Bytes() throws Exception {
    String url = TestStore.url(dataDir);
    String server = url.substring(0, url.lastIndexOf('/') + 1);
    String name = "ferry_ascii_" + ProcessHandle.current().pid();
    String user = System.getProperty("ferry.test.jdbcUser", "ferry");
    String password = System.getProperty("ferry.test.jdbcPassword", "ferry");
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      c.createStatement().execute("DROP DATABASE IF EXISTS " + name);
      c.createStatement()
          .execute(
              "CREATE DATABASE "
                  + name
                  + " TEMPLATE template0 ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C'");
    }
    try {
      assertThatThrownBy(() -> Database.open(server + name, user, password))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("Ferry needs a UTF8 database that orders text by bytes")
          .hasMessageContaining("encoding SQL_ASCII");
    } finally {
      try (Connection c = DriverManager.getConnection(url, user, password)) {
        c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private <T> List<Future<T>> atOnce(Callable<T> work, CountDownLatch start) {
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      futures.add(callers.submit(work));
    }
    start.countDown();
    return futures;
  }
}
