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
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

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
            () -> dev.deleteBucketCors(b -> b.bucket("empty-bucket")),
            () -> dev.deleteBucketLifecycle(b -> b.bucket("empty-bucket")),
            () -> dev.deleteBucketWebsite(b -> b.bucket("empty-bucket")),
            () -> dev.deleteBucketReplication(b -> b.bucket("empty-bucket")),
            () -> dev.deleteBucketAnalyticsConfiguration(b -> b.bucket("empty-bucket").id("a")));
    List<String> names =
        List.of(
            "DeleteBucketCors",
            "DeleteBucketLifecycle",
            "DeleteBucketWebsite",
            "DeleteBucketReplication",
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
    assertNotImplemented(() -> dev.getBucketCors(b -> b.bucket("listed-bucket")), "GetBucketCors");
    assertNotImplemented(
        () -> dev.getBucketWebsite(b -> b.bucket("listed-bucket")), "GetBucketWebsite");
    assertNotImplemented(
        () -> dev.getBucketLifecycleConfiguration(b -> b.bucket("listed-bucket")),
        "GetBucketLifecycleConfiguration");
    assertNotImplemented(
        () -> dev.getBucketLogging(b -> b.bucket("listed-bucket")), "GetBucketLogging");
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
            dev.putBucketCors(b ->
                b.bucket("configured-bucket")
                    .corsConfiguration(c ->
                        c.corsRules(
                            CORSRule.builder().allowedMethods("GET").allowedOrigins("*").build()))),
        "PutBucketCors");
    assertNotImplemented(
        () ->
            dev.putBucketWebsite(b ->
                b.bucket("configured-bucket")
                    .websiteConfiguration(w -> w.indexDocument(d -> d.suffix("index.html")))),
        "PutBucketWebsite");
    assertNotImplemented(
        () ->
            dev.putBucketLifecycleConfiguration(b ->
                b.bucket("configured-bucket")
                    .lifecycleConfiguration(l ->
                        l.rules(
                            LifecycleRule.builder()
                                .id("expire")
                                .status("Enabled")
                                .filter(f -> f.prefix("logs/"))
                                .expiration(e -> e.days(1))
                                .build()))),
        "PutBucketLifecycleConfiguration");
    assertNotImplemented(
        () ->
            dev.putBucketLogging(b ->
                b.bucket("configured-bucket")
                    .bucketLoggingStatus(s ->
                        s.loggingEnabled(
                            l -> l.targetBucket("configured-bucket").targetPrefix("l/")))),
        "PutBucketLogging");
    assertThat(dev.getBucketLocation(b -> b.bucket("configured-bucket")).locationConstraint())
        .isIn(null, BucketLocationConstraint.UNKNOWN_TO_SDK_VERSION);
  }
}
