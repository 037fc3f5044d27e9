package ferry.bench.s3;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One client's PUT time by object size, split into what a PUT costs whatever its size and what each
 * MiB adds. {@link S3Load}'s PUT at concurrency 1 is one figure of both; this tells them apart,
 * which says whether a change should aim at the per-request path (signature, authorization, syncs,
 * metadata commit, answer) or at the bytes (digests, encryption, write, the blob's sync).
 *
 * <p>After a warm-up of every size, each size is PUT for {@code seconds} in turn, {@code rounds}
 * times round (so the machine's drift falls on every size alike). Prints {@code <label>
 * put_c1_<size>_ms <median ms>} for each size (1B to 4MiB), then {@code put_c1_fixed_ms} (the
 * 1-byte PUT) and {@code put_c1_per_MiB_ms} (the least-squares slope over all sizes).
 *
 * <p>Arguments: endpoint accessKey secretKey label [seconds (3)] [rounds (3)].
 */
public final class PutLatency {
  private static final int[] SIZES = {1, 64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024};

  private PutLatency() {}

  public static void main(String[] args) {
    String label = args[3];
    int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
    try (S3Client s3 =
        S3Client.builder()
            .endpointOverride(URI.create(args[0]))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(args[1], args[2])))
            .httpClient(Apache5HttpClient.builder().build())
            .build()) {
      String bucket = "latency-" + Long.toString(System.nanoTime(), 36);
      s3.createBucket(b -> b.bucket(bucket));
      byte[] random = new byte[SIZES[SIZES.length - 1]];
      new Random(1).nextBytes(random);
      List<byte[]> bodies =
          Arrays.stream(SIZES).mapToObj(size -> Arrays.copyOf(random, size)).toList();
      for (byte[] body : bodies) {
        msPerPut(s3, bucket, body, seconds * 2);
      }
      List<double[]> times = new ArrayList<>();
      for (int size : SIZES) {
        times.add(new double[rounds]);
      }
      for (int round = 0; round < rounds; round++) {
        for (int s = 0; s < SIZES.length; s++) {
          times.get(s)[round] = msPerPut(s3, bucket, bodies.get(s), seconds);
        }
      }
      double[] medians = times.stream().mapToDouble(PutLatency::median).toArray();
      for (int s = 0; s < SIZES.length; s++) {
        print(label, "put_c1_" + name(SIZES[s]) + "_ms", medians[s]);
      }
      print(label, "put_c1_fixed_ms", medians[0]);
      print(label, "put_c1_per_MiB_ms", slopePerMiB(medians));
    }
  }

  /** PUTs of {@code body}, one after another for the time; the mean time of one. */
  private static double msPerPut(S3Client s3, String bucket, byte[] body, int seconds) {
    long start = System.nanoTime();
    long stop = start + seconds * 1_000_000_000L;
    int puts = 0;
    while (System.nanoTime() < stop) {
      String key = "size-" + body.length + "-" + puts++;
      s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromBytes(body));
    }
    return (System.nanoTime() - start) / 1e6 / puts;
  }

  private static String name(int bytes) {
    return bytes >= 1024 * 1024
        ? bytes / (1024 * 1024) + "MiB"
        : bytes >= 1024 ? bytes / 1024 + "KiB" : bytes + "B";
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static double slopePerMiB(double[] ms) {
    double meanSize = Arrays.stream(SIZES).average().orElseThrow() / (1024 * 1024);
    double meanMs = Arrays.stream(ms).average().orElseThrow();
    double covariance = 0;
    double variance = 0;
    for (int s = 0; s < SIZES.length; s++) {
      double size = SIZES[s] / (1024.0 * 1024);
      covariance += (size - meanSize) * (ms[s] - meanMs);
      variance += (size - meanSize) * (size - meanSize);
    }
    return covariance / variance;
  }

  private static void print(String label, String metric, double value) {
    System.out.printf("%s %s %.3f%n", label, metric, value);
  }
}
