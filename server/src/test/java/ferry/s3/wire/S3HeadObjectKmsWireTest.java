package ferry.s3.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.testing.RunningFerry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * HeadObject of an SSE-KMS object as AWS documents it: s3:GetObject suffices, and kms:Decrypt is
 * needed only to read the object's checksum (x-amz-checksum-mode) or its bytes.
 */
class S3HeadObjectKmsWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static S3Client dev;
  static S3Client reader;

  @BeforeAll
  static void start() {
    dev = ferry.s3("dev");
    String keyArn;
    try (KmsClient kms =
        KmsClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(ferry.credentials("dev"))
            .build()) {
      keyArn = kms.createKey(k -> k.description("head-object")).keyMetadata().arn();
    }
    dev.createBucket(b -> b.bucket("kms-head"));
    dev.putObject(
        p ->
            p.bucket("kms-head")
                .key("secret.txt")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId(keyArn)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32),
        RequestBody.fromString("kms protected"));
    var iam = ferry.iam("dev");
    iam.createUser(u -> u.userName("metadata-reader"));
    iam.putUserPolicy(p ->
        p.userName("metadata-reader")
            .policyName("s3-only")
            .policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::kms-head/*\"}]}"));
    var key = iam.createAccessKey(k -> k.userName("metadata-reader")).accessKey();
    reader =
        S3Client.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
            .build();
  }

  @Test
  void headObject_ofAnSseKmsObject_needsNoKmsDecrypt() {
    var head = reader.headObject(h -> h.bucket("kms-head").key("secret.txt"));
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(head.contentLength()).isEqualTo(13);
  }

  @Test
  void theChecksumOrTheBytes_needKmsDecrypt() {
    assertThatThrownBy(() ->
            reader.headObject(
                h -> h.bucket("kms-head").key("secret.txt").checksumMode(ChecksumMode.ENABLED)))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    assertThatThrownBy(() -> reader.getObjectAsBytes(g -> g.bucket("kms-head").key("secret.txt")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.awsErrorDetails().errorMessage()).contains("kms:Decrypt");
            });
    var owner =
        dev.headObject(
            h -> h.bucket("kms-head").key("secret.txt").checksumMode(ChecksumMode.ENABLED));
    assertThat(owner.checksumCRC32()).isNotNull();
  }
}
