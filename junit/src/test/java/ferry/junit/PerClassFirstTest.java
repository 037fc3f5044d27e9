package ferry.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;

/** Runs in parallel with {@link PerClassSecondTest}: each class sees only its own buckets. */
@Ferry
class PerClassFirstTest {
  @Test
  void seesOnlyItsOwnBucket(@Account("dev") S3Client s3) {
    s3.createBucket(b -> b.bucket("first"));

    assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).containsExactly("first");
  }
}
