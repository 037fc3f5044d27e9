package ferry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ferry.app.DatabaseSettings;
import ferry.app.Ferry;
import ferry.app.RootCredentials;
import ferry.testing.DatabaseProxy;
import ferry.testing.TestStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Ferry on PostgreSQL whose database goes away and comes back (a TCP relay the test cuts): a
 * request is answered 503 ServiceUnavailable at once, changes nothing, and the service resumes by
 * itself. PostgreSQL only: run with {@code -Dferry.test.db=postgres}.
 */
class DatabaseOutageWireTest {
  private static final String USER = System.getProperty("ferry.test.jdbcUser", "ferry");
  private static final String PASSWORD = System.getProperty("ferry.test.jdbcPassword", "ferry");

  @TempDir Path dir;

  @Test
  void
      databaseAway_aPutGets503ServiceUnavailableWithinTwoSeconds_andNothingOfIt_thenServiceResumes()
          throws Exception {
    assumeTrue(TestStore.postgres(), "PostgreSQL only: run with -Dferry.test.db=postgres");
    String url = TestStore.url(dir);
    try (DatabaseProxy proxy = DatabaseProxy.to(url);
        Ferry ferry =
            Ferry.start(
                TestStore.config(dir)
                    .withDatabase(new DatabaseSettings(proxy.url(url), USER, PASSWORD))
                    .withPort(0));
        S3Client s3 = s3(ferry)) {
      s3.createBucket(b -> b.bucket("outage-bucket"));

      proxy.cut();
      long asked = System.nanoTime();
      S3Exception refused;
      try {
        refused =
            catchThrowableOfType(
                S3Exception.class,
                () ->
                    s3.putObject(
                        p -> p.bucket("outage-bucket").key("during"),
                        RequestBody.fromString("lost?")));
      } finally {
        proxy.restore();
      }
      Duration took = Duration.ofNanos(System.nanoTime() - asked);

      assertThat(refused).isNotNull();
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
      assertThat(refused.awsErrorDetails().errorMessage()).contains("cannot be reached");
      assertThat(refused.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After"))
          .contains("1");
      assertThat(took).as("refused at once, not held").isLessThan(Duration.ofSeconds(2));

      awaitHealthy(ferry);
      assertThat(
              catchThrowableOfType(
                      S3Exception.class,
                      () -> s3.headObject(h -> h.bucket("outage-bucket").key("during")))
                  .statusCode())
          .isEqualTo(404);
      s3.putObject(p -> p.bucket("outage-bucket").key("after"), RequestBody.fromString("y"));
      assertThat(s3.getObjectAsBytes(g -> g.bucket("outage-bucket").key("after")).asUtf8String())
          .isEqualTo("y");
    }
  }

  private static void awaitHealthy(Ferry ferry) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    var health = HttpRequest.newBuilder(ferry.endpoint().resolve(URI.create("/_ferry/health")));
    int status = 0;
    for (Instant until = Instant.now().plusSeconds(30); Instant.now().isBefore(until); ) {
      status = http.send(health.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status == 200) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(status).as("healthy again once the database is back").isEqualTo(200);
  }

  /** An S3 client that does not retry: each refusal is seen as Ferry answered it. */
  private static S3Client s3(Ferry ferry) {
    RootCredentials root = ferry.root("dev");
    return S3Client.builder()
        .endpointOverride(ferry.endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .httpClient(Apache5HttpClient.create())
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey())))
        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
        .build();
  }
}
