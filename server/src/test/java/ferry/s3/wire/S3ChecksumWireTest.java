package ferry.s3.wire;

import static ferry.s3.ChecksumAlgorithm.CRC32;
import static ferry.s3.ChecksumAlgorithm.CRC64NVME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ferry.testing.RunningFerry;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Flexible checksums on reads cover exactly the bytes sent: the SDK's checksum validation (on by
 * default) passes on ranged, part and conditional reads, and a multipart object's checksums are
 * composed as S3 composes them.
 */
class S3ChecksumWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static S3Client dev;

  @BeforeAll
  static void start() throws Exception {
    dev = ferry.s3("dev");
    dev.createBucket(b -> b.bucket("sums"));
  }

  @Test
  void rangedGet_hasNoWholeObjectChecksum_andPassesValidation() {
    byte[] bytes = random(1024 * 1024, 1);
    var put =
        dev.putObject(
            p -> p.bucket("sums").key("ranged").checksumAlgorithm(ChecksumAlgorithm.CRC32),
            RequestBody.fromBytes(bytes));
    ResponseBytes<GetObjectResponse> range =
        dev.getObjectAsBytes(g ->
            g.bucket("sums")
                .key("ranged")
                .range("bytes=100-1099")
                .checksumMode(ChecksumMode.ENABLED));
    assertThat(range.asByteArray()).isEqualTo(Arrays.copyOfRange(bytes, 100, 1100));
    assertThat(range.response().sdkHttpResponse().statusCode()).isEqualTo(206);
    assertThat(range.response().checksumCRC32()).isNull();
    assertThat(range.response().sdkHttpResponse().headers().keySet())
        .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("x-amz-checksum"));

    // The whole object still carries its checksum, and the next read is served.
    var whole =
        dev.getObjectAsBytes(
            g -> g.bucket("sums").key("ranged").checksumMode(ChecksumMode.ENABLED));
    assertThat(whole.response().checksumCRC32()).isEqualTo(put.checksumCRC32());
    assertThat(whole.response().checksumTypeAsString()).isEqualTo("FULL_OBJECT");
  }

  @Test
  void conditionalGet_304_andHead_412_carryNoChecksum() {
    var put =
        dev.putObject(
            p -> p.bucket("sums").key("conditional").checksumAlgorithm(ChecksumAlgorithm.SHA256),
            RequestBody.fromString("same bytes"));
    S3Exception notModified =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                dev.getObjectAsBytes(g ->
                    g.bucket("sums")
                        .key("conditional")
                        .ifNoneMatch(put.eTag())
                        .checksumMode(ChecksumMode.ENABLED)));
    assertThat(notModified.statusCode()).isEqualTo(304);
    var headers = notModified.awsErrorDetails().sdkHttpResponse().headers();
    assertThat(headers.keySet())
        .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("x-amz-checksum"));
    assertThat(notModified.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("ETag"))
        .contains(put.eTag());

    S3Exception failed =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                dev.headObject(h ->
                    h.bucket("sums")
                        .key("conditional")
                        .ifMatch("\"0000\"")
                        .checksumMode(ChecksumMode.ENABLED)));
    assertThat(failed.statusCode()).isEqualTo(412);
    assertThat(failed.awsErrorDetails().sdkHttpResponse().headers().keySet())
        .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("x-amz-checksum"));

    var modified =
        dev.getObjectAsBytes(g ->
            g.bucket("sums")
                .key("conditional")
                .ifNoneMatch("\"other\"")
                .checksumMode(ChecksumMode.ENABLED));
    assertThat(modified.asUtf8String()).isEqualTo("same bytes");
    assertThat(modified.response().checksumSHA256()).isEqualTo(put.checksumSHA256());
  }

  @Test
  void multipartObject_compositeChecksum_partChecksums_andUploadPartCopy() throws Exception {
    byte[] one = random(5 * 1024 * 1024, 2);
    byte[] two = random(4096, 3);
    String uploadId =
        dev.createMultipartUpload(
                c -> c.bucket("sums").key("mpu").checksumAlgorithm(ChecksumAlgorithm.SHA256))
            .uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    List<String> partSums = new ArrayList<>();
    int number = 1;
    for (byte[] part : List.of(one, two)) {
      int n = number++;
      var uploaded =
          dev.uploadPart(
              u ->
                  u.bucket("sums")
                      .key("mpu")
                      .uploadId(uploadId)
                      .partNumber(n)
                      .checksumAlgorithm(ChecksumAlgorithm.SHA256),
              RequestBody.fromBytes(part));
      assertThat(uploaded.checksumSHA256()).isEqualTo(sha256(part));
      partSums.add(uploaded.checksumSHA256());
      parts.add(
          CompletedPart.builder()
              .partNumber(n)
              .eTag(uploaded.eTag())
              .checksumSHA256(uploaded.checksumSHA256())
              .build());
    }
    var done =
        dev.completeMultipartUpload(c ->
            c.bucket("sums").key("mpu").uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    MessageDigest composite = MessageDigest.getInstance("SHA-256");
    for (String sum : partSums) {
      composite.update(Base64.getDecoder().decode(sum));
    }
    String expected = Base64.getEncoder().encodeToString(composite.digest()) + "-2";
    assertThat(done.checksumSHA256()).isEqualTo(expected);

    var whole =
        dev.getObjectAsBytes(g -> g.bucket("sums").key("mpu").checksumMode(ChecksumMode.ENABLED));
    assertThat(whole.asByteArray())
        .isEqualTo(ByteBuffer.allocate(one.length + two.length).put(one).put(two).array());
    assertThat(whole.response().checksumSHA256()).isEqualTo(expected);
    assertThat(whole.response().checksumTypeAsString()).isEqualTo("COMPOSITE");

    // A part read carries that part's checksum, which the SDK validates against the bytes.
    var second =
        dev.getObjectAsBytes(
            g -> g.bucket("sums").key("mpu").partNumber(2).checksumMode(ChecksumMode.ENABLED));
    assertThat(second.asByteArray()).isEqualTo(two);
    assertThat(second.response().checksumSHA256()).isEqualTo(sha256(two));
    var firstHead =
        dev.headObject(
            h -> h.bucket("sums").key("mpu").partNumber(1).checksumMode(ChecksumMode.ENABLED));
    assertThat(firstHead.checksumSHA256()).isEqualTo(sha256(one));

    // A range of the multipart object has no checksum.
    var range =
        dev.getObjectAsBytes(g ->
            g.bucket("sums").key("mpu").range("bytes=0-99").checksumMode(ChecksumMode.ENABLED));
    assertThat(range.response().checksumSHA256()).isNull();

    String copyId =
        dev.createMultipartUpload(
                c -> c.bucket("sums").key("copy").checksumAlgorithm(ChecksumAlgorithm.SHA256))
            .uploadId();
    var copied =
        dev.uploadPartCopy(c ->
            c.sourceBucket("sums")
                .sourceKey("mpu")
                .copySourceRange("bytes=10-1009")
                .destinationBucket("sums")
                .destinationKey("copy")
                .uploadId(copyId)
                .partNumber(1));
    assertThat(copied.copyPartResult().checksumSHA256())
        .isEqualTo(sha256(Arrays.copyOfRange(one, 10, 1010)));
    dev.abortMultipartUpload(a -> a.bucket("sums").key("copy").uploadId(copyId));
  }

  @Test
  void multipartUpload_withoutAnAlgorithm_hasNoObjectChecksum_ratherThanAWrongOne() {
    String uploadId = dev.createMultipartUpload(c -> c.bucket("sums").key("plain")).uploadId();
    byte[] bytes = random(1000, 4);
    // The SDK checksums the part with CRC32 by default; the upload itself asked for nothing.
    var part =
        dev.uploadPart(
            u -> u.bucket("sums").key("plain").uploadId(uploadId).partNumber(1),
            RequestBody.fromBytes(bytes));
    var done =
        dev.completeMultipartUpload(c ->
            c.bucket("sums")
                .key("plain")
                .uploadId(uploadId)
                .multipartUpload(
                    m -> m.parts(CompletedPart.builder().partNumber(1).eTag(part.eTag()).build())));
    assertThat(done.checksumCRC32()).isNull();
    var got =
        dev.getObjectAsBytes(g -> g.bucket("sums").key("plain").checksumMode(ChecksumMode.ENABLED));
    assertThat(got.asByteArray()).isEqualTo(bytes);
    assertThat(got.response().sdkHttpResponse().headers().keySet())
        .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("x-amz-checksum"));
  }

  @Test
  void fullObjectMultipartChecksum_isTheCrcOfTheWholeObject_andTheClientsValueIsChecked() {
    byte[] one = random(5 * 1024 * 1024, 5);
    byte[] two = random(1000, 6);
    byte[] all = ByteBuffer.allocate(one.length + two.length).put(one).put(two).array();
    String wholeCrc = crc(CRC32, all);
    var created =
        dev.createMultipartUpload(c ->
            c.bucket("sums")
                .key("full")
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                .checksumType(ChecksumType.FULL_OBJECT));
    assertThat(created.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    String uploadId = created.uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    int number = 1;
    for (byte[] bytes : List.of(one, two)) {
      int partNumber = number++;
      var part =
          dev.uploadPart(
              u ->
                  u.bucket("sums")
                      .key("full")
                      .uploadId(uploadId)
                      .partNumber(partNumber)
                      .checksumAlgorithm(ChecksumAlgorithm.CRC32),
              RequestBody.fromBytes(bytes));
      parts.add(
          CompletedPart.builder()
              .partNumber(partNumber)
              .eTag(part.eTag())
              .checksumCRC32(part.checksumCRC32())
              .build());
    }

    S3Exception wrong =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                dev.completeMultipartUpload(c ->
                    c.bucket("sums")
                        .key("full")
                        .uploadId(uploadId)
                        .checksumCRC32(crc(CRC32, one))
                        .checksumType(ChecksumType.FULL_OBJECT)
                        .multipartUpload(m -> m.parts(parts))));
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
    assertThat(wrong.awsErrorDetails().errorMessage())
        .isEqualTo("The crc32 you specified did not match the calculated checksum.");
    assertThat(
            dev.listObjectsV2(l -> l.bucket("sums").prefix("full")).contents().stream()
                .map(o -> o.key()))
        .doesNotContain("full");

    var done =
        dev.completeMultipartUpload(c ->
            c.bucket("sums")
                .key("full")
                .uploadId(uploadId)
                .checksumCRC32(wholeCrc)
                .checksumType(ChecksumType.FULL_OBJECT)
                .multipartUpload(m -> m.parts(parts)));
    assertThat(done.checksumCRC32()).isEqualTo(wholeCrc);
    assertThat(done.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    var head = dev.headObject(h -> h.bucket("sums").key("full").checksumMode(ChecksumMode.ENABLED));
    assertThat(head.checksumCRC32()).isEqualTo(wholeCrc);
    assertThat(head.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    var got =
        dev.getObjectAsBytes(g -> g.bucket("sums").key("full").checksumMode(ChecksumMode.ENABLED));
    assertThat(got.asByteArray()).isEqualTo(all);
    assertThat(got.response().checksumCRC32()).isEqualTo(wholeCrc);
    assertThat(got.response().checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
  }

  @Test
  void crc64NvmeMultipart_isFullObject_withoutAskingAndWithoutPartChecksumsOnCompletion() {
    byte[] bytes = random(3000, 7);
    var created =
        dev.createMultipartUpload(
            c -> c.bucket("sums").key("nvme").checksumAlgorithm(ChecksumAlgorithm.CRC64_NVME));
    assertThat(created.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    var part =
        dev.uploadPart(
            u ->
                u.bucket("sums")
                    .key("nvme")
                    .uploadId(created.uploadId())
                    .partNumber(1)
                    // The SDK computes CRC64NVME only with the CRT; the value is given instead.
                    .checksumCRC64NVME(crc(CRC64NVME, bytes)),
            RequestBody.fromBytes(bytes));
    var done =
        dev.completeMultipartUpload(c ->
            c.bucket("sums")
                .key("nvme")
                .uploadId(created.uploadId())
                .multipartUpload(
                    m -> m.parts(CompletedPart.builder().partNumber(1).eTag(part.eTag()).build())));
    String expected = crc(CRC64NVME, bytes);
    assertThat(done.checksumCRC64NVME()).isEqualTo(expected);
    assertThat(done.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
  }

  @Test
  void checksumTypesAnAlgorithmDoesNotHave_areRefused_andNoUploadIsMade() {
    assertInvalid(
        c -> c.checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumType(ChecksumType.FULL_OBJECT),
        "The FULL_OBJECT checksum type cannot be used with the sha256 checksum algorithm.");
    assertInvalid(
        c -> c.checksumAlgorithm(ChecksumAlgorithm.SHA1).checksumType(ChecksumType.FULL_OBJECT),
        "The FULL_OBJECT checksum type cannot be used with the sha1 checksum algorithm.");
    assertInvalid(
        c -> c.checksumAlgorithm(ChecksumAlgorithm.CRC64_NVME).checksumType(ChecksumType.COMPOSITE),
        "The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.");
    assertInvalid(
        c -> c.checksumType(ChecksumType.FULL_OBJECT),
        "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm"
            + " header.");
    assertThat(dev.listMultipartUploads(l -> l.bucket("sums").prefix("refused")).uploads())
        .isEmpty();
    String composite =
        dev.createMultipartUpload(c ->
                c.bucket("sums")
                    .key("refused")
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                    .checksumType(ChecksumType.COMPOSITE))
            .uploadId();
    dev.abortMultipartUpload(a -> a.bucket("sums").key("refused").uploadId(composite));
  }

  private static void assertInvalid(
      java.util.function.Consumer<
              software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest.Builder>
          request,
      String message) {
    S3Exception refused =
        catchThrowableOfType(
            S3Exception.class,
            () ->
                dev.createMultipartUpload(c -> {
                  c.bucket("sums").key("refused");
                  request.accept(c);
                }));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidRequest");
    assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo(message);
  }

  /**
   * Ferry's own CRC of the bytes, as a client computes it (the field {@code ferry} hides the
   * package).
   */
  private static String crc(Enum<?> algorithm, byte[] bytes) {
    var running = algorithm == CRC32 ? CRC32.start() : CRC64NVME.start();
    running.update(bytes, 0, bytes.length);
    return running.base64();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
