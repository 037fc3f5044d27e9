package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Today's clients against one Ferry, each with its own defaults over the TLS endpoint: the aws CLI
 * v2, boto3, the AWS SDK for Java v2 and the AWS SDK for JavaScript v3. Each does a round trip, a
 * multipart upload, a ranged checksum-validated download, a conditional GET, a presigned GET, a
 * cross-account AssumeRole and a KMS round trip with dev's and prod's keys from the banner.
 */
class ClientMatrixIT extends FerryPerClass {
  private static final Path CLIENTS = Path.of("src", "test", "clients").toAbsolutePath();

  static TrustManager[] trust;
  static HttpClient http;

  @BeforeAll
  static void trustFerry() throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream pem = Files.newInputStream(ferry.caFile())) {
      int n = 0;
      for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
        store.setCertificateEntry("ferry-ca-" + n++, ca);
      }
    }
    var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    trust = factory.getTrustManagers();
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust, null);
    http = HttpClient.newBuilder().sslContext(tls).build();
  }

  private static Path workFor(String client) throws IOException {
    return Files.createDirectories(work.resolve(client));
  }

  @Test
  void awsCli() throws Exception {
    new AwsCliMatrix(ferry, workFor("cli"), "matrix-cli", http).run();
  }

  @Test
  void javaSdk() {
    new JavaSdkMatrix(ferry, "matrix-java", trust, http).run();
  }

  @Test
  void boto3() throws Exception {
    Path script = CLIENTS.resolve("python").resolve("matrix.py");
    runScript(
        List.of("python3", script.toString()),
        script.getParent(),
        Map.of(
            "FERRY_PREFIX", "matrix-python",
            "FERRY_WORK", workFor("python").toString(),
            "AWS_CA_BUNDLE", ferry.caFile().toString()));
  }

  @Test
  void javaScriptSdk() throws Exception {
    Path folder = CLIENTS.resolve("js");
    if (!Files.isDirectory(folder.resolve("node_modules"))) {
      throw new AssertionError(
          "The JavaScript client matrix has no node_modules: run npm ci in e2e/src/test/clients/js");
    }
    runScript(
        List.of("node", folder.resolve("matrix.mjs").toString()),
        folder,
        Map.of("FERRY_PREFIX", "matrix-js", "NODE_EXTRA_CA_CERTS", ferry.caFile().toString()));
  }

  /** Runs a client's script with both accounts' keys and fails with all it printed unless 0. */
  private static void runScript(List<String> command, Path directory, Map<String, String> extra)
      throws Exception {
    Path log = work.resolve(directory.getFileName() + ".log");
    var builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("FERRY_"));
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("FERRY_ENDPOINT", ferry.tlsEndpoint().toString());
    for (String name : List.of("dev", "prod")) {
      FerryServer.Account account = ferry.account(name);
      String upper = name.toUpperCase(Locale.ROOT);
      env.put("FERRY_" + upper + "_ID", account.id());
      env.put("FERRY_" + upper + "_ACCESS_KEY_ID", account.accessKeyId());
      env.put("FERRY_" + upper + "_SECRET_ACCESS_KEY", account.secretAccessKey());
    }
    env.putAll(extra);
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(
          String.join(" ", command)
              + " did not finish in 2 minutes:\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.print(output);
    assertThat(process.exitValue())
        .as("%s exited %d:%n%s", String.join(" ", command), process.exitValue(), output)
        .isZero();
  }
}
