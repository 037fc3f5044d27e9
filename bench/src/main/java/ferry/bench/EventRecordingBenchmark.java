package ferry.bench;

import ferry.authz.AccessRequest;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.cloudtrail.ApiCall;
import ferry.cloudtrail.EventJournal;
import ferry.cloudtrail.JournalEntry;
import ferry.cloudtrail.TrailEvent;
import ferry.cloudtrail.store.EventRepository;
import ferry.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * What recording a GetObject costs the request's thread, from 16 threads on SQLite under {@code
 * java.io.tmpdir}: {@code path=journal} is Ferry's path (encode the call, append it to the
 * CloudTrail journal; the events are built by the journal's writer), {@code path=direct} the one
 * before it (build the event's JSON and resources on the request thread and wait for their
 * crash-safe write). Both end once the call's record survives {@code kill -9}. {@code java -jar
 * bench/target/benchmarks.jar EventRecordingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
public class EventRecordingBenchmark {
  private static final AccountId DEV = AccountId.of("111111111111");

  @Param({"journal", "direct"})
  public String path;

  private final AtomicLong ids = new AtomicLong();
  private Path dataDir;
  private Database db;
  private EventRepository history;
  private EventJournal journal;

  @Setup
  public void open() throws IOException {
    dataDir = Files.createTempDirectory("ferry-recording-bench");
    db = Database.openSqlite(dataDir);
    history = new EventRepository(db);
    journal = EventJournal.open(dataDir, history);
  }

  @TearDown
  public void close() throws IOException {
    journal.close();
    db.close();
    DataFolders.delete(dataDir);
  }

  @Benchmark
  @Threads(16)
  public int record() {
    JournalEntry entry = getObject(ids.incrementAndGet());
    if (path.equals("journal")) {
      journal.append(List.of(entry));
      return 1;
    }
    List<TrailEvent> events = entry.events();
    history.insert(events, entry.uses(events));
    return events.size();
  }

  static JournalEntry getObject(long n) {
    Instant now = Instant.now();
    var caller =
        new Caller(
            new Principal.AccountRoot(DEV),
            "AKIAEXAMPLEDEV000001",
            List.of(),
            Map.of(),
            "127.0.0.1",
            false,
            now,
            Region.US_EAST_1,
            null,
            null,
            null);
    AccessRequest access =
        AccessRequest.of("s3:GetObject", "arn:aws:s3:::bench/objects/key-" + n, DEV);
    return new JournalEntry(
        new ApiCall(
            now,
            caller,
            null,
            "s3.amazonaws.com",
            "GetObject",
            "aws-sdk-java/2.30 ua/2.1 os/Linux lang/java#21 md/internal",
            "REQ" + Long.toHexString(n),
            null,
            null,
            access,
            "d-bench-" + n,
            null),
        List.of(access));
  }
}
