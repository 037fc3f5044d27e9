package ferry.bench;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.s3.Bucket;
import ferry.s3.ObjectOwnership;
import ferry.s3.store.BlobReferenceRepository;
import ferry.s3.store.BucketRepository;
import ferry.store.BlobFiles;
import ferry.store.Database;
import ferry.store.Lifeline;
import ferry.store.Sql;
import ferry.store.UnreferencedBlobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What reclaiming the blobs a killed process left costs, by how many blobs the data folder holds:
 * for each size, a SQLite store whose rows name that many blob files, 100 files no row names, and
 * the lifeline of a process that ended without closing; then one reclaim, timed. The files are
 * written without fsync and the rows in one transaction (set-up, not what is measured). {@code java
 * -cp bench/target/benchmarks.jar ferry.bench.ReclaimCost [blobs ...]} (20000 and 100000 by
 * default).
 */
public final class ReclaimCost {
  private static final int UNREFERENCED = 100;
  private static final AccountId OWNER = AccountId.of("111111111111");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ReclaimCost() {}

  public static void main(String[] args) throws Exception {
    String[] sizes = args.length == 0 ? new String[] {"20000", "100000"} : args;
    for (String size : sizes) {
      measure(Integer.parseInt(size));
    }
  }

  private static void measure(int referenced) throws Exception {
    Path dataDir = Files.createTempDirectory("ferry-reclaim-bench");
    try (Database db = Database.openSqlite(dataDir)) {
      new BucketRepository(db)
          .insertIfAbsent(
              Bucket.create(
                  "bench",
                  OWNER,
                  Region.US_EAST_1,
                  Instant.EPOCH,
                  ObjectOwnership.BUCKET_OWNER_ENFORCED));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < referenced; i++) {
        ids.add(blobFile(dataDir));
      }
      db.write(c -> {
        for (int i = 0; i < referenced; i++) {
          Sql.update(
              c,
              "INSERT INTO s3_objects (bucket, object_key, version_id, seq, latest,"
                  + " delete_marker, size, owner_account, blob_id, created)"
                  + " VALUES ('bench', ?, 'null', 1, 1, 0, 10, ?, ?, 0)",
              "k" + i,
              OWNER.value(),
              ids.get(i));
        }
        return null;
      });
      for (int i = 0; i < UNREFERENCED; i++) {
        blobFile(dataDir);
      }
      Path killed = Files.createDirectories(dataDir.resolve("lifelines")).resolve("killed");
      Files.createFile(killed);
      Files.setLastModifiedTime(killed, FileTime.from(Instant.now().minusSeconds(3600)));

      var blobs = new BlobFiles(dataDir, Duration.ofMillis(1));
      try (Lifeline lifeline = Lifeline.hold(dataDir)) {
        var unreferenced = new UnreferencedBlobs(blobs, new BlobReferenceRepository(db), lifeline);
        unreferenced.sweep(); // finds the killed process; its blobs wait for the grace
        Thread.sleep(10);
        long start = System.nanoTime();
        int reclaimed = unreferenced.sweep();
        long micros = (System.nanoTime() - start) / 1_000;
        System.out.printf(
            "%,d blobs (%,d named by rows): reclaimed %d in %,d ms, %.1f us a blob%n",
            referenced + UNREFERENCED,
            referenced,
            reclaimed,
            micros / 1_000,
            (double) micros / (referenced + UNREFERENCED));
      }
    } finally {
      DataFolders.delete(dataDir);
    }
  }

  /** A blob file of the current layout with a new id, as BlobFiles names them; returns the id. */
  private static String blobFile(Path dataDir) throws IOException {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String id = HexFormat.of().formatHex(random);
    Path folder = Files.createDirectories(dataDir.resolve("blobs").resolve(id.substring(0, 2)));
    Files.write(folder.resolve(id), new byte[10]);
    return id;
  }
}
