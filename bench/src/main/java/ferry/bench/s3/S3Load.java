package ferry.bench.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A small S3 load harness: PUT and GET of 1 MiB objects at a given concurrency for a fixed time,
 * after unmeasured warm-up rounds, then a multipart upload and a parallel ranged download of a
 * large file, against one endpoint. Prints one line per measurement: {@code <label> <metric>
 * <value>}.
 *
 * <p>Arguments: endpoint accessKey secretKey label seconds largeFileMiB [concurrencies], where a
 * large file of 0 MiB is skipped and concurrencies is a comma-separated list (default 1,16).
 *
 * <p>The warm-up PUTs and GETs at concurrency 4 for {@code S3LOAD_WARMUP_SECONDS} (by default four
 * measurements' time): on two cores a fresh JVM's JIT compiles for a minute or more.
 *
 * <p>With {@code S3LOAD_SERVER_PID} set to the server's process id, each measurement is followed by
 * the CPU time the server and this harness spent on it per MiB moved: {@code
 * <measurement>_server_cpu_per_MiB_ms} and {@code <measurement>_client_cpu_per_MiB_ms}.
 */
public final class S3Load {
  private static final int MIB = 1024 * 1024;
  private static final int PART = 16 * MIB;

  private static @Nullable CpuMeter cpu;

  private S3Load() {}

  public static void main(String[] args) throws Exception {
    URI endpoint = URI.create(args[0]);
    String label = args[3];
    int seconds = Integer.parseInt(args[4]);
    int largeMiB = Integer.parseInt(args[5]);
    int[] concurrencies =
        args.length > 6
            ? java.util.Arrays.stream(args[6].split(",")).mapToInt(Integer::parseInt).toArray()
            : new int[] {1, 16};
    String bucket = "bench-" + Long.toString(System.nanoTime(), 36);
    boolean requiredOnly = "when_required".equalsIgnoreCase(System.getenv("S3LOAD_CHECKSUMS"));
    int warmupSeconds = setting("S3LOAD_WARMUP_SECONDS").map(Integer::parseInt).orElse(4 * seconds);
    cpu = setting("S3LOAD_SERVER_PID").map(pid -> new CpuMeter(Long.parseLong(pid))).orElse(null);
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            // The same client for every server, with the SDK's default checksums (a CRC32 trailer
            // on every upload, checked on download) unless S3LOAD_CHECKSUMS=when_required.
            .requestChecksumCalculation(
                requiredOnly
                    ? RequestChecksumCalculation.WHEN_REQUIRED
                    : RequestChecksumCalculation.WHEN_SUPPORTED)
            .responseChecksumValidation(
                requiredOnly
                    ? ResponseChecksumValidation.WHEN_REQUIRED
                    : ResponseChecksumValidation.WHEN_SUPPORTED)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(args[1], args[2])))
            .httpClient(
                Apache5HttpClient.builder()
                    .maxConnections(64)
                    .socketTimeout(Duration.ofMinutes(5))
                    .build())
            .build()) {
      s3.createBucket(b -> b.bucket(bucket));
      byte[] object = new byte[MIB];
      new Random(1).nextBytes(object);
      // Unmeasured rounds first, PUT and GET in turn, so every server is measured with its JIT
      // warm.
      long warmUntil = System.nanoTime() + warmupSeconds * 1_000_000_000L;
      while (System.nanoTime() < warmUntil) {
        int warm =
            run(
                    4,
                    seconds,
                    n ->
                        s3.putObject(
                            p -> p.bucket(bucket).key("warm-" + n), RequestBody.fromBytes(object)))
                .inTime();
        run(4, seconds, n -> s3.getObjectAsBytes(g -> g.bucket(bucket).key("warm-" + (n % warm))));
      }
      for (int concurrency : concurrencies) {
        String put = "put_1MiB_c" + concurrency;
        var start = cpu();
        Counts written =
            run(
                concurrency,
                seconds,
                i ->
                    s3.putObject(
                        p -> p.bucket(bucket).key("obj-" + concurrency + "-" + i),
                        RequestBody.fromBytes(object)));
        print(label, put + "_ops_per_s", written.inTime() / (double) seconds);
        printCpu(label, put, start, written.all());
        int total = written.inTime();
        String get = "get_1MiB_c" + concurrency;
        start = cpu();
        Counts read =
            run(
                concurrency,
                seconds,
                i -> {
                  try (ResponseInputStream<GetObjectResponse> in =
                      s3.getObject(
                          g -> g.bucket(bucket).key("obj-" + concurrency + "-" + (i % total)))) {
                    in.transferTo(OutputStream.nullOutputStream());
                  }
                });
        print(label, get + "_ops_per_s", read.inTime() / (double) seconds);
        printCpu(label, get, start, read.all());
      }
      if (largeMiB > 0) {
        large(s3, bucket, label, largeMiB);
      }
    }
  }

  /** An environment variable's value, when it is set and not blank. */
  private static Optional<String> setting(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  @FunctionalInterface
  interface Operation {
    void run(int i) throws Exception;
  }

  /** How many operations of a timed run finished within its time, and how many in all. */
  private record Counts(int inTime, int all) {}

  /**
   * Runs the operation from {@code concurrency} threads for the time. The last ones started finish
   * after it: they count in the CPU spent but not in the rate.
   */
  private static Counts run(int concurrency, int seconds, Operation operation) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    try (ExecutorService threads = Executors.newFixedThreadPool(concurrency)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < concurrency; t++) {
        workers.add(
            threads.submit(() -> {
              while (System.nanoTime() < end) {
                operation.run(next.getAndIncrement());
                if (System.nanoTime() <= end) {
                  done.incrementAndGet();
                }
              }
              return null;
            }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    }
    return new Counts(Math.max(1, done.get()), next.get());
  }

  /**
   * A large file up in 16 MiB parts, 8 at a time, and down in 16 MiB ranges, 8 at a time. The
   * ranges are counted as they arrive, not written to a file: eight threads writing one file spun
   * on its inode's lock, 3–4 ms of the harness's CPU per MiB, more than any server spent sending
   * it, on cores the server shares.
   */
  private static void large(S3Client s3, String bucket, String label, int sizeMiB)
      throws Exception {
    Path source = Files.createTempFile("s3load", ".bin");
    try {
      try (OutputStream out = Files.newOutputStream(source)) {
        byte[] chunk = new byte[MIB];
        Random random = new Random(2);
        for (int i = 0; i < sizeMiB; i++) {
          random.nextBytes(chunk);
          out.write(chunk);
        }
      }
      long size = (long) sizeMiB * MIB;
      int parts = (int) ((size + PART - 1) / PART);
      var cpuStart = cpu();
      long start = System.nanoTime();
      String uploadId = s3.createMultipartUpload(c -> c.bucket(bucket).key("large")).uploadId();
      CompletedPart[] completed = new CompletedPart[parts];
      try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
        List<Future<?>> work = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
          int n = p + 1;
          long offset = (long) p * PART;
          int length = (int) Math.min(PART, size - offset);
          work.add(
              threads.submit(() -> {
                byte[] bytes = new byte[length];
                try (var channel = FileChannel.open(source, StandardOpenOption.READ)) {
                  channel.read(ByteBuffer.wrap(bytes), offset);
                }
                String etag =
                    s3.uploadPart(
                            u -> u.bucket(bucket).key("large").uploadId(uploadId).partNumber(n),
                            RequestBody.fromBytes(bytes))
                        .eTag();
                completed[n - 1] = CompletedPart.builder().partNumber(n).eTag(etag).build();
                return null;
              }));
        }
        for (Future<?> f : work) {
          f.get();
        }
      }
      long completing = System.nanoTime();
      s3.completeMultipartUpload(c ->
          c.bucket(bucket)
              .key("large")
              .uploadId(uploadId)
              .multipartUpload(m -> m.parts(completed)));
      long end = System.nanoTime();
      String up = "multipart_up_" + sizeMiB + "MiB";
      print(label, up + "_MiB_per_s", sizeMiB / ((end - start) / 1e9));
      print(label, "multipart_complete_" + sizeMiB + "MiB_ms", (end - completing) / 1e6);
      printCpu(label, up, cpuStart, sizeMiB);

      cpuStart = cpu();
      start = System.nanoTime();
      AtomicLong received = new AtomicLong();
      try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
        List<Future<?>> work = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
          long offset = (long) p * PART;
          long last = Math.min(size, offset + PART) - 1;
          work.add(
              threads.submit(() -> {
                try (InputStream in =
                    s3.getObject(
                        g -> g.bucket(bucket).key("large").range("bytes=" + offset + "-" + last))) {
                  byte[] buffer = new byte[MIB];
                  for (int n; (n = in.read(buffer)) > 0; ) {
                    received.addAndGet(n);
                  }
                }
                return null;
              }));
        }
        for (Future<?> f : work) {
          f.get();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (received.get() != size) {
        throw new IOException("Downloaded " + received.get() + " of " + size + " bytes");
      }
      String down = "ranged_down_" + sizeMiB + "MiB";
      print(label, down + "_MiB_per_s", sizeMiB / seconds);
      printCpu(label, down, cpuStart, sizeMiB);
    } finally {
      Files.deleteIfExists(source);
    }
  }

  private static void print(String label, String metric, double value) {
    System.out.printf("%s %s %.1f%n", label, metric, value);
  }

  /** Both processes' CPU time so far, or nothing when the server's process is not known. */
  private static CpuMeter.@Nullable Reading cpu() {
    return cpu == null ? null : cpu.read();
  }

  /** What the server and the harness spent per MiB since {@code start}, when it was measured. */
  private static void printCpu(
      String label, String measurement, CpuMeter.@Nullable Reading start, double mib) {
    if (cpu == null || start == null) {
      return;
    }
    CpuMeter.Reading spent = cpu.read().since(start);
    System.out.printf(
        "%s %s_server_cpu_per_MiB_ms %.2f%n", label, measurement, spent.serverMs() / mib);
    System.out.printf(
        "%s %s_client_cpu_per_MiB_ms %.2f%n", label, measurement, spent.clientMs() / mib);
  }
}
