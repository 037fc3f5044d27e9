package ferry.bench;

import ferry.cloudtrail.EventJournal;
import ferry.cloudtrail.JournalEntry;
import ferry.cloudtrail.store.EventRepository;
import ferry.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CloudTrail journal's writer, in events per second: {@code build} is the work it does for each
 * entry (the event's record JSON and resources), {@code writeBatch} a batch of 1,000 GetObject
 * entries appended and written to the event history on SQLite under {@code java.io.tmpdir}. {@code
 * java -jar bench/target/benchmarks.jar EventWriterBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
public class EventWriterBenchmark {
  private static final int BATCH = 1000;

  private final AtomicLong ids = new AtomicLong();
  private Path dataDir;
  private Database db;
  private EventJournal journal;

  @Setup
  public void open() throws IOException {
    dataDir = Files.createTempDirectory("ferry-writer-bench");
    db = Database.openSqlite(dataDir);
    journal = EventJournal.open(dataDir, new EventRepository(db));
  }

  @TearDown
  public void close() throws IOException {
    journal.close();
    db.close();
    DataFolders.delete(dataDir);
  }

  @Benchmark
  public int build() {
    return EventRecordingBenchmark.getObject(ids.incrementAndGet()).events().size();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void writeBatch() {
    List<JournalEntry> entries = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      entries.add(EventRecordingBenchmark.getObject(ids.incrementAndGet()));
    }
    journal.append(entries);
    journal.settle();
  }
}
