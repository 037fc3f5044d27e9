package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed and hostile input: each gets S3's error code, leaves nothing behind, and the server
 * answers the next request.
 */
class S3BadInputIT extends FerryPerClass {
  static final String BUCKET = "bad-input-bucket";

  @BeforeAll
  static void start() throws Exception {
    dev.run("s3", "mb", "s3://" + BUCKET).assertOk();
  }

  @AfterEach
  void serverKeepsServing() throws Exception {
    assertThat(dev.run("s3", "ls").assertOk().stdout()).contains(BUCKET);
    assertThat(ferry.isAlive()).isTrue();
  }

  @Test
  void malformedXml_isMalformedXML_andTheSettingIsUnchanged() throws Exception {
    byte[] body = "<VersioningConfiguration><Status>Enabled".getBytes(StandardCharsets.UTF_8);
    RawS3Request.Answer answer =
        RawS3Request.send(
            ferry.endpoint(),
            ferry.account("dev"),
            "PUT",
            "/" + BUCKET,
            "versioning=",
            Map.of("Content-MD5", md5(body)),
            RawS3Request.hex(RawS3Request.sha256(body)),
            body,
            false);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo("MalformedXML");
    assertThat(dev.run("s3api", "get-bucket-versioning", "--bucket", BUCKET).assertOk().stdout())
        .doesNotContain("Enabled");
  }

  @Test
  void wrongContentMd5_isBadDigest_andNothingIsStored() throws Exception {
    Path file = Files.writeString(work.resolve("md5.txt"), "the real content");
    AwsCli.Result result =
        dev.run(
            "s3api",
            "put-object",
            "--bucket",
            BUCKET,
            "--key",
            "md5.txt",
            "--body",
            file.toString(),
            "--content-md5",
            md5("other content".getBytes(StandardCharsets.UTF_8)));
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("BadDigest");
    assertNotStored("md5.txt");
  }

  @Test
  void trailerChecksumMismatch_isBadDigest_andNothingIsStored() throws Exception {
    RawS3Request.Answer wrong = chunkedPutWithTrailer("trailer.txt", "AAAAAA==");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.code()).isEqualTo("BadDigest");
    assertThat(wrong.body())
        .contains("The CRC32 you specified did not match the calculated checksum.");
    assertNotStored("trailer.txt");
    // The same request with the right trailer is stored.
    assertThat(chunkedPutWithTrailer("trailer.txt", "NjowIA==").status()).isEqualTo(200);
    Path back = work.resolve("trailer-back.txt");
    dev.run("s3", "cp", "s3://" + BUCKET + "/trailer.txt", back.toString()).assertOk();
    assertThat(Files.readString(back)).isEqualTo("hello\n");
  }

  private static RawS3Request.Answer chunkedPutWithTrailer(String key, String crc32)
      throws Exception {
    byte[] body =
        ("6\r\nhello\n\r\n0\r\nx-amz-checksum-crc32:" + crc32 + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    return RawS3Request.send(
        ferry.endpoint(),
        ferry.account("dev"),
        "PUT",
        "/" + BUCKET + "/" + key,
        "",
        Map.of(
            "Content-Encoding", "aws-chunked",
            "x-amz-decoded-content-length", "6",
            "x-amz-trailer", "x-amz-checksum-crc32",
            "x-amz-sdk-checksum-algorithm", "CRC32"),
        "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
        body,
        false);
  }

  @Test
  void invalidBucketName_isInvalidBucketName_andNoBucketIsMade() throws Exception {
    AwsCli.Result result = dev.run("s3api", "create-bucket", "--bucket", "Bad_Name");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("InvalidBucketName");
    assertThat(dev.run("s3api", "list-buckets").assertOk().stdout()).doesNotContain("Bad_Name");
  }

  @Test
  void truncatedBody_isIncompleteBody_andNothingIsStored() throws Exception {
    RawS3Request.Answer answer =
        RawS3Request.send(
            ferry.endpoint(),
            ferry.account("dev"),
            "PUT",
            "/" + BUCKET + "/truncated.bin",
            "",
            Map.of("Content-Length", "100"),
            "UNSIGNED-PAYLOAD",
            new byte[50],
            true);
    // The client closed its side, so the answer may be lost; when it arrives it says why.
    if (answer.status() != 0) {
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.code()).isEqualTo("IncompleteBody");
    }
    assertNotStored("truncated.bin");
  }

  @Test
  void sixGibSinglePut_isRefusedBeforeTheBodyIsSent() throws Exception {
    long declared = 6L * 1024 * 1024 * 1024;
    RawS3Request.Answer answer =
        RawS3Request.send(
            ferry.endpoint(),
            ferry.account("dev"),
            "PUT",
            "/" + BUCKET + "/huge.bin",
            "",
            Map.of("Content-Length", Long.toString(declared), "Expect", "100-continue"),
            "UNSIGNED-PAYLOAD",
            new byte[0],
            false);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo("EntityTooLarge");
    assertThat(answer.body()).contains("<MaxSizeAllowed>5368709120</MaxSizeAllowed>");
    assertNotStored("huge.bin");
  }

  private static void assertNotStored(String key) throws IOException, InterruptedException {
    AwsCli.Result head = dev.run("s3api", "head-object", "--bucket", BUCKET, "--key", key);
    assertThat(head.exitCode()).isNotZero();
    assertThat(head.stderr()).contains("404");
  }

  private static String md5(byte[] bytes) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
  }
}
