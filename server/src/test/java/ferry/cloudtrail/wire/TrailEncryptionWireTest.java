package ferry.cloudtrail.wire;

import static ferry.cloudtrail.wire.TrailFixture.DEV;
import static ferry.cloudtrail.wire.TrailFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * SSE-KMS log files through the AWS SDK for Java v2: CreateTrail with KmsKeyId, delivery, reads.
 */
class TrailEncryptionWireTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRAIL = "arn:aws:cloudtrail:us-east-1:" + DEV + ":trail/sealed";

  @RegisterExtension static final TrailFixture fixture = new TrailFixture();
  static KmsClient kms;

  @BeforeAll
  static void kms() {
    kms =
        KmsClient.builder()
            .endpointOverride(fixture.ferry.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(fixture.ferry.credentials("dev"))
            .build();
  }

  @AfterAll
  static void closeKms() {
    kms.close();
  }

  /** AWS's documented key policy: root, then CloudTrail's encrypt and describe statements. */
  static String keyPolicy(boolean withCloudTrail) {
    String cloudTrail =
        """
        ,{"Sid":"AllowCloudTrailToEncryptLogs","Effect":"Allow",
          "Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*",
          "Resource":"*","Condition":{"StringEquals":{"aws:SourceArn":"%s"},
          "StringLike":{"kms:EncryptionContext:aws:cloudtrail:arn":"arn:aws:cloudtrail:*:%s:trail/*"}}},
         {"Sid":"AllowCloudTrailToDescribeKey","Effect":"Allow",
          "Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:DescribeKey",
          "Resource":"*","Condition":{"StringEquals":{"aws:SourceArn":"%s"}}}
        """
            .formatted(TRAIL, DEV, TRAIL);
    return """
    {"Version":"2012-10-17","Statement":[
     {"Sid":"EnableIamUserPermissions","Effect":"Allow",
      "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"kms:*","Resource":"*"}%s]}
    """
        .formatted(DEV, withCloudTrail ? cloudTrail : "");
  }

  @Test
  void sseKmsTrail_deliversFilesUnderItsKey_andFailsDeliveryWhenThePolicyLosesCloudTrail()
      throws Exception {
    fixture.s3.createBucket(b -> b.bucket("sealed-logs"));
    fixture.s3.putBucketPolicy(b ->
        b.bucket("sealed-logs").policy(TrailFixture.trailPolicy("sealed-logs", "sealed", true)));
    String keyArn =
        kms.createKey(b -> b.policy(keyPolicy(false)).description("trail")).keyMetadata().arn();
    kms.createAlias(b -> b.aliasName("alias/sealed").targetKeyId(keyArn));

    // Without CloudTrail's statements the key is refused and no trail is made.
    assertError(
        () ->
            fixture.trails.createTrail(
                b -> b.name("sealed").s3BucketName("sealed-logs").kmsKeyId("alias/sealed")),
        "InsufficientEncryptionPolicyException",
        "Insufficient permissions to access S3 bucket sealed-logs or KMS key arn:aws:kms:us-east-1:"
            + DEV
            + ":alias/sealed.");
    assertThat(fixture.trails.describeTrails(b -> b.trailNameList("sealed")).trailList()).isEmpty();
    assertError(
        () ->
            fixture.trails.createTrail(
                b -> b.name("sealed").s3BucketName("sealed-logs").kmsKeyId("alias/missing")),
        "KmsKeyNotFoundException",
        "alias/missing");

    kms.putKeyPolicy(b -> b.keyId(keyArn).policyName("default").policy(keyPolicy(true)));
    assertThat(
            fixture
                .trails
                .createTrail(
                    b -> b.name("sealed").s3BucketName("sealed-logs").kmsKeyId("alias/sealed"))
                .kmsKeyId())
        .isEqualTo(keyArn);
    assertThat(fixture.trails.getTrail(b -> b.name("sealed")).trail().kmsKeyId()).isEqualTo(keyArn);
    assertThat(fixture.trails.describeTrails().trailList())
        .filteredOn(t -> t.name().equals("sealed"))
        .singleElement()
        .satisfies(t -> assertThat(t.kmsKeyId()).isEqualTo(keyArn));

    fixture.trails.startLogging(b -> b.name("sealed"));
    fixture.s3.createBucket(b -> b.bucket("sealed-made-while-logging"));
    clock("PT1M");
    List<String> keys = keys();
    assertThat(keys).hasSize(1);
    HeadObjectResponse head =
        fixture.s3.headObject(b -> b.bucket("sealed-logs").key(keys.getFirst()));
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    assertThat(head.ssekmsKeyId()).isEqualTo(keyArn);
    JsonNode file = logFile(fixture.s3, keys.getFirst());
    assertThat(file.get("Records").toString()).contains("sealed-made-while-logging");

    // A reader allowed s3:GetObject but not kms:Decrypt cannot read it.
    var iam = fixture.ferry.iam("dev");
    iam.createUser(b -> b.userName("log-reader"));
    var access = iam.createAccessKey(b -> b.userName("log-reader")).accessKey();
    iam.putUserPolicy(b ->
        b.userName("log-reader")
            .policyName("read")
            .policyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Action":"s3:GetObject","Resource":"arn:aws:s3:::sealed-logs/*"}]}\
                """));
    try (S3Client reader =
        S3Client.builder()
            .endpointOverride(fixture.ferry.endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(access.accessKeyId(), access.secretAccessKey())))
            .build()) {
      assertThatThrownBy(
              () -> reader.getObjectAsBytes(b -> b.bucket("sealed-logs").key(keys.getFirst())))
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                assertThat(e.awsErrorDetails().errorMessage()).contains("kms:Decrypt");
              });
    }

    // A key policy without CloudTrail's statement fails delivery; GetTrailStatus says so.
    kms.putKeyPolicy(b -> b.keyId(keyArn).policyName("default").policy(keyPolicy(false)));
    fixture.s3.createBucket(b -> b.bucket("sealed-made-without-statement"));
    clock("PT1M");
    assertThat(keys()).hasSize(1);
    var status = fixture.trails.getTrailStatus(b -> b.name("sealed"));
    assertThat(status.isLogging()).isTrue();
    assertThat(status.latestDeliveryError()).isEqualTo("AccessDenied");

    // With the statement back, the events are delivered at the next attempt.
    kms.putKeyPolicy(b -> b.keyId(keyArn).policyName("default").policy(keyPolicy(true)));
    clock("PT1M");
    assertThat(keys()).hasSize(2);
    assertThat(fixture.trails.getTrailStatus(b -> b.name("sealed")).latestDeliveryError()).isNull();

    // An empty KmsKeyId removes encryption: the next file is SSE-S3.
    assertThat(fixture.trails.updateTrail(b -> b.name("sealed").kmsKeyId("")).kmsKeyId()).isNull();
    assertThat(fixture.trails.getTrail(b -> b.name("sealed")).trail().kmsKeyId()).isNull();
    List<String> before = keys();
    fixture.s3.createBucket(b -> b.bucket("sealed-made-after-removal"));
    clock("PT1M");
    List<String> after = new java.util.ArrayList<>(keys());
    after.removeAll(before);
    assertThat(after).hasSize(1);
    assertThat(
            fixture
                .s3
                .headObject(b -> b.bucket("sealed-logs").key(after.getFirst()))
                .serverSideEncryption())
        .isNotEqualTo(ServerSideEncryption.AWS_KMS);
    fixture.trails.deleteTrail(b -> b.name("sealed"));
  }

  static List<String> keys() {
    return fixture
        .s3
        .listObjectsV2(l -> l.bucket("sealed-logs").prefix("AWSLogs/"))
        .contents()
        .stream()
        .map(S3Object::key)
        .toList();
  }

  static JsonNode logFile(S3Client client, String key) throws IOException {
    byte[] gzipped = client.getObjectAsBytes(b -> b.bucket("sealed-logs").key(key)).asByteArray();
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return JSON.readTree(in);
    }
  }

  static void clock(String advance) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(fixture.ferry.endpoint() + "/_ferry/clock?advance=" + advance))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
