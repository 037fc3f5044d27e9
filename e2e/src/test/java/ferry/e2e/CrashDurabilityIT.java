package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What was acknowledged survives a crash, and nothing else appears: {@code kill -9} of the server
 * process during a concurrent PUT load (single PUTs of several sizes and multipart uploads), then a
 * restart on the same data folder. Every object whose PUT was answered 200 is there with the same
 * bytes; every other visible object is one whose PUT had started and it is complete and correct.
 * The blobs the killed node left unreferenced are reclaimed, and only those: every object is read
 * back after the reclaim.
 */
class CrashDurabilityIT {
  private static final int THREADS = 16;
  private static final int MIB = 1024 * 1024;
  private static final int[] SIZES = {0, 1_000, 100_000, MIB + 12_345, 2 * MIB};
  private static final String BUCKET = "crash-load";

  @TempDir Path work;

  @Test
  void kill9DuringConcurrentPuts_keepsEveryAcknowledgedObject_andShowsNothingPartial()
      throws Exception {
    Path data = work.resolve("data");
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    Set<String> started = ConcurrentHashMap.newKeySet();

    FerryServer first = FerryServer.start(data);
    try (S3Client s3 = s3(first)) {
      s3.createBucket(b -> b.bucket(BUCKET));
      AtomicBoolean killed = new AtomicBoolean();
      AtomicInteger failedAfterKill = new AtomicInteger();
      List<Future<?>> writers = new ArrayList<>();
      try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          writers.add(
              threads.submit(() -> {
                for (int n = 0; !killed.get(); n++) {
                  String key = "t" + thread + "/o" + n;
                  started.add(key);
                  try {
                    put(s3, key, n);
                    acknowledged.put(key, sha256(content(key, n)));
                  } catch (RuntimeException e) {
                    if (!killed.get()) {
                      throw e;
                    }
                    failedAfterKill.incrementAndGet();
                  }
                }
                return null;
              }));
        }
        awaitAcknowledged(acknowledged, 48, Duration.ofSeconds(10));
        killed.set(true);
        first.kill();
        for (Future<?> writer : writers) {
          writer.get(60, TimeUnit.SECONDS);
        }
      }
      assertThat(failedAfterKill.get())
          .as("the kill landed while PUTs were in flight")
          .isPositive();
    }

    int blobsAfterKill = DataFolder.blobs(data).size();
    // The wait before the killed node's unreferenced blobs are reclaimed is 2 s here (15 minutes in
    // service), so the restarted node reclaims them while the test watches.
    try (FerryServer second =
            FerryServer.start(
                data,
                Map.of("JDK_JAVA_OPTIONS", "-Dferry.blobs.abandonedAfter=PT2S"),
                "--port",
                "0");
        S3Client s3 = s3(second)) {
      Map<String, Long> visible = new ConcurrentHashMap<>();
      for (S3Object object : s3.listObjectsV2Paginator(l -> l.bucket(BUCKET)).contents()) {
        visible.put(object.key(), object.size());
      }
      assertThat(DataFolder.awaitUncleanEndsReclaimed(data, Duration.ofSeconds(30))).isTrue();
      int parts = 0;
      for (MultipartUpload upload : s3.listMultipartUploads(l -> l.bucket(BUCKET)).uploads()) {
        parts +=
            s3.listParts(l -> l.bucket(BUCKET).key(upload.key()).uploadId(upload.uploadId()))
                .parts()
                .size();
      }
      int blobsAfterReclaim = DataFolder.blobs(data).size();
      System.out.printf(
          "kill -9 after %d PUTs answered of %d started; %d objects visible after restart; %d"
              + " blobs after the kill, %d after the reclaim (%d parts of uploads in progress)%n",
          acknowledged.size(),
          started.size(),
          visible.size(),
          blobsAfterKill,
          blobsAfterReclaim,
          parts);
      assertThat(blobsAfterReclaim)
          .as("one blob for each visible object and each part of an upload in progress")
          .isEqualTo(visible.size() + parts);
      assertThat(visible.keySet()).containsAll(acknowledged.keySet());
      assertThat(started).containsAll(visible.keySet());
      for (String key : visible.keySet()) {
        int n = Integer.parseInt(key.substring(key.indexOf("/o") + 2));
        byte[] stored = s3.getObjectAsBytes(g -> g.bucket(BUCKET).key(key)).asByteArray();
        String expected = acknowledged.getOrDefault(key, sha256(content(key, n)));
        assertThat(sha256(stored))
            .as(
                "the bytes of %s (%s)",
                key, acknowledged.containsKey(key) ? "answered" : "in flight")
            .isEqualTo(expected);
        assertThat(visible.get(key)).isEqualTo(stored.length);
      }
    }
  }

  /** Every eighth object of a thread goes up in two parts, the others in one PUT. */
  private static void put(S3Client s3, String key, int n) {
    byte[] bytes = content(key, n);
    if (n % 8 != 7) {
      s3.putObject(p -> p.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
      return;
    }
    String upload = s3.createMultipartUpload(c -> c.bucket(BUCKET).key(key)).uploadId();
    int split = 5 * MIB;
    String one =
        s3.uploadPart(
                u -> u.bucket(BUCKET).key(key).uploadId(upload).partNumber(1),
                RequestBody.fromByteBuffer(ByteBuffer.wrap(bytes, 0, split)))
            .eTag();
    String two =
        s3.uploadPart(
                u -> u.bucket(BUCKET).key(key).uploadId(upload).partNumber(2),
                RequestBody.fromByteBuffer(ByteBuffer.wrap(bytes, split, bytes.length - split)))
            .eTag();
    s3.completeMultipartUpload(c ->
        c.bucket(BUCKET)
            .key(key)
            .uploadId(upload)
            .multipartUpload(m ->
                m.parts(
                    CompletedPart.builder().partNumber(1).eTag(one).build(),
                    CompletedPart.builder().partNumber(2).eTag(two).build())));
  }

  /** The bytes of object {@code n} of a key, derived from the key so they need not be kept. */
  private static byte[] content(String key, int n) {
    int size = n % 8 == 7 ? 5 * MIB + 200_000 : SIZES[n % SIZES.length];
    byte[] bytes = new byte[size];
    new Random(key.hashCode()).nextBytes(bytes);
    return bytes;
  }

  private static void awaitAcknowledged(Map<String, String> acknowledged, int count, Duration most)
      throws InterruptedException {
    long deadline = System.nanoTime() + most.toNanos();
    while (acknowledged.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(acknowledged.size()).as("PUTs answered before the kill").isGreaterThan(0);
  }

  private static S3Client s3(FerryServer ferry) {
    FerryServer.Account dev = ferry.account("dev");
    return S3Client.builder()
        .endpointOverride(ferry.endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(dev.accessKeyId(), dev.secretAccessKey())))
        // No retries: a request the dead server never answered must not be sent again.
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
        .httpClient(Apache5HttpClient.builder().maxConnections(THREADS * 2).build())
        .build();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
