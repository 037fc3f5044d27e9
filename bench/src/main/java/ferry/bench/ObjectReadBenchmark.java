package ferry.bench;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.s3.Bucket;
import ferry.s3.ObjectOwnership;
import ferry.s3.ObjectVersion;
import ferry.s3.Segment;
import ferry.s3.StoredEncryption;
import ferry.s3.store.BucketRepository;
import ferry.s3.store.KeyStart;
import ferry.s3.store.ObjectRepository;
import ferry.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two metadata reads of every GetObject, on SQLite: the bucket's row and the object's current
 * version, each with its JSON columns (the object's headers, tags and segments; the bucket's ACL
 * and encryption) mapped to records; and a listing page of multipart objects. {@code java -jar
 * bench/target/benchmarks.jar ObjectReadBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ObjectReadBenchmark {
  private static final String BUCKET = "bench";
  private static final AccountId OWNER = AccountId.of("111111111111");
  private static final int PAGE = 1_000;
  private static final int PARTS = 100;

  private Path dataDir;
  private Database db;
  private BucketRepository buckets;
  private ObjectRepository objects;

  @Setup
  public void open() throws IOException {
    dataDir = Files.createTempDirectory("ferry-read-bench");
    db = Database.openSqlite(dataDir);
    buckets = new BucketRepository(db);
    buckets.insertIfAbsent(
        Bucket.create(
            BUCKET, OWNER, Region.US_EAST_1, Instant.EPOCH, ObjectOwnership.BUCKET_OWNER_ENFORCED));
    objects = new ObjectRepository(db);
    objects.put(
        new ObjectVersion(
            BUCKET,
            "site/index.html",
            "3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY",
            0,
            true,
            false,
            1_048_576,
            "\"9b2cf535f27731c974343645a3985328\"",
            Map.of("Content-Type", "text/html", "x-amz-meta-build", "1234"),
            OWNER,
            "0a3f9c2e4b5d6e7f8091a2b3c4d5e6f7",
            Instant.EPOCH,
            List.of(),
            Map.of("env", "prod"),
            null,
            new StoredEncryption(
                "AES256", null, "c2VhbGVkIGRhdGEga2V5IGJ5dGVzIGhlcmUh", false, null, Map.of()),
            List.of(new Segment(7_341_823_661_239_881L, 1_048_576))));
    List<Segment> parts = new ArrayList<>();
    for (int i = 0; i < PARTS; i++) {
      parts.add(new Segment(7_341_823_661_239_881L + i, 8_388_608, "yZRlqg=="));
    }
    for (int i = 0; i < PAGE; i++) {
      objects.put(uploaded(String.format("uploads/%04d.zip", i), parts));
    }
  }

  /**
   * An object of {@code parts.size()} parts of 8 MiB, as {@code aws s3 cp} uploads a large file.
   */
  private static ObjectVersion uploaded(String key, List<Segment> parts) {
    return new ObjectVersion(
        BUCKET,
        key,
        "null",
        0,
        true,
        false,
        8_388_608L * parts.size(),
        "\"4f2b1c1d3e0a9b8c7d6e5f4a3b2c1d0e-" + parts.size() + "\"",
        Map.of("Content-Type", "application/zip"),
        OWNER,
        "1b3f9c2e4b5d6e7f8091a2b3c4d5e6f7",
        Instant.EPOCH,
        List.of(),
        Map.of(),
        null,
        new StoredEncryption(
            "AES256", null, "c2VhbGVkIGRhdGEga2V5IGJ5dGVzIGhlcmUh", false, null, Map.of()),
        parts);
  }

  @TearDown
  public void close() throws IOException {
    db.close();
    DataFolders.delete(dataDir);
  }

  @Benchmark
  public Bucket bucket() {
    return buckets.find(BUCKET).orElseThrow();
  }

  @Benchmark
  public ObjectVersion latestVersion() {
    return objects.findLatest(BUCKET, "site/index.html").orElseThrow();
  }

  /** A ListObjectsV2 page of 1,000 keys, each an object of 100 parts. */
  @Benchmark
  public List<ObjectVersion> listPageOfMultipartObjects() {
    return objects.listLatest(BUCKET, "uploads/", KeyStart.at("uploads/"), PAGE);
  }
}
