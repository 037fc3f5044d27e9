package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.junit.TestDatabase;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The trail loses nothing acknowledged: {@code kill -9} of {@code ferry serve} midway through a
 * load of 1,000 requests (S3 PutObject, IAM CreateUser, KMS Encrypt from 8 threads), then a restart
 * on the same data folder. Every request whose answer the client received has its event, found by
 * the request id the answer carried (x-amz-request-id, x-amzn-RequestId).
 */
class CloudTrailCrashIT {
  private static final int THREADS = 8;
  private static final int LOAD = 1_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void kill9DuringALoad_losesNoEventOfAnAnsweredRequest() throws Exception {
    Path data = work.resolve("data");
    // Request id → the operation that was answered.
    Map<String, String> answered = new ConcurrentHashMap<>();
    AtomicInteger sent = new AtomicInteger();
    AtomicBoolean killed = new AtomicBoolean();
    AtomicInteger failedAfterKill = new AtomicInteger();

    FerryServer first = FerryServer.start(data);
    FerryServer.Account dev = first.account("dev");
    var credentials =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(dev.accessKeyId(), dev.secretAccessKey()));
    try (SdkHttpClient http = Apache5HttpClient.builder().maxConnections(THREADS * 2).build();
        S3Client s3 =
            S3Client.builder()
                .endpointOverride(first.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .httpClient(http)
                .build();
        IamClient iam =
            IamClient.builder()
                .endpointOverride(first.endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .httpClient(http)
                .build();
        KmsClient kms =
            KmsClient.builder()
                .endpointOverride(first.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .httpClient(http)
                .build()) {
      s3.createBucket(b -> b.bucket("trail-crash"));
      String key = kms.createKey(k -> k.description("trail-crash")).keyMetadata().keyId();
      List<Future<?>> workers = new ArrayList<>();
      try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
        for (int t = 0; t < THREADS; t++) {
          workers.add(
              threads.submit(() -> {
                for (int n = sent.getAndIncrement(); n < LOAD && !killed.get(); ) {
                  try {
                    int i = n;
                    switch (i % 3) {
                      case 0 ->
                          answered.put(
                              s3.putObject(
                                      p -> p.bucket("trail-crash").key("o" + i),
                                      RequestBody.fromString("object " + i))
                                  .responseMetadata()
                                  .requestId(),
                              "PutObject");
                      case 1 ->
                          answered.put(
                              iam.createUser(u -> u.userName("crash-" + i))
                                  .responseMetadata()
                                  .requestId(),
                              "CreateUser");
                      default ->
                          answered.put(
                              kms.encrypt(e ->
                                      e.keyId(key)
                                          .plaintext(SdkBytes.fromUtf8String("secret " + i)))
                                  .responseMetadata()
                                  .requestId(),
                              "Encrypt");
                    }
                  } catch (RuntimeException e) {
                    if (!killed.get()) {
                      throw e;
                    }
                    failedAfterKill.incrementAndGet();
                  }
                  n = sent.getAndIncrement();
                }
                return null;
              }));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (answered.size() < LOAD / 2 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        killed.set(true);
        first.kill();
        for (Future<?> worker : workers) {
          worker.get(60, TimeUnit.SECONDS);
        }
      }
    }
    assertThat(answered.size()).as("requests answered before the kill").isGreaterThan(100);
    assertThat(failedAfterKill.get()).as("the kill landed with requests in flight").isPositive();

    try (FerryServer second = FerryServer.start(data)) {
      assertThat(second.endpoint()).isNotNull();
      Map<String, String> recorded = new HashMap<>();
      try (var db = TestDatabase.connect(data);
          var query = db.createStatement();
          ResultSet rows =
              query.executeQuery(
                  "SELECT record FROM cloudtrail_events WHERE account_id = '111111111111'")) {
        while (rows.next()) {
          JsonNode record = JSON.readTree(rows.getString(1));
          recorded.put(record.path("requestID").asText(), record.path("eventName").asText());
          assertThat(rows.getString(1)).doesNotContain("secret ");
        }
      }
      System.out.printf(
          "kill -9 after %d of %d requests answered; %d events of dev after restart%n",
          answered.size(), Math.min(sent.get(), LOAD), recorded.size());
      List<String> missing = new ArrayList<>();
      answered.forEach((requestId, operation) -> {
        if (!operation.equals(recorded.get(requestId))) {
          missing.add(operation + " " + requestId);
        }
      });
      assertThat(missing).as("answered requests without their event").isEmpty();
    }
  }
}
