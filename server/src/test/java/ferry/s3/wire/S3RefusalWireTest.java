package ferry.s3.wire;

import static ferry.s3.wire.S3ErrorAssert.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.testing.RunningFerry;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;

/**
 * Requests for S3 operations Ferry does not implement, as the SDK sends them: each is refused with
 * 501 NotImplemented naming the operation, and is never served as the operation its path alone
 * would name (a DELETE ?cors once deleted the bucket, a GET ?website listed its objects).
 */
class S3RefusalWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static S3Client dev;

  @BeforeAll
  static void start() throws Exception {
    dev = ferry.s3("dev");
  }

  private static void assertNotImplemented(ThrowingCallable call, String operation) {
    assertS3Error(call, 501, "NotImplemented", operation);
  }

  @Test
  void deletingAnUnimplementedConfiguration_isRefused_andTheEmptyBucketStays() {
    dev.createBucket(b -> b.bucket("empty-bucket"));
    List<ThrowingCallable> calls =
        List.of(
            () -> dev.deleteBucketMetricsConfiguration(b -> b.bucket("empty-bucket").id("m")),
            () ->
                dev.deleteBucketIntelligentTieringConfiguration(
                    b -> b.bucket("empty-bucket").id("t")),
            () -> dev.deleteBucketInventoryConfiguration(b -> b.bucket("empty-bucket").id("i")),
            () -> dev.deleteBucketAnalyticsConfiguration(b -> b.bucket("empty-bucket").id("a")));
    List<String> names =
        List.of(
            "DeleteBucketMetricsConfiguration",
            "DeleteBucketIntelligentTieringConfiguration",
            "DeleteBucketInventoryConfiguration",
            "DeleteBucketAnalyticsConfiguration");
    for (int i = 0; i < calls.size(); i++) {
      assertNotImplemented(calls.get(i), names.get(i));
      assertThat(dev.headBucket(b -> b.bucket("empty-bucket")).sdkHttpResponse().statusCode())
          .as("the bucket after " + names.get(i))
          .isEqualTo(200);
    }
  }

  @Test
  void readingAnUnimplementedConfiguration_isRefused_notAnsweredWithTheObjectList() {
    dev.createBucket(b -> b.bucket("listed-bucket"));
    dev.putObject(b -> b.bucket("listed-bucket").key("a.txt"), RequestBody.fromString("a"));
    assertNotImplemented(
        () -> dev.getBucketMetricsConfiguration(b -> b.bucket("listed-bucket").id("m")),
        "GetBucketMetricsConfiguration");
    assertNotImplemented(
        () -> dev.getBucketAnalyticsConfiguration(b -> b.bucket("listed-bucket").id("a")),
        "GetBucketAnalyticsConfiguration");
    assertThat(dev.listObjectsV2(b -> b.bucket("listed-bucket")).keyCount()).isEqualTo(1);
  }

  @Test
  void writingAnUnimplementedConfiguration_isRefused_notTakenForCreateBucket() {
    dev.createBucket(b -> b.bucket("configured-bucket"));
    assertNotImplemented(
        () ->
            dev.putBucketMetricsConfiguration(
                b -> b.bucket("configured-bucket").id("m").metricsConfiguration(m -> m.id("m"))),
        "PutBucketMetricsConfiguration");
    assertNotImplemented(
        () ->
            dev.putBucketInventoryConfiguration(b ->
                b.bucket("configured-bucket")
                    .id("i")
                    .inventoryConfiguration(c ->
                        c.id("i")
                            .isEnabled(true)
                            .includedObjectVersions("All")
                            .schedule(s -> s.frequency("Daily"))
                            .destination(d ->
                                d.s3BucketDestination(s3 ->
                                    s3.bucket("arn:aws:s3:::configured-bucket").format("CSV"))))),
        "PutBucketInventoryConfiguration");
    assertThat(dev.getBucketLocation(b -> b.bucket("configured-bucket")).locationConstraint())
        .isIn(null, BucketLocationConstraint.UNKNOWN_TO_SDK_VERSION);
  }
}
