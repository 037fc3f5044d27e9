package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GetObjectAttributes with the aws CLI; conditional CompleteMultipartUpload and SigV2 bucket-level
 * calls with boto3, since this machine's aws CLI predates the first and no longer signs SigV2.
 */
class S3ObjectFeaturesIT extends FerryPerClass {
  static final String BUCKET = "object-features-bucket";
  private static final Path SCRIPT =
      Path.of("src", "test", "clients", "python", "object_features.py").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    dev.run("s3", "mb", "s3://" + BUCKET).assertOk();
    Path file = Files.writeString(work.resolve("existing.txt"), "original");
    dev.run(
            "s3api",
            "put-object",
            "--bucket",
            BUCKET,
            "--key",
            "existing.txt",
            "--body",
            file.toString())
        .assertOk();
  }

  @Test
  void getObjectAttributes_withTheCli() throws Exception {
    Path file = Files.writeString(work.resolve("attributes.txt"), "eleven char");
    String etag =
        JSON.readTree(
                dev.run(
                        "s3api",
                        "put-object",
                        "--bucket",
                        BUCKET,
                        "--key",
                        "attributes.txt",
                        "--body",
                        file.toString(),
                        "--checksum-algorithm",
                        "CRC32")
                    .assertOk()
                    .stdout())
            .path("ETag")
            .asText();
    JsonNode attributes =
        JSON.readTree(
            dev.run(
                    "s3api",
                    "get-object-attributes",
                    "--bucket",
                    BUCKET,
                    "--key",
                    "attributes.txt",
                    "--object-attributes",
                    "ETag",
                    "Checksum",
                    "ObjectSize",
                    "StorageClass")
                .assertOk()
                .stdout());
    assertThat(attributes.path("ETag").asText()).isEqualTo(etag.replace("\"", ""));
    assertThat(attributes.path("ObjectSize").asLong()).isEqualTo(11);
    assertThat(attributes.path("StorageClass").asText()).isEqualTo("STANDARD");
    assertThat(attributes.path("Checksum").path("ChecksumCRC32").asText()).isNotEmpty();

    AwsCli.Result unknown =
        dev.run(
            "s3api",
            "get-object-attributes",
            "--bucket",
            BUCKET,
            "--key",
            "missing.txt",
            "--object-attributes",
            "ETag");
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.stderr()).contains("NoSuchKey");
  }

  @Test
  void conditionalCompleteMultipartUpload_isRefused_andSigV2BucketCallsAreVerified()
      throws Exception {
    JsonNode results = boto3();
    assertThat(results.path("completeIfNoneMatch").asText()).isEqualTo("PreconditionFailed");
    assertThat(results.path("completeIfMatchWrong").asText()).isEqualTo("PreconditionFailed");
    assertThat(results.path("afterRefusals").asText()).isEqualTo("original");
    assertThat(results.path("afterIfMatch").asText()).isEqualTo("new");
    assertThat(results.path("sigV2ListObjects").toString()).contains("existing.txt");
    assertThat(results.path("sigV2Policy").asText()).isEqualTo("s3:DeleteBucket");
    assertThat(results.path("sigV2Versioning").asText()).isEmpty();
  }

  private static JsonNode boto3() throws Exception {
    return Boto3Script.run(SCRIPT, ferry.endpoint(), ferry.account("dev"), BUCKET);
  }
}
