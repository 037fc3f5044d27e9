package ferry.s3;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSE-C: objects encrypted under the customer's key, which every read must bring again. */
class CustomerKeyTest {
  private static final String MISSING =
      "The object was stored using a form of Server Side Encryption. The correct parameters must"
          + " be provided to retrieve the object.";

  @TempDir Path dataDir;
  S3Fixture f;
  final CustomerKey key = key(7);
  final CustomerKey other = key(9);

  @BeforeEach
  void start() {
    f = new S3Fixture(dataDir);
    f.bucket(f.dev, "vault");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void sseCObject_isReadOnlyWithItsKey() {
    PutObjectResult put = put("secret", "the secret bytes", key);
    assertThat(put.version().encryption().isCustomerKey()).isTrue();
    assertThat(read("secret", key)).isEqualTo("the secret bytes");
    assertThat(f.s3.objects().headObject(f.dev, request("secret", key)).version().size())
        .isEqualTo(16);
    assertAwsError(() -> read("secret", null), "InvalidRequest").isEqualTo(MISSING);
    assertAwsError(
            () -> f.s3.objects().headObject(f.dev, request("secret", null)), "InvalidRequest")
        .isEqualTo(MISSING);
    assertAwsError(() -> read("secret", other), "AccessDenied").startsWith("Access Denied");
    assertAwsError(
        () -> f.s3.objects().headObject(f.dev, request("secret", other)), "AccessDenied");
    f.put(f.dev, "vault", "plain", "plain bytes");
    assertAwsError(() -> read("plain", key), "InvalidRequest")
        .isEqualTo("The encryption parameters are not applicable to this object.");
    assertThat(read("plain", null)).isEqualTo("plain bytes");
    assertThat(
            f.s3
                .listings()
                .listObjects(f.dev, new ListObjectsRequest("vault", "", null, 10, ""))
                .objects())
        .hasSize(2);
  }

  @Test
  void theCustomerKey_isNeverStored_onlyItsSaltedHmac() throws Exception {
    put("secret", "the secret bytes", key);
    byte[] raw = key.key();
    String base64 = Base64.getEncoder().encodeToString(raw);
    String md5 = key.md5();
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] content = Files.readAllBytes(file);
        String text = new String(content, StandardCharsets.ISO_8859_1);
        assertThat(text).as(file.toString()).doesNotContain(base64).doesNotContain(md5);
        assertThat(HexFormat.of().formatHex(content))
            .as(file.toString())
            .doesNotContain(HexFormat.of().formatHex(raw));
      }
    }
    ObjectVersion stored = f.s3.objects().headObject(f.dev, request("secret", key)).version();
    assertThat(stored.encryption().customerKeyCheck()).isNotNull().doesNotContain(md5);
    assertThat(CustomerKeys.matches(stored.encryption().customerKeyCheck(), key)).isTrue();
    assertThat(CustomerKeys.matches(stored.encryption().customerKeyCheck(), other)).isFalse();
  }

  @Test
  void copy_needsTheSourceKey_andEncryptsTheCopyAsAsked() {
    put("secret", "copied bytes", key);
    assertAwsError(() -> copy("secret", "copy", null, null), "InvalidRequest").isEqualTo(MISSING);
    assertAwsError(() -> copy("secret", "copy", other, null), "AccessDenied");
    assertAwsError(() -> read("copy", null), "NoSuchKey");
    copy("secret", "rekeyed", key, other);
    assertThat(read("rekeyed", other)).isEqualTo("copied bytes");
    assertAwsError(() -> read("rekeyed", key), "AccessDenied");
    copy("secret", "clear", key, null);
    assertThat(read("clear", null)).isEqualTo("copied bytes");
    // The same object with its key, re-encrypted under a new one.
    copy("secret", "secret", key, other);
    assertThat(read("secret", other)).isEqualTo("copied bytes");
  }

  @Test
  void sseCWithAnotherEncryption_isInvalidArgument_andNothingIsStored() {
    assertAwsError(
            () ->
                f.s3
                    .objects()
                    .putObject(
                        f.dev, putRequest("both", "bytes", ServerSideEncryption.SSE_S3, key)),
            "InvalidArgument")
        .contains("incompatible");
    assertAwsError(() -> read("both", null), "NoSuchKey");
    assertThat(f.blobFiles()).isZero();
  }

  @Test
  void multipartUpload_underACustomerKey_needsItForEveryPart() throws Exception {
    MultipartUpload upload =
        f.s3
            .uploads()
            .create(
                f.dev,
                new CreateMultipartUploadRequest(
                    "vault",
                    "parts",
                    Map.of(),
                    AccessControlList.NONE,
                    Map.of(),
                    null,
                    null,
                    key,
                    ObjectLockRequest.NONE));
    assertAwsError(() -> part(upload, null), "InvalidRequest").isEqualTo(MISSING);
    assertAwsError(() -> part(upload, other), "AccessDenied");
    UploadedPart part = part(upload, key);
    f.s3
        .uploads()
        .complete(
            f.dev, "vault", "parts", upload.uploadId(), List.of(new CompletedPart(1, part.etag())));
    assertThat(read("parts", key)).isEqualTo("one part");
    assertAwsError(() -> read("parts", null), "InvalidRequest").isEqualTo(MISSING);
  }

  @Test
  void keysAreCheckedAsAwsChecksThem() {
    String good = Base64.getEncoder().encodeToString(new byte[32]);
    String md5 = CustomerKey.md5(new byte[32]);
    String prefix = "x-amz-server-side-encryption-customer";
    assertThat(CustomerKey.parse(prefix, null, null, null, false)).isNull();
    assertAwsError(() -> CustomerKey.parse(prefix, "AES256", good, md5, false), "InvalidRequest")
        .isEqualTo(
            "Requests specifying Server Side Encryption with Customer provided keys must be made"
                + " over a secure connection.");
    assertAwsError(
            () ->
                CustomerKey.parse(
                    prefix,
                    "AES256",
                    Base64.getEncoder().encodeToString(new byte[16]),
                    CustomerKey.md5(new byte[16]),
                    true),
            "InvalidArgument")
        .isEqualTo("The secret key was invalid for the specified algorithm.");
    assertAwsError(
            () -> CustomerKey.parse(prefix, "AES256", good, CustomerKey.md5(new byte[1]), true),
            "InvalidArgument")
        .isEqualTo("The calculated MD5 hash of the key did not match the hash that was provided.");
    assertAwsError(() -> CustomerKey.parse(prefix, "AES256", good, null, true), "InvalidArgument")
        .contains("MD5");
    assertAwsError(() -> CustomerKey.parse(prefix, null, good, md5, true), "InvalidArgument")
        .contains("valid encryption algorithm");
    assertAwsError(
        () -> CustomerKey.parse(prefix, "aws:kms", good, md5, true),
        "InvalidEncryptionAlgorithmError");
    assertThat(CustomerKey.parse(prefix, "AES256", good, md5, true).md5()).isEqualTo(md5);
  }

  private static CustomerKey key(int fill) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) fill);
    return new CustomerKey(bytes, CustomerKey.md5(bytes));
  }

  private PutObjectResult put(String name, String body, CustomerKey customerKey) {
    return f.s3.objects().putObject(f.dev, putRequest(name, body, null, customerKey));
  }

  private static PutObjectRequest putRequest(
      String name,
      String body,
      @Nullable ServerSideEncryption encryption,
      @Nullable CustomerKey customerKey) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new PutObjectRequest(
        "vault",
        name,
        new ByteArrayInputStream(bytes),
        bytes.length,
        Map.of(),
        BodyIntegrity.NONE,
        AccessControlList.NONE,
        Map.of(),
        encryption,
        null,
        null,
        customerKey,
        ObjectLockRequest.NONE);
  }

  private static GetObjectRequest request(String name, @Nullable CustomerKey customerKey) {
    return new GetObjectRequest("vault", name, null, null, Preconditions.NONE, null, customerKey);
  }

  private String read(String name, @Nullable CustomerKey customerKey) {
    return f.read(f.dev, request(name, customerKey));
  }

  private CopyObjectResult copy(
      String from, String to, @Nullable CustomerKey sourceKey, @Nullable CustomerKey newKey) {
    return f.s3
        .objects()
        .copyObject(
            f.dev,
            new CopyObjectRequest(
                "vault",
                from,
                null,
                Preconditions.NONE,
                "vault",
                to,
                false,
                Map.of(),
                false,
                Map.of(),
                AccessControlList.NONE,
                null,
                null,
                null,
                null,
                sourceKey,
                newKey,
                ObjectLockRequest.NONE));
  }

  private UploadedPart part(MultipartUpload upload, @Nullable CustomerKey customerKey)
      throws IOException {
    byte[] bytes = "one part".getBytes(StandardCharsets.UTF_8);
    return f.s3
        .uploads()
        .uploadPart(
            f.dev,
            new UploadPartRequest(
                "vault",
                "parts",
                upload.uploadId(),
                1,
                new ByteArrayInputStream(bytes),
                bytes.length,
                BodyIntegrity.NONE,
                customerKey));
  }
}
