package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The foundation with the real aws CLI v2: identity, buckets and a 5 MiB round trip. */
class FoundationIT extends FerryPerClass {

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
  void tls_onTheSamePort_withFerrysOwnCa_servesTheSameApi() throws Exception {
    assertThat(ferry.tlsEndpoint().getPort()).isEqualTo(ferry.endpoint().getPort());
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
  void secondServerOnTheSamePort_saysSoInOneLine_andExitsNonZero() throws Exception {
    int port = ferry.endpoint().getPort();

    FerryCommandLine.Result second =
        FerryCommandLine.jar(
            Duration.ofMinutes(1),
            "serve",
            "--port",
            Integer.toString(port),
            "--data",
            work.resolve("second").toString());

    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.output())
        .isEqualTo(
            "ferry: port "
                + port
                + " on 127.0.0.1 is already in use; choose another with --port\n");
    assertThat(AwsCli.as(ferry, "dev").run("sts", "get-caller-identity").assertOk().stdout())
        .contains("111111111111");
  }

  @Test
  void secondServerOnAnotherPort_runsAlongside_overHttpAndTls() throws Exception {
    try (FerryServer other = FerryServer.start(work.resolve("other"))) {
      assertThat(other.endpoint().getPort()).isNotEqualTo(ferry.endpoint().getPort());
      AwsCli overTls =
          AwsCli.as(other, "prod")
              .withEndpoint(other.tlsEndpoint())
              .withEnvironment("AWS_CA_BUNDLE", other.caFile().toString());
      assertThat(overTls.run("sts", "get-caller-identity").assertOk().stdout())
          .contains("arn:aws:iam::222222222222:root");
      assertThat(AwsCli.as(ferry, "prod").run("sts", "get-caller-identity").assertOk().stdout())
          .contains("arn:aws:iam::222222222222:root");
    }
  }

  @Test
  void serveWithConfig_usesTheFilesPort_unlessPortIsGiven() throws Exception {
    int port = freePort();
    Path config = Files.writeString(work.resolve("ferry.properties"), "port=" + port + "\n");

    try (FerryServer fromFile =
        FerryServer.start(work.resolve("from-file"), "--config", config.toString())) {
      assertThat(fromFile.endpoint().getPort()).isEqualTo(port);
      assertThat(fromFile.tlsEndpoint().getPort()).isEqualTo(port);
    }
    try (FerryServer fromFlag =
        FerryServer.start(
            work.resolve("from-flag"), "--config", config.toString(), "--port", "0")) {
      assertThat(fromFlag.endpoint().getPort()).isNotEqualTo(port);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
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
