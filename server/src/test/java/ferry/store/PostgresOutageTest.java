package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ferry.testing.DatabaseProxy;
import ferry.testing.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A busy pool is no outage, an outage is answered at once for requests and waited out by background
 * work; PostgreSQL only (run with {@code -Dferry.test.db=postgres}).
 */
class PostgresOutageTest {
  private static final String USER = System.getProperty("ferry.test.jdbcUser", "ferry");
  private static final String PASSWORD = System.getProperty("ferry.test.jdbcPassword", "ferry");

  @TempDir Path dataDir;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private DatabaseProxy proxy;
  private Database db;

  @BeforeEach
  void open() throws Exception {
    assumeTrue(TestStore.postgres(), "PostgreSQL only: run with -Dferry.test.db=postgres");
    String url = TestStore.url(dataDir);
    proxy = DatabaseProxy.to(url);
    db = Database.open(proxy.url(url), USER, PASSWORD);
    db.write(c -> Sql.update(c, "CREATE TABLE t (k TEXT PRIMARY KEY)"));
  }

  @AfterEach
  void close() throws Exception {
    threads.shutdownNow();
    if (db != null) {
      db.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void everyConnectionLent_backgroundWorkAndRequestsWait_andSucceedOnceOneIsFree()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Future<?>> holders = lend(16, release);

    Future<Integer> background =
        threads.submit(() -> db.write(c -> Sql.update(c, "INSERT INTO t (k) VALUES ('engine')")));
    Future<Long> request =
        threads.submit(() -> {
          Database.RequestScope scope = Database.answeringRequest();
          try {
            return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM t"));
          } finally {
            scope.close();
          }
        });
    // Several of the pool's waits: neither is taken for an outage.
    Thread.sleep(5 * Database.CONNECTION_WAIT.toMillis());
    assertThat(background).isNotDone();
    assertThat(request).isNotDone();
    release.countDown();

    assertThat(background.get(30, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(request.get(30, TimeUnit.SECONDS)).isBetween(0L, 1L);
    for (Future<?> holder : holders) {
      holder.get(30, TimeUnit.SECONDS);
    }
    long rows = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM t"));
    assertThat(rows).isEqualTo(1);
  }

  @Test
  void databaseAway_aRequestIsRefusedAtOnce_backgroundWorkWaitsItOut_nothingHalfWritten()
      throws Exception {
    db.write(c -> Sql.update(c, "INSERT INTO t (k) VALUES ('before')"));

    proxy.cut();
    long asked = System.nanoTime();
    Throwable refused =
        catchThrowable(() -> {
          Database.RequestScope scope = Database.answeringRequest();
          try {
            db.write(c -> Sql.update(c, "INSERT INTO t (k) VALUES ('request')"));
          } finally {
            scope.close();
          }
        });
    Duration took = Duration.ofNanos(System.nanoTime() - asked);
    Future<Integer> background =
        threads.submit(() -> db.write(c -> Sql.update(c, "INSERT INTO t (k) VALUES ('engine')")));
    Thread.sleep(3_000);
    assertThat(background).as("background work waits while the database is away").isNotDone();
    proxy.restore();

    assertThat(refused)
        .isInstanceOf(StoreException.class)
        .isNotInstanceOf(DatabaseBusyException.class);
    assertThat(StoreException.unreachable(refused)).isTrue();
    assertThat(took)
        .as("a request is refused within two seconds")
        .isLessThan(Duration.ofSeconds(2));
    assertThat(background.get(30, TimeUnit.SECONDS)).isEqualTo(1);
    List<String> keys =
        db.read(c -> Sql.list(c, "SELECT k FROM t ORDER BY k", row -> row.getString(1)));
    assertThat(keys).containsExactly("before", "engine");
    assertThat(db.answers()).isTrue();
  }

  @Test
  void connectionsCutByAShortOutage_areLetGo_soTheFirstRequestsAfterItSucceed() throws Exception {
    // Three connections in the pool, each used a moment ago: HikariCP lends such a connection
    // without checking it for 0.5 s.
    CountDownLatch release = new CountDownLatch(1);
    List<Future<?>> holders = lend(3, release);
    release.countDown();
    for (Future<?> holder : holders) {
      holder.get(30, TimeUnit.SECONDS);
    }

    proxy.cut();
    proxy.restore();

    Database.RequestScope scope = Database.answeringRequest();
    try {
      for (int i = 0; i < 3; i++) {
        long rows = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM t"));
        assertThat(rows).isZero();
      }
      db.write(c -> Sql.update(c, "INSERT INTO t (k) VALUES ('after')"));
    } finally {
      scope.close();
    }
    long rows = db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM t"));
    assertThat(rows).isEqualTo(1);
  }

  /** Lends {@code count} connections at once, each kept until {@code release}. */
  private List<Future<?>> lend(int count, CountDownLatch release) throws InterruptedException {
    CountDownLatch held = new CountDownLatch(count);
    List<Future<?>> holders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      holders.add(
          threads.submit(() ->
              db.read(c -> {
                held.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return null;
              })));
    }
    assertThat(held.await(30, TimeUnit.SECONDS)).as("%d connections lent", count).isTrue();
    return holders;
  }
}
