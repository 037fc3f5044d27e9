package ferry.bench;

import ferry.store.Database;
import ferry.store.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable metadata writes per second through {@code Database.write} on SQLite (WAL, {@code
 * synchronous=FULL}, a real disk under {@code java.io.tmpdir}), one small row per write, from 1 and
 * 16 threads. {@code commits=group} is {@code Database.write} as it is; {@code
 * commits=one-per-write} holds a lock around each call, so every write is its own transaction and
 * its own WAL fsync, as before group commit: the ratio of the two is what group commit buys. {@code
 * java -jar bench/target/benchmarks.jar DatabaseWriteBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class DatabaseWriteBenchmark {
  @Param({"group", "one-per-write"})
  public String commits;

  private final Object oneAtATime = new Object();
  private final AtomicLong ids = new AtomicLong();
  private Path dataDir;
  private Database db;

  @Setup
  public void open() throws IOException {
    dataDir = Files.createTempDirectory("ferry-db-bench");
    db = Database.openSqlite(dataDir);
    db.write(c -> Sql.update(c, "CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, v TEXT)"));
  }

  @TearDown
  public void close() throws IOException {
    db.close();
    DataFolders.delete(dataDir);
  }

  @Benchmark
  @Threads(1)
  public int oneThread() {
    return write();
  }

  @Benchmark
  @Threads(16)
  public int sixteenThreads() {
    return write();
  }

  private int write() {
    long id = ids.incrementAndGet();
    if (commits.equals("group")) {
      return insert(id);
    }
    synchronized (oneAtATime) {
      return insert(id);
    }
  }

  private int insert(long id) {
    return db.write(c ->
        Sql.update(
            c,
            "INSERT INTO bench_rows (id, v) VALUES (?, ?)",
            id,
            "bucket/key-" + id + "/version-" + Long.toHexString(id * 0x9E3779B97F4A7C15L)));
  }
}
