package ferry.s3.wire;

import static ferry.s3.wire.S3ErrorAssert.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.testing.RunningFerry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.EncryptionType;
import software.amazon.awssdk.services.s3.model.MFADelete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Input members of implemented operations that Ferry once ignored: each is now applied as AWS
 * documents it, or the request is refused (501 NotImplemented naming the header or element) and
 * nothing is stored; the next plain request is served.
 */
class S3IgnoredInputWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static S3Client dev;

  @BeforeAll
  static void start() {
    dev = ferry.s3("dev");
    dev.createBucket(b -> b.bucket("inputs"));
    put("kept", "kept bytes");
  }

  // ---- PutObject, CopyObject, CreateMultipartUpload: what is stored with the object ----

  @Test
  void storageClass_standardIsStored_otherClassesAreRefused_unknownIsInvalid() {
    dev.putObject(
        p -> p.bucket("inputs").key("standard").storageClass("STANDARD"),
        RequestBody.fromString("s"));
    assertThat(body("standard")).isEqualTo("s");
    assertS3Error(
        () ->
            dev.putObject(
                p -> p.bucket("inputs").key("glacier").storageClass("GLACIER"),
                RequestBody.fromString("g")),
        501,
        "NotImplemented",
        "storage class GLACIER (x-amz-storage-class)");
    assertMissing("glacier");
    assertS3Error(
        () ->
            dev.putObject(
                p -> p.bucket("inputs").key("glacier").storageClass("COLD"),
                RequestBody.fromString("g")),
        400,
        "InvalidStorageClass",
        "The storage class you specified is not valid");
    assertMissing("glacier");
    assertS3Error(
        () ->
            dev.copyObject(c ->
                c.sourceBucket("inputs")
                    .sourceKey("kept")
                    .destinationBucket("inputs")
                    .destinationKey("copy-ia")
                    .storageClass("STANDARD_IA")),
        501,
        "NotImplemented",
        "STANDARD_IA");
    assertMissing("copy-ia");
    assertS3Error(
        () ->
            dev.createMultipartUpload(
                c -> c.bucket("inputs").key("mpu-deep").storageClass("DEEP_ARCHIVE")),
        501,
        "NotImplemented",
        "DEEP_ARCHIVE");
    assertNoUploads();
    put("glacier", "now standard");
    assertThat(body("glacier")).isEqualTo("now standard");
  }

  @Test
  void websiteRedirectLocation_isStoredByPutObject_andRefusedOnCopyAndMultipart() {
    dev.putObject(
        p -> p.bucket("inputs").key("redirect-put").websiteRedirectLocation("/other"),
        RequestBody.fromString("r"));
    assertThat(
            dev.headObject(h -> h.bucket("inputs").key("redirect-put")).websiteRedirectLocation())
        .isEqualTo("/other");
    assertS3Error(
        () ->
            dev.copyObject(c ->
                c.sourceBucket("inputs")
                    .sourceKey("kept")
                    .destinationBucket("inputs")
                    .destinationKey("redirect")
                    .websiteRedirectLocation("https://example.com/")),
        501,
        "NotImplemented",
        "x-amz-website-redirect-location");
    assertMissing("redirect");
    assertS3Error(
        () ->
            dev.createMultipartUpload(
                c -> c.bucket("inputs").key("redirect").websiteRedirectLocation("/other")),
        501,
        "NotImplemented",
        "x-amz-website-redirect-location");
    assertNoUploads();
    put("redirect", "plain");
    assertThat(body("redirect")).isEqualTo("plain");
  }

  @Test
  void encryptionContext_andAppendOffset_areRefused() {
    String context =
        Base64.getEncoder()
            .encodeToString("{\"project\":\"ferry\"}".getBytes(StandardCharsets.UTF_8));
    assertS3Error(
        () ->
            dev.putObject(
                p ->
                    p.bucket("inputs")
                        .key("context")
                        .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                        .ssekmsEncryptionContext(context),
                RequestBody.fromString("c")),
        501,
        "NotImplemented",
        "x-amz-server-side-encryption-context");
    assertMissing("context");
    assertS3Error(
        () ->
            dev.putObject(
                p -> p.bucket("inputs").key("context").writeOffsetBytes(0L),
                RequestBody.fromString("c")),
        501,
        "NotImplemented",
        "x-amz-write-offset-bytes");
    assertMissing("context");
    put("context", "plain");
    assertThat(body("context")).isEqualTo("plain");
  }

  @Test
  void checksumAlgorithmsFerryDoesNotCompute_areRefused_unknownOnesAreInvalid() {
    assertS3Error(
        () ->
            dev.putObject(
                p ->
                    p.bucket("inputs")
                        .key("sha512")
                        .overrideConfiguration(o ->
                            o.putHeader(
                                "x-amz-checksum-sha512",
                                Base64.getEncoder().encodeToString(new byte[64]))),
                RequestBody.fromString("x")),
        501,
        "NotImplemented",
        "SHA512 checksum algorithm (x-amz-checksum-sha512)");
    assertMissing("sha512");
    assertS3Error(
        () ->
            dev.createMultipartUpload(
                c -> c.bucket("inputs").key("sha512").checksumAlgorithm("XXHASH64")),
        501,
        "NotImplemented",
        "XXHASH64");
    assertNoUploads();
    assertS3Error(
        () ->
            dev.copyObject(c ->
                c.sourceBucket("inputs")
                    .sourceKey("kept")
                    .destinationBucket("inputs")
                    .destinationKey("sha512")
                    .checksumAlgorithm("NOPE")),
        400,
        "InvalidRequest",
        "Checksum algorithm provided is unsupported.");
    assertMissing("sha512");
    dev.copyObject(c ->
        c.sourceBucket("inputs")
            .sourceKey("kept")
            .destinationBucket("inputs")
            .destinationKey("sha512")
            .checksumAlgorithm(ChecksumAlgorithm.SHA256));
    assertThat(body("sha512")).isEqualTo("kept bytes");
  }

  @Test
  void malformedTaggingHeader_isInvalidArgument_andWellFormedTagsAreStored() {
    assertS3Error(
        () ->
            dev.putObject(
                p -> p.bucket("inputs").key("tagged").tagging("a=%zz"),
                RequestBody.fromString("t")),
        400,
        "InvalidArgument",
        "x-amz-tagging");
    assertMissing("tagged");
    dev.putObject(
        p -> p.bucket("inputs").key("tagged").tagging("team=a%20b&stage=prod"),
        RequestBody.fromString("t"));
    assertThat(dev.getObjectTagging(g -> g.bucket("inputs").key("tagged")).tagSet())
        .containsExactlyInAnyOrder(
            Tag.builder().key("team").value("a b").build(),
            Tag.builder().key("stage").value("prod").build());
  }

  // ---- conditional writes ----

  @Test
  void copyObject_honoursIfNoneMatchAndIfMatch_onTheDestination() {
    put("copy-dest", "original");
    String etag = dev.headObject(h -> h.bucket("inputs").key("copy-dest")).eTag();
    assertS3Error(
        () -> dev.copyObject(copyOnto("copy-dest").ifNoneMatch("*").build()),
        412,
        "PreconditionFailed",
        "pre-conditions");
    assertS3Error(
        () -> dev.copyObject(copyOnto("copy-dest").ifMatch("\"0123\"").build()),
        412,
        "PreconditionFailed",
        null);
    assertThat(body("copy-dest")).isEqualTo("original");
    assertS3Error(
        () -> dev.copyObject(copyOnto("copy-absent").ifMatch(etag).build()),
        404,
        "NoSuchKey",
        null);
    assertMissing("copy-absent");
    dev.copyObject(copyOnto("copy-dest").ifMatch(etag).build());
    assertThat(body("copy-dest")).isEqualTo("kept bytes");
    dev.copyObject(copyOnto("copy-new").ifNoneMatch("*").build());
    assertThat(body("copy-new")).isEqualTo("kept bytes");
  }

  @Test
  void completeMultipartUpload_honoursConditions_sizeChecksumAndChecksumType() {
    put("mpu-dest", "original");
    String uploadId =
        dev.createMultipartUpload(
                c -> c.bucket("inputs").key("mpu-dest").checksumAlgorithm(ChecksumAlgorithm.CRC32))
            .uploadId();
    UploadPartResponse part =
        dev.uploadPart(
            u ->
                u.bucket("inputs")
                    .key("mpu-dest")
                    .uploadId(uploadId)
                    .partNumber(1)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32),
            RequestBody.fromString("five bytes? no, more"));
    CompletedPart completed =
        CompletedPart.builder()
            .partNumber(1)
            .eTag(part.eTag())
            .checksumCRC32(part.checksumCRC32())
            .build();
    assertS3Error(
        () -> dev.completeMultipartUpload(complete(uploadId, completed).ifNoneMatch("*").build()),
        412,
        "PreconditionFailed",
        null);
    assertS3Error(
        () ->
            dev.completeMultipartUpload(complete(uploadId, completed).ifMatch("\"0123\"").build()),
        412,
        "PreconditionFailed",
        null);
    assertS3Error(
        () -> dev.completeMultipartUpload(complete(uploadId, completed).mpuObjectSize(3L).build()),
        400,
        "InvalidRequest",
        "x-amz-mp-object-size");
    assertS3Error(
        () ->
            dev.completeMultipartUpload(
                complete(uploadId, completed).checksumType("FULL_OBJECT").build()),
        400,
        "BadDigest",
        "x-amz-checksum-type");
    assertS3Error(
        () ->
            dev.completeMultipartUpload(
                complete(uploadId, completed).checksumCRC32("AAAAAA==").build()),
        400,
        "BadDigest",
        "x-amz-checksum-crc32");
    assertThat(body("mpu-dest")).isEqualTo("original");
    assertThat(dev.listParts(l -> l.bucket("inputs").key("mpu-dest").uploadId(uploadId)).parts())
        .hasSize(1);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(Base64.getDecoder().decode(part.checksumCRC32()));
    String composite =
        Base64.getEncoder()
                .encodeToString(
                    java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array())
            + "-1";
    dev.completeMultipartUpload(
        complete(uploadId, completed)
            .mpuObjectSize(20L)
            .checksumType("COMPOSITE")
            .checksumCRC32(composite)
            .build());
    assertThat(body("mpu-dest")).isEqualTo("five bytes? no, more");
  }

  // ---- deletes ----

  @Test
  void deleteObject_honoursIfMatch() {
    put("del", "d");
    String etag = dev.headObject(h -> h.bucket("inputs").key("del")).eTag();
    assertS3Error(
        () -> dev.deleteObject(d -> d.bucket("inputs").key("del").ifMatch("\"0123\"")),
        412,
        "PreconditionFailed",
        null);
    assertThat(body("del")).isEqualTo("d");
    assertS3Error(
        () -> dev.deleteObject(d -> d.bucket("inputs").key("del-absent").ifMatch("*")),
        404,
        "NoSuchKey",
        null);
    dev.deleteObject(d -> d.bucket("inputs").key("del").ifMatch(etag));
    assertMissing("del");
    put("del", "again");
    dev.deleteObject(d -> d.bucket("inputs").key("del").ifMatch("*"));
    assertMissing("del");
  }

  @Test
  void deleteObjects_honoursEachObjectsETag() {
    put("batch-a", "a");
    put("batch-b", "b");
    String etagB = dev.headObject(h -> h.bucket("inputs").key("batch-b")).eTag();
    DeleteObjectsResponse response =
        dev.deleteObjects(d ->
            d.bucket("inputs")
                .delete(x ->
                    x.objects(
                        ObjectIdentifier.builder().key("batch-a").eTag("\"0123\"").build(),
                        ObjectIdentifier.builder().key("batch-b").eTag(etagB).build())));
    assertThat(response.errors()).hasSize(1);
    assertThat(response.errors().getFirst().key()).isEqualTo("batch-a");
    assertThat(response.errors().getFirst().code()).isEqualTo("PreconditionFailed");
    assertThat(response.deleted()).extracting(d -> d.key()).containsExactly("batch-b");
    assertThat(body("batch-a")).isEqualTo("a");
    assertMissing("batch-b");
    assertS3Error(
        () ->
            dev.deleteObjects(d ->
                d.bucket("inputs")
                    .delete(x ->
                        x.objects(ObjectIdentifier.builder().key("batch-a").size(1L).build()))),
        501,
        "NotImplemented",
        "Size");
    assertThat(body("batch-a")).isEqualTo("a");
  }

  @Test
  void governanceBypass_onABucketWithoutObjectLock_deletesAsWithoutIt() {
    put("bypassed", "b");
    dev.deleteObject(d -> d.bucket("inputs").key("bypassed").bypassGovernanceRetention(true));
    assertThat(dev.listObjectsV2(b -> b.bucket("inputs").prefix("bypassed")).keyCount()).isZero();
  }

  @Test
  void mfaAndDirectoryBucketConditions_areRefused_andDeleteNothing() {
    put("guarded", "g");
    assertS3Error(
        () -> dev.deleteObject(d -> d.bucket("inputs").key("guarded").mfa("serial 123456")),
        501,
        "NotImplemented",
        "x-amz-mfa");
    assertS3Error(
        () -> dev.deleteObject(d -> d.bucket("inputs").key("guarded").ifMatchSize(1L)),
        501,
        "NotImplemented",
        "x-amz-if-match-size");
    assertS3Error(
        () ->
            dev.deleteObject(
                d -> d.bucket("inputs").key("guarded").ifMatchLastModifiedTime(Instant.now())),
        501,
        "NotImplemented",
        "x-amz-if-match-last-modified-time");
    assertS3Error(
        () ->
            dev.deleteObjects(d ->
                d.bucket("inputs")
                    .mfa("serial 123456")
                    .delete(x -> x.objects(ObjectIdentifier.builder().key("guarded").build()))),
        501,
        "NotImplemented",
        "x-amz-mfa");
    assertThat(body("guarded")).isEqualTo("g");
    String uploadId =
        dev.createMultipartUpload(c -> c.bucket("inputs").key("guarded-mpu")).uploadId();
    assertS3Error(
        () ->
            dev.abortMultipartUpload(a ->
                a.bucket("inputs")
                    .key("guarded-mpu")
                    .uploadId(uploadId)
                    .ifMatchInitiatedTime(Instant.now())),
        501,
        "NotImplemented",
        "x-amz-if-match-initiated-time");
    assertThat(dev.listMultipartUploads(l -> l.bucket("inputs")).uploads())
        .extracting(u -> u.uploadId())
        .contains(uploadId);
    dev.abortMultipartUpload(a -> a.bucket("inputs").key("guarded-mpu").uploadId(uploadId));
    dev.deleteObject(d -> d.bucket("inputs").key("guarded"));
    assertMissing("guarded");
  }

  // ---- buckets ----

  @Test
  void putBucketVersioning_withMfa_isRefused_andChangesNothing() {
    dev.createBucket(b -> b.bucket("mfa-versioning"));
    assertS3Error(
        () ->
            dev.putBucketVersioning(v ->
                v.bucket("mfa-versioning")
                    .mfa("serial 123456")
                    .versioningConfiguration(c ->
                        c.status(BucketVersioningStatus.ENABLED).mfaDelete(MFADelete.DISABLED))),
        501,
        "NotImplemented",
        "x-amz-mfa");
    assertThat(dev.getBucketVersioning(g -> g.bucket("mfa-versioning")).status()).isNull();
    dev.putBucketVersioning(v ->
        v.bucket("mfa-versioning")
            .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    assertThat(dev.getBucketVersioning(g -> g.bucket("mfa-versioning")).status())
        .isEqualTo(BucketVersioningStatus.ENABLED);
  }

  @Test
  void createBucket_withAccountRegionalNamespace_isRefused_andCreatesNothing() {
    assertS3Error(
        () -> dev.createBucket(b -> b.bucket("tagged-bucket").bucketNamespace("account-regional")),
        501,
        "NotImplemented",
        "x-amz-bucket-namespace");
    assertThat(dev.listBuckets().buckets()).noneMatch(b -> b.name().equals("tagged-bucket"));
    dev.createBucket(b -> b.bucket("tagged-bucket").bucketNamespace("global"));
    dev.headBucket(h -> h.bucket("tagged-bucket"));
  }

  @Test
  void putBucketEncryption_withBlockedTypesOrDualLayer_isRefused_andChangesNothing() {
    dev.createBucket(b -> b.bucket("blocked-sse"));
    ServerSideEncryptionRule blocked =
        ServerSideEncryptionRule.builder()
            .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256))
            .blockedEncryptionTypes(t -> t.encryptionType(EncryptionType.SSE_C))
            .build();
    assertS3Error(
        () ->
            dev.putBucketEncryption(e ->
                e.bucket("blocked-sse").serverSideEncryptionConfiguration(c -> c.rules(blocked))),
        501,
        "NotImplemented",
        "BlockedEncryptionTypes");
    ServerSideEncryptionRule dualLayer =
        ServerSideEncryptionRule.builder()
            .applyServerSideEncryptionByDefault(
                d -> d.sseAlgorithm(ServerSideEncryption.AWS_KMS_DSSE))
            .build();
    assertS3Error(
        () ->
            dev.putBucketEncryption(e ->
                e.bucket("blocked-sse").serverSideEncryptionConfiguration(c -> c.rules(dualLayer))),
        501,
        "NotImplemented",
        "aws:kms:dsse");
    assertThat(
            dev.getBucketEncryption(g -> g.bucket("blocked-sse"))
                .serverSideEncryptionConfiguration()
                .rules()
                .getFirst()
                .applyServerSideEncryptionByDefault()
                .sseAlgorithm())
        .isEqualTo(ServerSideEncryption.AES256);
  }

  // ---- helpers ----

  private static software.amazon.awssdk.services.s3.model.CopyObjectRequest.Builder copyOnto(
      String key) {
    return software.amazon.awssdk.services.s3.model.CopyObjectRequest.builder()
        .sourceBucket("inputs")
        .sourceKey("kept")
        .destinationBucket("inputs")
        .destinationKey(key);
  }

  private static software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest.Builder
      complete(String uploadId, CompletedPart part) {
    return software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest.builder()
        .bucket("inputs")
        .key("mpu-dest")
        .uploadId(uploadId)
        .multipartUpload(m -> m.parts(List.of(part)));
  }

  private static void put(String key, String body) {
    dev.putObject(p -> p.bucket("inputs").key(key), RequestBody.fromString(body));
  }

  private static String body(String key) {
    return dev.getObjectAsBytes(g -> g.bucket("inputs").key(key)).asUtf8String();
  }

  private static void assertMissing(String key) {
    assertS3Error(() -> dev.headObject(h -> h.bucket("inputs").key(key)), 404, null, null);
  }

  private static void assertNoUploads() {
    assertThat(dev.listMultipartUploads(l -> l.bucket("inputs")).uploads()).isEmpty();
  }
}
