package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Flight Recorder events of the metadata database: each statement, and each commit. */
class DatabaseEventsTest {
  @TempDir Path dataDir;
  private Database db;
  private final Recording recording = new Recording();
  private final ExecutorService writers = Executors.newCachedThreadPool();

  @BeforeEach
  void open() {
    db = Database.openSqlite(dataDir);
    db.write(c -> Sql.update(c, "CREATE TABLE t (v TEXT NOT NULL)"));
    recording.enable(SqlStatementEvent.NAME);
    recording.enable(DatabaseCommitEvent.NAME);
    recording.start();
  }

  @AfterEach
  void close() {
    recording.close();
    writers.shutdownNow();
    db.close();
  }

  @Test
  void eachStatement_isRecordedWithItsSql_rows_andTheTimeSpentReadingThem() throws Exception {
    db.write(c -> Sql.update(c, "INSERT INTO t (v) VALUES ('a'), ('b'), ('c')"));
    List<String> read =
        db.read(c -> Sql.list(c, "SELECT v FROM t WHERE v < ?", row -> row.getString(1), "c"));
    assertThat(read).containsExactly("a", "b");

    List<RecordedEvent> statements = events(SqlStatementEvent.NAME);
    assertThat(statements)
        .extracting(e -> e.getString("sql"), e -> e.getInt("rows"))
        .containsExactly(
            tuple("INSERT INTO t (v) VALUES ('a'), ('b'), ('c')", 3),
            tuple("SELECT v FROM t WHERE v < ?", 2));
    RecordedEvent query = statements.get(1);
    assertThat(query.getDuration("reading")).isPositive().isLessThanOrEqualTo(query.getDuration());
    assertThat(statements.get(0).getDuration("reading")).isZero();
  }

  @Test
  void writesQueuedBehindACommit_areRecordedAsOneCommit_withTheirCount() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<?> first =
        writers.submit(() ->
            db.write(c -> {
              started.countDown();
              awaitRelease(release);
              return Sql.update(c, "INSERT INTO t (v) VALUES ('first')");
            }));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    List<Future<?>> queued = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      queued.add(
          writers.submit(() -> db.write(c -> Sql.update(c, "INSERT INTO t (v) VALUES ('q')"))));
    }
    queued.add(
        writers.submit(() ->
            db.writeCrashSafe(c -> Sql.update(c, "INSERT INTO t (v) VALUES ('crash-safe')"))));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (db.waitingWrites() < 4) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.sleep(5);
    }
    release.countDown();
    first.get(10, TimeUnit.SECONDS);
    for (Future<?> write : queued) {
      write.get(10, TimeUnit.SECONDS);
    }
    db.writeCrashSafe(c -> Sql.update(c, "INSERT INTO t (v) VALUES ('alone')"));

    assertThat(events(DatabaseCommitEvent.NAME))
        .extracting(e -> e.getInt("writes"), e -> e.getBoolean("synced"))
        .containsExactly(tuple(1, true), tuple(4, true), tuple(1, false));
  }

  private static void awaitRelease(CountDownLatch release) {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<RecordedEvent> events(String name) throws Exception {
    recording.stop();
    Path file = dataDir.resolve("recording.jfr");
    recording.dump(file);
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals(name))
        .sorted(Comparator.comparing(RecordedEvent::getStartTime))
        .toList();
  }
}
