package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost and nothing partial becomes visible: a {@code kill -9} in the middle
 * of a large upload leaves no object, its partial temp file is swept away, a blob the killed node
 * left unreferenced is reclaimed, and what was written before survives the restart.
 */
@ExtendWith(AwsCliInstalled.class)
class CrashRecoveryIT {
  @TempDir Path work;

  @Test
  void killDuringLargeUpload_leavesNoPartialObject_andEarlierDataSurvives() throws Exception {
    Path data = work.resolve("data");
    byte[] small = new byte[300_000];
    new Random(1).nextBytes(small);
    Path smallFile = Files.write(work.resolve("small.bin"), small);
    Path bigFile = work.resolve("big.bin");
    try (OutputStream out = Files.newOutputStream(bigFile)) {
      byte[] block = new byte[1 << 20];
      Random random = new Random(2);
      for (int i = 0; i < 200; i++) {
        random.nextBytes(block);
        out.write(block);
      }
    }

    FerryServer first = FerryServer.start(data);
    AwsCli dev = AwsCli.as(first, "dev");
    dev.run("s3", "mb", "s3://crash-bucket").assertOk();
    dev.run("s3", "cp", smallFile.toString(), "s3://crash-bucket/before.bin").assertOk();

    // A single PUT of 200 MiB through s3api (no multipart), killed while the bytes stream in.
    Process upload = uploadInBackground(first.endpoint(), first.account("dev"), bigFile);
    waitForTempFile(data);
    first.kill();
    upload.destroyForcibly();
    upload.waitFor(30, TimeUnit.SECONDS);

    // As a node killed between renaming a blob into place and committing the row that names it
    // leaves it: in blobs/, named by nothing.
    Path unreferenced = data.resolve("blobs/ab/ab" + "0".repeat(30));
    Files.createDirectories(unreferenced.getParent());
    Files.write(unreferenced, new byte[100]);
    assertThat(DataFolder.blobs(data)).hasSize(2);

    // Temp files untouched for 2 s count as abandoned here (15 minutes in service), and so does
    // the wait before a killed node's unreferenced blobs are reclaimed: the node's periodic sweep
    // empties tmp/ and reclaims the blob while the test watches.
    try (FerryServer second =
        FerryServer.start(
            data, Map.of("JDK_JAVA_OPTIONS", "-Dferry.blobs.abandonedAfter=PT2S"), "--port", "0")) {
      AwsCli again = AwsCli.as(second, "dev");
      String listing = again.run("s3", "ls", "s3://crash-bucket/").assertOk().stdout();
      assertThat(listing).contains("before.bin").doesNotContain("big.bin");
      AwsCli.Result head =
          again.run("s3api", "head-object", "--bucket", "crash-bucket", "--key", "big.bin");
      assertThat(head.exitCode()).isNotZero();
      assertThat(head.stderr()).contains("404");
      Path back = work.resolve("back.bin");
      again.run("s3", "cp", "s3://crash-bucket/before.bin", back.toString()).assertOk();
      assertThat(Files.readAllBytes(back)).isEqualTo(small);
      // The killed upload's partial temp file was never an object, and the sweep removes it.
      assertThat(awaitEmpty(data.resolve("tmp"))).as("files left in tmp/").isZero();
      assertThat(DataFolder.awaitUncleanEndsReclaimed(data, Duration.ofSeconds(30))).isTrue();
      assertThat(unreferenced).doesNotExist();
      // ... and says so in its log, which ferry serve writes to stderr.
      assertThat(
              second.awaitOutput(
                  "INFO UnreferencedBlobs - Reclaimed 1 of 2 blobs", Duration.ofSeconds(5)))
          .as(second.output())
          .isTrue();
      assertThat(DataFolder.blobs(data)).as("before.bin's blob").hasSize(1);
      again.run("s3", "cp", "s3://crash-bucket/before.bin", back.toString()).assertOk();
      assertThat(Files.readAllBytes(back)).isEqualTo(small);
    }
  }

  private static Process uploadInBackground(URI endpoint, FerryServer.Account account, Path file)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                AwsCli.BINARY.toString(),
                "--endpoint-url",
                endpoint.toString(),
                "s3api",
                "put-object",
                "--bucket",
                "crash-bucket",
                "--key",
                "big.bin",
                "--body",
                file.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    ClientProcess.isolate(builder.environment(), account.accessKeyId(), account.secretAccessKey());
    builder.environment().put("AWS_MAX_ATTEMPTS", "1");
    return builder.start();
  }

  /** Waits until the upload's bytes are landing in a temporary blob file. */
  private static void waitForTempFile(Path data) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (filesUnder(data.resolve("tmp")) > 0) {
        Thread.sleep(200);
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("The upload never started writing");
  }

  /** Waits up to 30 s for the folder to hold no file; the number of files left. */
  private static long awaitEmpty(Path dir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long left = filesUnder(dir);
    while (left > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      left = filesUnder(dir);
    }
    return left;
  }

  private static long filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
