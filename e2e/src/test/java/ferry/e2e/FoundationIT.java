package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The foundation with the real aws CLI v2: identity, buckets and a 5 MiB round trip. */
class FoundationIT {
  @TempDir static Path work;
  static FerryServer ferry;

  @BeforeAll
  static void start() throws IOException {
    ferry = FerryServer.start(work.resolve("data"));
  }

  @AfterAll
  static void stop() {
    ferry.close();
  }

  @Test
  void cliIsTheDebianV2() throws Exception {
    AwsCli.Result version = AwsCli.as(ferry, "dev").run("--version").assertOk();
    assertThat(version.stdout() + version.stderr()).startsWith("aws-cli/2.");
  }

  @Test
  void getCallerIdentity_namesTheAccountRoot() throws Exception {
    String out = AwsCli.as(ferry, "dev").run("sts", "get-caller-identity").assertOk().stdout();
    assertThat(out)
        .contains("\"Account\": \"111111111111\"")
        .contains("\"Arn\": \"arn:aws:iam::111111111111:root\"");
    String prod = AwsCli.as(ferry, "prod").run("sts", "get-caller-identity").assertOk().stdout();
    assertThat(prod).contains("\"Account\": \"222222222222\"");
  }

  @Test
  void tls_withFerrysOwnCa_servesTheSameApi() throws Exception {
    AwsCli overTls =
        AwsCli.as(ferry, "dev")
            .withEndpoint(ferry.tlsEndpoint())
            .withEnvironment("AWS_CA_BUNDLE", ferry.caFile().toString());
    assertThat(overTls.run("sts", "get-caller-identity").assertOk().stdout())
        .contains("arn:aws:iam::111111111111:root");
    overTls.run("s3", "mb", "s3://tls-bucket").assertOk();
    assertThat(overTls.run("s3", "ls").assertOk().stdout()).contains("tls-bucket");
  }

  @Test
  void fiveMebibytes_roundTripByteIdentical_andOnlyTheOwnerSeesTheBucket() throws Exception {
    AwsCli dev = AwsCli.as(ferry, "dev");
    byte[] bytes = new byte[5 * 1024 * 1024];
    new Random(42).nextBytes(bytes);
    Path upload = Files.write(work.resolve("random.bin"), bytes);
    Path download = work.resolve("back.bin");

    dev.run("s3", "mb", "s3://foundation-bucket").assertOk();
    dev.run("s3", "cp", upload.toString(), "s3://foundation-bucket/dir/random.bin").assertOk();
    assertThat(dev.run("s3", "ls", "s3://foundation-bucket/dir/").assertOk().stdout())
        .contains("5242880 random.bin");
    dev.run("s3", "cp", "s3://foundation-bucket/dir/random.bin", download.toString()).assertOk();
    assertThat(Files.readAllBytes(download)).isEqualTo(bytes);

    assertThat(dev.run("s3", "ls").assertOk().stdout()).contains("foundation-bucket");
    AwsCli prod = AwsCli.as(ferry, "prod");
    assertThat(prod.run("s3", "ls").assertOk().stdout()).doesNotContain("foundation-bucket");
    AwsCli.Result denied = prod.run("s3", "ls", "s3://foundation-bucket/");
    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.stderr()).contains("AccessDenied");
  }
}
