package ferry.s3.wire;

import static ferry.s3.wire.S3ErrorAssert.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.testing.RunningFerry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The disk under the blob folder failing (full, read-only, gone — here its temporary folder is
 * replaced by a file, which even root cannot write into): the PUT is S3's 500 InternalError with a
 * request id, as a store failure on AWS is, not a connection Jetty drops; nothing of it is visible,
 * what was stored before is intact, and once the disk is back the next PUT succeeds.
 */
class S3StorageFailureWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();

  @Test
  void aWriteTheDiskRefuses_isAnInternalError_andLosesNothing() throws Exception {
    S3Client dev = ferry.s3("dev");
    dev.createBucket(b -> b.bucket("disk-bucket"));
    dev.putObject(b -> b.bucket("disk-bucket").key("before.txt"), RequestBody.fromString("kept"));
    Path temp = ferry.dataDir().resolve("tmp");
    Path aside = ferry.dataDir().resolve("tmp-aside");
    Files.move(temp, aside);
    Files.writeString(temp, "not a folder");
    try {
      S3Exception error =
          assertS3Error(
              () ->
                  dev.putObject(
                      b -> b.bucket("disk-bucket").key("lost.txt"), RequestBody.fromString("x")),
              500,
              "InternalError",
              "We encountered an internal error");
      assertThat(error.requestId()).isNotBlank();
    } finally {
      Files.delete(temp);
      Files.move(aside, temp);
    }
    assertThat(dev.listObjectsV2(b -> b.bucket("disk-bucket")).contents())
        .extracting(o -> o.key())
        .containsExactly("before.txt");
    assertThat(dev.getObjectAsBytes(b -> b.bucket("disk-bucket").key("before.txt")).asUtf8String())
        .isEqualTo("kept");
    dev.putObject(b -> b.bucket("disk-bucket").key("after.txt"), RequestBody.fromString("back"));
    assertThat(dev.getObjectAsBytes(b -> b.bucket("disk-bucket").key("after.txt")).asUtf8String())
        .isEqualTo("back");
  }
}
