package ferry.s3.wire;

import static ferry.s3.wire.S3ErrorAssert.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.testing.RunningFerry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Requests Ferry must refuse rather than weaken (Object Lock on a bucket without it, encryption
 * headers on reads), and the key and listing edge cases: each refused request changes nothing, and
 * the next one is served.
 */
class S3RefusedRequestsWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static S3Client dev;

  @BeforeAll
  static void start() throws Exception {
    dev = ferry.s3("dev");
    dev.createBucket(b -> b.bucket("refused"));
    dev.putObject(p -> p.bucket("refused").key("kept"), RequestBody.fromString("kept bytes"));
  }

  @Test
  void objectLockOperations_answerAsOnABucketWithoutObjectLock_andLeaveTheObjectAlone() {
    var kept = dev.headObject(h -> h.bucket("refused").key("kept"));
    Instant until = Instant.now().plus(1, ChronoUnit.DAYS);
    String missing = "Bucket is missing Object Lock Configuration";
    assertS3Error(
        () ->
            dev.putObjectRetention(r ->
                r.bucket("refused")
                    .key("kept")
                    .retention(
                        x -> x.mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(until))),
        400,
        "InvalidRequest",
        missing);
    assertS3Error(
        () ->
            dev.putObjectLegalHold(r ->
                r.bucket("refused")
                    .key("kept")
                    .legalHold(x -> x.status(ObjectLockLegalHoldStatus.ON))),
        400,
        "InvalidRequest",
        missing);
    assertS3Error(
        () -> dev.getObjectRetention(r -> r.bucket("refused").key("kept")),
        400,
        "InvalidRequest",
        missing);
    assertS3Error(
        () -> dev.getObjectLegalHold(r -> r.bucket("refused").key("kept")),
        400,
        "InvalidRequest",
        missing);
    assertS3Error(
        () -> dev.getObjectRetention(r -> r.bucket("refused").key("absent")),
        404,
        "NoSuchKey",
        null);
    assertS3Error(
        () -> dev.getObjectLockConfiguration(r -> r.bucket("refused")),
        404,
        "ObjectLockConfigurationNotFoundError",
        "Object Lock configuration does not exist for this bucket");
    assertS3Error(
        () ->
            dev.putObjectLockConfiguration(r ->
                r.bucket("refused")
                    .objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED))),
        409,
        "InvalidBucketState",
        "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration");
    assertS3Error(
        () ->
            dev.putObject(
                p ->
                    p.bucket("refused")
                        .key("retained")
                        .objectLockMode(ObjectLockMode.COMPLIANCE)
                        .objectLockRetainUntilDate(until),
                RequestBody.fromString("retained")),
        400,
        "InvalidRequest",
        missing);
    assertS3Error(
        () ->
            dev.putObject(
                p ->
                    p.bucket("refused")
                        .key("kept")
                        .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON),
                RequestBody.fromString("overwritten")),
        400,
        "InvalidRequest",
        missing);
    assertS3Error(
        () ->
            dev.copyObject(c ->
                c.sourceBucket("refused")
                    .sourceKey("kept")
                    .destinationBucket("refused")
                    .destinationKey("retained")
                    .objectLockMode(ObjectLockMode.GOVERNANCE)
                    .objectLockRetainUntilDate(until)),
        400,
        "InvalidRequest",
        missing);
    assertS3Error(
        () ->
            dev.createMultipartUpload(c ->
                c.bucket("refused")
                    .key("retained")
                    .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON)),
        400,
        "InvalidRequest",
        missing);
    assertThat(dev.listMultipartUploads(l -> l.bucket("refused")).uploads()).isEmpty();
    assertThat(keys()).containsExactly("kept");
    var got = dev.getObjectAsBytes(g -> g.bucket("refused").key("kept"));
    assertThat(got.asUtf8String()).isEqualTo("kept bytes");
    assertThat(got.response().eTag()).isEqualTo(kept.eTag());
  }

  @Test
  void encryptionHeadersOnReads_areInvalidArgument() {
    for (String header :
        List.of(
            "x-amz-server-side-encryption",
            "x-amz-server-side-encryption-aws-kms-key-id",
            "x-amz-server-side-encryption-context",
            "x-amz-server-side-encryption-bucket-key-enabled")) {
      String value = header.endsWith("enabled") ? "true" : "AES256";
      assertS3Error(
          () ->
              dev.getObjectAsBytes(g ->
                  g.bucket("refused")
                      .key("kept")
                      .overrideConfiguration(o -> o.putHeader(header, value))),
          400,
          "InvalidArgument",
          header + " header is not supported for this operation.");
      assertS3Error(
          () ->
              dev.headObject(h ->
                  h.bucket("refused")
                      .key("kept")
                      .overrideConfiguration(o -> o.putHeader(header, value))),
          400,
          null,
          null);
    }
    assertThat(dev.getObjectAsBytes(g -> g.bucket("refused").key("kept")).asUtf8String())
        .isEqualTo("kept bytes");
  }

  @Test
  void deleteObjects_withWhitespaceKeys_deletesExactlyThoseKeys() {
    dev.createBucket(b -> b.bucket("spaces"));
    for (String key : List.of(" ", "  a  ", "a", "\t")) {
      dev.putObject(p -> p.bucket("spaces").key(key), RequestBody.fromString("[" + key + "]"));
    }
    var deleted =
        dev.deleteObjects(d ->
            d.bucket("spaces")
                .delete(x ->
                    x.objects(
                        ObjectIdentifier.builder().key(" ").build(),
                        ObjectIdentifier.builder().key("  a  ").build())));
    assertThat(deleted.errors()).isEmpty();
    assertThat(deleted.deleted()).extracting(d -> d.key()).containsExactlyInAnyOrder(" ", "  a  ");
    assertThat(
            dev.listObjectsV2(l -> l.bucket("spaces")).contents().stream()
                .map(S3Object::key)
                .toList())
        .containsExactlyInAnyOrder("a", "\t");
    assertThat(dev.getObjectAsBytes(g -> g.bucket("spaces").key("a")).asUtf8String())
        .isEqualTo("[a]");
  }

  @Test
  void emptyingAVersionedBucketPageByPage_deletesEveryVersion_thenTheBucket() {
    dev.createBucket(b -> b.bucket("emptied"));
    dev.putBucketVersioning(v ->
        v.bucket("emptied").versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    for (int i = 0; i < 9; i++) {
      String key = "k" + (i % 4);
      dev.putObject(p -> p.bucket("emptied").key(key), RequestBody.fromString(key));
    }
    dev.deleteObject(d -> d.bucket("emptied").key("k2"));
    String keyMarker = null;
    String versionIdMarker = null;
    int deleted = 0;
    while (true) {
      String key = keyMarker;
      String version = versionIdMarker;
      ListObjectVersionsResponse page =
          dev.listObjectVersions(
              l -> l.bucket("emptied").maxKeys(3).keyMarker(key).versionIdMarker(version));
      var targets =
          java.util.stream.Stream.concat(
                  page.versions().stream()
                      .map(v -> ObjectIdentifier.builder().key(v.key()).versionId(v.versionId())),
                  page.deleteMarkers().stream()
                      .map(m -> ObjectIdentifier.builder().key(m.key()).versionId(m.versionId())))
              .map(ObjectIdentifier.Builder::build)
              .toList();
      if (!targets.isEmpty()) {
        deleted +=
            dev.deleteObjects(d -> d.bucket("emptied").delete(x -> x.objects(targets)))
                .deleted()
                .size();
      }
      if (!page.isTruncated()) {
        break;
      }
      keyMarker = page.nextKeyMarker();
      versionIdMarker = page.nextVersionIdMarker();
    }
    assertThat(deleted).isEqualTo(10);
    assertThat(dev.listObjectVersions(l -> l.bucket("emptied")).versions()).isEmpty();
    dev.deleteBucket(d -> d.bucket("emptied"));

    assertS3Error(
        () ->
            dev.listObjectVersions(
                l -> l.bucket("refused").versionIdMarker("0123456789abcdef0123456789abcdef")),
        400,
        "InvalidArgument",
        "A version-id marker cannot be specified without a key marker.");
  }

  private static List<String> keys() {
    return dev.listObjectsV2(l -> l.bucket("refused")).contents().stream()
        .map(S3Object::key)
        .toList();
  }
}
