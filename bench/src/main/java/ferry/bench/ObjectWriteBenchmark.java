package ferry.bench;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.s3.Bucket;
import ferry.s3.ObjectOwnership;
import ferry.s3.ObjectVersion;
import ferry.s3.store.BucketRepository;
import ferry.s3.store.ObjectRepository;
import ferry.store.Database;
import ferry.store.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable object-version writes per second through {@code ObjectRepository.put} on SQLite (WAL,
 * {@code synchronous=FULL}, a real disk under {@code java.io.tmpdir}), into a bucket that already
 * holds {@code objects} versions, one writer. {@code seqIndex=dropped} removes the index on
 * (bucket, seq) after the migrations, as the schema was before it: the ratio of the two is what the
 * index buys a growing bucket. {@code java -jar bench/target/benchmarks.jar ObjectWriteBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ObjectWriteBenchmark {
  private static final String BUCKET = "bench";
  private static final AccountId OWNER = AccountId.of("111111111111");

  @Param({"1000", "100000"})
  public int objects;

  @Param({"kept", "dropped"})
  public String seqIndex;

  private final AtomicLong keys = new AtomicLong();
  private Path dataDir;
  private Database db;
  private ObjectRepository repository;

  @Setup
  public void open() throws IOException {
    dataDir = Files.createTempDirectory("ferry-object-bench");
    db = Database.openSqlite(dataDir);
    new BucketRepository(db)
        .insertIfAbsent(
            Bucket.create(
                BUCKET,
                OWNER,
                Region.US_EAST_1,
                Instant.EPOCH,
                ObjectOwnership.BUCKET_OWNER_ENFORCED));
    db.write(c ->
        Sql.update(
            c,
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
                + " INSERT INTO s3_objects (bucket, object_key, version_id, seq, latest,"
                + " delete_marker, size, owner_account, created)"
                + " SELECT ?, 'existing/' || i, 'null', i, 1, 0, 1048576, ?, 0 FROM n",
            objects,
            BUCKET,
            OWNER.value()));
    if (seqIndex.equals("dropped")) {
      db.write(c -> Sql.update(c, "DROP INDEX s3_objects_seq"));
    }
    repository = new ObjectRepository(db);
  }

  @TearDown
  public void close() throws IOException {
    db.close();
    DataFolders.delete(dataDir);
  }

  @Benchmark
  public String put() {
    String key = "new/" + keys.incrementAndGet();
    return repository.put(ObjectVersion.deleteMarker(BUCKET, key, "null", OWNER, Instant.EPOCH));
  }
}
