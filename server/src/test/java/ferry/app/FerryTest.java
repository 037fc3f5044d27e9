package ferry.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.testing.RunningFerry;
import ferry.testing.TestStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Start-up and the one port: HTTP and HTTPS told apart per connection, a port in use refused. */
class FerryTest {

  @Test
  void onePort_servesHttpAndHttps_andOnlyTlsCarriesSecureTransport(@TempDir Path dir)
      throws Exception {
    try (RunningFerry running = RunningFerry.start(dir)) {
      Ferry ferry = running.ferry();
      assertThat(ferry.tlsEndpoint().getPort()).isEqualTo(ferry.endpoint().getPort());
      S3Client plain = running.s3("dev");
      try (S3Client tls = s3OverTls(running)) {
        plain.createBucket(b -> b.bucket("transport-bucket"));
        plain.putBucketPolicy(p ->
            p.bucket("transport-bucket")
                .policy(
                    """
                    {"Version":"2012-10-17","Statement":[{"Sid":"TlsOnly","Effect":"Deny",
                     "Principal":"*","Action":"s3:GetObject",
                     "Resource":"arn:aws:s3:::transport-bucket/*",
                     "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}\
                    """));
        tls.putObject(
            p -> p.bucket("transport-bucket").key("k"), RequestBody.fromString("over tls"));

        assertThat(tls.getObjectAsBytes(g -> g.bucket("transport-bucket").key("k")).asUtf8String())
            .isEqualTo("over tls");
        assertThatThrownBy(() -> plain.getObjectAsBytes(g -> g.bucket("transport-bucket").key("k")))
            .isInstanceOfSatisfying(
                S3Exception.class,
                e -> {
                  assertThat(e.statusCode()).isEqualTo(403);
                  assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                  assertThat(e.awsErrorDetails().errorMessage()).contains("TlsOnly");
                });
        assertThat(
                plain
                    .headBucket(h -> h.bucket("transport-bucket"))
                    .sdkHttpResponse()
                    .isSuccessful())
            .isTrue();
      }
    }
  }

  @Test
  void health_says200_withTheNodeIdAndStore_whileTheDatabaseAnswers(@TempDir Path dir)
      throws Exception {
    try (Ferry ferry =
        Ferry.start(
            TestStore.config(dir)
                .withPort(0)
                .withNode(new NodeSettings("node-under-test", java.time.Duration.ofSeconds(10))))) {
      var client = java.net.http.HttpClient.newHttpClient();
      var answer =
          client.send(
              java.net.http.HttpRequest.newBuilder(ferry.endpoint().resolve("/_ferry/health"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());

      assertThat(answer.statusCode()).isEqualTo(200);
      assertThat(answer.body())
          .contains("\"node\":\"node-under-test\"")
          .contains("\"ready\":true")
          .contains(TestStore.postgres() ? "PostgreSQL" : "SQLite");
      assertThat(ferry.nodeId()).isEqualTo("node-under-test");
    }
  }

  @Test
  void portInUse_isRefusedBeforeTheStoreOpens_andTheFirstServerKeepsServing(@TempDir Path dir)
      throws Exception {
    try (RunningFerry first = RunningFerry.start(dir.resolve("first"))) {
      int port = first.endpoint().getPort();
      Path second = dir.resolve("second");

      assertThatThrownBy(() -> Ferry.start(TestStore.config(second).withPort(port)))
          .isInstanceOf(PortInUseException.class)
          .hasMessage("port " + port + " on 127.0.0.1 is already in use");

      assertThat(second.resolve("ferry.db")).doesNotExist();
      assertThat(first.s3("dev").listBuckets().buckets()).isEmpty();
    }
  }

  /**
   * A Ferry that only speaks HTTP makes no certificates (about a second of CPU in a fresh JVM); the
   * first TLS handshake makes them, and the CA file then names the CA that signed what it served.
   */
  @Test
  void aNewDataFolder_getsItsCertificates_atTheFirstTlsHandshake(@TempDir Path dir)
      throws Exception {
    try (RunningFerry running = RunningFerry.start(dir)) {
      assertThat(running.s3("dev").listBuckets().buckets()).isEmpty();
      assertThat(dir.resolve("tls")).doesNotExist();

      X509Certificate served = handshake(running.ferry());

      X509Certificate ca;
      try (InputStream pem = Files.newInputStream(running.ferry().caFile())) {
        ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
      }
      served.verify(ca.getPublicKey());
      assertThat(served.getSubjectX500Principal().getName()).contains("CN=localhost");
    }
  }

  /**
   * A broken key fails TLS, and says why to whoever asks for the CA file ({@code ferry serve} does
   * at start, and stops); plain HTTP goes on.
   */
  @Test
  void aBrokenTlsKey_failsTls_andNamesTheKey_whileHttpServes(@TempDir Path dir) throws Exception {
    TlsMaterial.ensure(dir);
    Files.writeString(dir.resolve("tls").resolve("server.pem"), "not a key");

    try (RunningFerry running = RunningFerry.start(dir)) {
      assertThatThrownBy(() -> running.ferry().caFile())
          .isInstanceOf(java.io.UncheckedIOException.class)
          .hasMessageContaining("Cannot read Ferry's TLS key " + dir.resolve("tls/server.pem"));
      assertThatThrownBy(() -> handshake(running.ferry())).isInstanceOf(java.io.IOException.class);
      assertThat(running.s3("dev").listBuckets().buckets()).isEmpty();
    }
  }

  /** The certificate Ferry's TLS endpoint presents, trusted without a check. */
  private static X509Certificate handshake(Ferry ferry) throws Exception {
    var trustAll =
        new javax.net.ssl.X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    var context = javax.net.ssl.SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {trustAll}, null);
    try (var socket =
        (javax.net.ssl.SSLSocket)
            context.getSocketFactory().createSocket("127.0.0.1", ferry.tlsEndpoint().getPort())) {
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  @Test
  void aConnectionIsTls_whenItOpensWithAHandshakeRecord(@TempDir Path dir) {
    var tls = new TlsOnFirstHandshake(new TlsOnDemand(dir), "HTTP/1.1");

    assertThat(tls.detect(java.nio.ByteBuffer.wrap(new byte[] {0x16, 0x03, 0x01})))
        .isEqualTo(org.eclipse.jetty.server.ConnectionFactory.Detecting.Detection.RECOGNIZED);
    assertThat(tls.detect(java.nio.ByteBuffer.wrap("GET / HTTP/1.1".getBytes())))
        .isEqualTo(org.eclipse.jetty.server.ConnectionFactory.Detecting.Detection.NOT_RECOGNIZED);
    assertThat(tls.detect(java.nio.ByteBuffer.wrap(new byte[] {0x16})))
        .isEqualTo(org.eclipse.jetty.server.ConnectionFactory.Detecting.Detection.NEED_MORE_BYTES);
  }

  @Test
  void close_stopsEveryThreadFerryStarted(@TempDir Path dir) throws Exception {
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
    try (RunningFerry running = RunningFerry.start(dir)) {
      running.s3("dev").createBucket(b -> b.bucket("threads"));
    }

    assertThat(threadsLeftBesides(before)).as("threads alive after close()").isEmpty();
  }

  @Test
  void aStartThatFailsAfterTheStoreOpened_leavesNoThreadBehind_andTheFolderStartsOnceRepaired(
      @TempDir Path dir) throws Exception {
    // A master key of the wrong size fails the start after the database, the decision log and the
    // event journal's writer are already running.
    Files.write(dir.resolve(ferry.kms.MasterKey.FILE_NAME), new byte[] {1, 2, 3});
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();

    assertThatThrownBy(() -> RunningFerry.start(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("holds 3 bytes, not a 32-byte key");

    assertThat(threadsLeftBesides(before)).as("threads alive after a failed start").isEmpty();
    Files.delete(dir.resolve(ferry.kms.MasterKey.FILE_NAME));
    try (RunningFerry running = RunningFerry.start(dir)) {
      running.s3("dev").createBucket(b -> b.bucket("repaired"));
      assertThat(running.s3("dev").listBuckets().buckets()).hasSize(1);
    }
  }

  /** The Ferry-named threads started since {@code before} and still alive after up to 5 s. */
  private static List<String> threadsLeftBesides(java.util.Set<Thread> before)
      throws InterruptedException {
    List<String> survivors = List.of();
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
    do {
      survivors =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> !before.contains(t) && t.isAlive() && startedByFerry(t))
              .map(Thread::getName)
              .sorted()
              .toList();
      if (!survivors.isEmpty()) {
        Thread.sleep(50);
      }
    } while (!survivors.isEmpty() && System.nanoTime() < deadline);
    return survivors;
  }

  /**
   * Threads Ferry names: its own (engine, deliveries, sweepers, health, decisions, logs), Jetty's
   * pool and HikariCP's (both named ferry).
   */
  private static boolean startedByFerry(Thread thread) {
    String name = thread.getName();
    return List.of(
            "ferry", "codepipeline-", "events-", "cloudtrail-", "cloudformation-", "execution-")
        .stream()
        .anyMatch(name::startsWith);
  }

  private static S3Client s3OverTls(RunningFerry running) throws Exception {
    var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusting(running.ferry().caFile()));
    return S3Client.builder()
        .endpointOverride(running.ferry().tlsEndpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .httpClient(
            Apache5HttpClient.builder().tlsTrustManagersProvider(trust::getTrustManagers).build())
        .credentialsProvider(running.credentials("dev"))
        .build();
  }

  private static KeyStore trusting(Path caFile) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream pem = Files.newInputStream(caFile)) {
      store.setCertificateEntry(
          "ferry", CertificateFactory.getInstance("X.509").generateCertificate(pem));
    }
    return store;
  }
}
