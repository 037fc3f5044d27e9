package ferry.s3.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ferry.testing.RunningFerry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The bucket owner condition (x-amz-expected-bucket-owner): a request naming another account as the
 * bucket's owner is denied, even when the caller may act on the bucket, and changes nothing.
 */
class S3ExpectedOwnerWireTest {
  private static final String DEV = "111111111111";
  private static final String PROD = "222222222222";

  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static S3Client dev;

  @BeforeAll
  static void start() throws Exception {
    dev = ferry.s3("dev");
    dev.createBucket(b -> b.bucket("owned-by-dev"));
    dev.putObject(b -> b.bucket("owned-by-dev").key("k"), RequestBody.fromString("original"));
  }

  @Test
  void theRightExpectedOwner_isServed() {
    assertThat(
            dev.getObjectAsBytes(b -> b.bucket("owned-by-dev").key("k").expectedBucketOwner(DEV))
                .asUtf8String())
        .isEqualTo("original");
  }

  @Test
  void anotherExpectedOwner_isDenied_andTheObjectIsUnchanged() {
    S3Exception error =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                dev.putObject(
                    b -> b.bucket("owned-by-dev").key("k").expectedBucketOwner(PROD),
                    RequestBody.fromString("overwritten")));
    assertThat(error.statusCode()).isEqualTo(403);
    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    assertThat(error.awsErrorDetails().errorMessage())
        .contains("x-amz-expected-bucket-owner", PROD);
    assertThat(dev.getObjectAsBytes(b -> b.bucket("owned-by-dev").key("k")).asUtf8String())
        .isEqualTo("original");
  }

  @Test
  void aCopyWhoseSourceHasAnotherExpectedOwner_isDenied() {
    S3Exception error =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                dev.copyObject(b ->
                    b.sourceBucket("owned-by-dev")
                        .sourceKey("k")
                        .destinationBucket("owned-by-dev")
                        .destinationKey("copy")
                        .expectedSourceBucketOwner(PROD)));
    assertThat(error.statusCode()).isEqualTo(403);
    assertThat(error.awsErrorDetails().errorMessage())
        .contains("x-amz-source-expected-bucket-owner");
    assertThat(dev.listObjectsV2(b -> b.bucket("owned-by-dev")).keyCount()).isEqualTo(1);
  }
}
