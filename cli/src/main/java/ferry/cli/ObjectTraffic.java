package ferry.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 object traffic of the kind builds, syncs and deploys make: uploads and downloads of small to
 * multi-megabyte objects, one at a time and eight at once, whole and ranged, a listing, a multipart
 * upload, and a batch delete of it all. Every call must succeed; the first failure ends the run.
 */
final class ObjectTraffic {
  private static final int KIB = 1024;
  private static final int MIB = 1024 * KIB;
  private static final int[] SIZES = {4 * KIB, 256 * KIB, MIB, 4 * MIB};
  private static final int PART = 5 * MIB;
  private static final int PARTS = 3;

  /** How many calls of each kind a run made: GETs of whole objects and of ranges apart. */
  record Counts(int puts, int gets, int rangedGets, int listings, int parts, int deleted) {}

  private final S3Client s3;
  private final String bucket;
  private final Duration phase;
  private final byte[] bytes = new byte[PART];
  private final AtomicInteger puts = new AtomicInteger();
  private final AtomicInteger gets = new AtomicInteger();
  private final AtomicInteger rangedGets = new AtomicInteger();
  private int listings;

  /**
   * @param phase how long each of the four timed phases (uploads and downloads, one at a time and
   *     eight at once) lasts
   */
  ObjectTraffic(S3Client s3, String bucket, Duration phase) {
    this.s3 = s3;
    this.bucket = bucket;
    this.phase = phase;
    new Random(17).nextBytes(bytes);
  }

  Counts run() {
    s3.createBucket(b -> b.bucket(bucket));
    for (int concurrency : new int[] {1, 8}) {
      String prefix = "c" + concurrency + "/";
      int written = timed(concurrency, i -> put(prefix + i, SIZES[i % SIZES.length]));
      timed(concurrency, i -> read(prefix + i % written, i));
    }
    List<ObjectIdentifier> keys = listAll();
    multipart("multipart/large");
    get("multipart/large", "bytes=" + (PART - 100) + "-" + (PART + 99));
    keys.add(ObjectIdentifier.builder().key("multipart/large").build());
    int deleted = deleteAll(keys);
    s3.deleteBucket(b -> b.bucket(bucket));
    return new Counts(puts.get(), gets.get(), rangedGets.get(), listings, PARTS, deleted);
  }

  private void put(String key, int size) {
    // The SDK copies the bytes it is given: a slice of the buffer, not a copy of one.
    s3.putObject(
        p -> p.bucket(bucket).key(key),
        RequestBody.fromByteBuffer(ByteBuffer.wrap(bytes, 0, size)));
    puts.incrementAndGet();
  }

  /** Every fourth read is of a kilobyte, within the smallest object (past its end is a 416). */
  private void read(String key, int i) {
    if (i % 4 == 3) {
      int start = i * 7 % (SIZES[0] - KIB);
      get(key, "bytes=" + start + "-" + (start + KIB - 1));
    } else {
      get(key, null);
    }
  }

  private void get(String key, @Nullable String range) {
    try (InputStream in = s3.getObject(g -> g.bucket(bucket).key(key).range(range))) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    (range == null ? gets : rangedGets).incrementAndGet();
  }

  private List<ObjectIdentifier> listAll() {
    List<ObjectIdentifier> keys = new ArrayList<>();
    String token = null;
    do {
      String after = token;
      var page = s3.listObjectsV2(l -> l.bucket(bucket).maxKeys(100).continuationToken(after));
      page.contents().stream()
          .map(S3Object::key)
          .forEach(k -> keys.add(ObjectIdentifier.builder().key(k).build()));
      token = page.nextContinuationToken();
      listings++;
    } while (token != null);
    return keys;
  }

  /** Deletes the keys a thousand at a time, as DeleteObjects allows; returns how many went. */
  private int deleteAll(List<ObjectIdentifier> keys) {
    int deleted = 0;
    for (int from = 0; from < keys.size(); from += 1000) {
      List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + 1000));
      var answer = s3.deleteObjects(d -> d.bucket(bucket).delete(x -> x.objects(batch)));
      if (!answer.errors().isEmpty()) {
        throw new IllegalStateException("DeleteObjects failed: " + answer.errors().getFirst());
      }
      deleted += answer.deleted().size();
    }
    return deleted;
  }

  private void multipart(String key) {
    String upload = s3.createMultipartUpload(c -> c.bucket(bucket).key(key)).uploadId();
    List<CompletedPart> done = new ArrayList<>();
    for (int number = 1; number <= PARTS; number++) {
      int n = number;
      String etag =
          s3.uploadPart(
                  u -> u.bucket(bucket).key(key).uploadId(upload).partNumber(n),
                  RequestBody.fromBytes(bytes))
              .eTag();
      done.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
    }
    s3.completeMultipartUpload(
        c -> c.bucket(bucket).key(key).uploadId(upload).multipartUpload(m -> m.parts(done)));
  }

  /**
   * Runs {@code call(i)} for i = 0, 1, … from {@code concurrency} threads, each at least once, for
   * one phase; returns how many calls were made (every i below it).
   */
  private int timed(int concurrency, IntConsumer call) {
    long end = System.nanoTime() + phase.toNanos();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    try (ExecutorService threads = Executors.newFixedThreadPool(concurrency)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < concurrency; t++) {
        workers.add(
            threads.submit(() -> {
              do {
                call.accept(next.getAndIncrement());
                finished.incrementAndGet();
              } while (System.nanoTime() < end);
            }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure
          ? failure
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return finished.get();
  }
}
