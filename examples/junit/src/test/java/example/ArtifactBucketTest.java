package example;

import static ferry.junit.FerryAssertions.assertDenied;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.junit.Account;
import ferry.junit.Denial;
import ferry.junit.Ferry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@Ferry
class ArtifactBucketTest {
  @Test
  void prodCannotReadDevArtifacts(@Account("dev") S3Client dev, @Account("prod") S3Client prod) {
    dev.createBucket(b -> b.bucket("dev-artifacts"));
    dev.putObject(b -> b.bucket("dev-artifacts").key("app.zip"), RequestBody.fromString("v1"));

    Denial denial = assertDenied(() -> prod.getObject(b -> b.bucket("dev-artifacts").key("app.zip")));

    assertEquals("AccessDenied", denial.errorCode());
    assertEquals("s3:GetObject", denial.action());
    assertTrue(denial.explanation().contains("dev-artifacts"), denial.explanation());
  }
}
