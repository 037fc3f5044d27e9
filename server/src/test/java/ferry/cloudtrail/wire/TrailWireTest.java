package ferry.cloudtrail.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.app.TestClock;
import ferry.testing.RunningFerry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.CreateTrailResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Trails through the AWS SDK for Java v2, delivering log files on a Ferry with a test clock. */
class TrailWireTest {
  static final String DEV = "111111111111";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static RunningFerry ferry;
  static CloudTrailClient trails;
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    ferry = RunningFerry.start(dir, new TestClock(Clock.systemUTC()));
    trails =
        CloudTrailClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(ferry.credentials("dev"))
            .build();
    s3 = ferry.s3("dev");
  }

  @AfterAll
  static void stop() throws IOException {
    trails.close();
    ferry.close();
  }

  /** AWS's documented bucket policy for a trail, with its aws:SourceArn conditions. */
  static String trailPolicy(String bucket, String trail, boolean withAclCheck) {
    return trailPolicy(bucket, "", trail, withAclCheck);
  }

  static String trailPolicy(String bucket, String prefix, String trail, boolean withAclCheck) {
    String arn = "arn:aws:cloudtrail:us-east-1:" + DEV + ":trail/" + trail;
    String aclCheck =
        """
        {"Sid":"AWSCloudTrailAclCheck","Effect":"Allow",
         "Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:GetBucketAcl",
         "Resource":"arn:aws:s3:::%s","Condition":{"StringEquals":{"aws:SourceArn":"%s"}}},
        """
            .formatted(bucket, arn);
    return """
    {"Version":"2012-10-17","Statement":[%s
     {"Sid":"AWSCloudTrailWrite","Effect":"Allow",
      "Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject",
      "Resource":"arn:aws:s3:::%s/%sAWSLogs/%s/*",
      "Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control",
                                   "aws:SourceArn":"%s"}}}]}
    """
        .formatted(withAclCheck ? aclCheck : "", bucket, prefix, DEV, arn);
  }

  static void assertError(Runnable call, String code, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            CloudTrailException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage()).contains(message);
            });
  }

  @Test
  void badInput_isRefused_withCloudTrailsErrors_andNothingIsStored() {
    s3.createBucket(b -> b.bucket("trail-bad"));
    assertError(
        () -> trails.createTrail(b -> b.name("ab").s3BucketName("trail-bad")),
        "InvalidTrailNameException",
        "Trail name too short");
    assertError(
        () -> trails.createTrail(b -> b.name("my--trail").s3BucketName("trail-bad")),
        "InvalidTrailNameException",
        "adjacent periods, underscores or dashes");
    assertError(
        () -> trails.createTrail(b -> b.name("-trail").s3BucketName("trail-bad")),
        "InvalidTrailNameException",
        "must starts with a letter or number");
    assertError(
        () -> trails.createTrail(b -> b.name("bad trail").s3BucketName("trail-bad")),
        "InvalidTrailNameException",
        "can only contain");
    assertError(
        () -> trails.createTrail(b -> b.name("nobucket").s3BucketName("trail-missing")),
        "S3BucketDoesNotExistException",
        "S3 bucket trail-missing does not exist.");
    assertError(
        () -> trails.createTrail(b -> b.name("nopolicy").s3BucketName("trail-bad")),
        "InsufficientS3BucketPolicyException",
        "Incorrect S3 bucket policy is detected for bucket: trail-bad");
    // Each half of the documented policy is needed: without the ACL check it is refused too.
    s3.putBucketPolicy(b -> b.bucket("trail-bad").policy(trailPolicy("trail-bad", "half", false)));
    assertError(
        () -> trails.createTrail(b -> b.name("half").s3BucketName("trail-bad")),
        "InsufficientS3BucketPolicyException",
        "trail-bad");
    // A policy for another trail does not cover this one (aws:SourceArn).
    s3.putBucketPolicy(b -> b.bucket("trail-bad").policy(trailPolicy("trail-bad", "other", true)));
    assertError(
        () -> trails.createTrail(b -> b.name("half").s3BucketName("trail-bad")),
        "InsufficientS3BucketPolicyException",
        "trail-bad");
    assertError(
        () ->
            trails.createTrail(
                b -> b.name("kms").s3BucketName("trail-bad").snsTopicName("trail-topic")),
        "UnsupportedOperationException",
        "SNS notifications");
    assertError(
        () -> trails.getTrail(b -> b.name("nopolicy")),
        "TrailNotFoundException",
        "Unknown trail: arn:aws:cloudtrail:us-east-1:" + DEV + ":trail/nopolicy");
    assertError(
        () -> trails.startLogging(b -> b.name("arn:aws:cloudtrail:nowhere")),
        "CloudTrailARNInvalidException",
        "is not valid");
    assertThat(trails.describeTrails(b -> b.trailNameList("nopolicy", "half")).trailList())
        .isEmpty();
    // The next request succeeds.
    s3.putBucketPolicy(b -> b.bucket("trail-bad").policy(trailPolicy("trail-bad", "other", true)));
    assertThat(trails.createTrail(b -> b.name("other").s3BucketName("trail-bad")).trailARN())
        .isEqualTo("arn:aws:cloudtrail:us-east-1:" + DEV + ":trail/other");
    assertError(
        () -> trails.createTrail(b -> b.name("other").s3BucketName("trail-bad")),
        "TrailAlreadyExistsException",
        "Trail other already exists for customer: " + DEV);
    trails.deleteTrail(b -> b.name("other"));
  }

  @Test
  void loggingTrail_deliversGzippedLogFiles_andReportsARefusedDelivery() throws Exception {
    s3.createBucket(b -> b.bucket("trail-logs"));
    s3.putBucketPolicy(
        b -> b.bucket("trail-logs").policy(trailPolicy("trail-logs", "ct/", "main", true)));
    CreateTrailResponse created =
        trails.createTrail(b -> b.name("main").s3BucketName("trail-logs").s3KeyPrefix("ct"));
    assertThat(created.trailARN()).isEqualTo("arn:aws:cloudtrail:us-east-1:" + DEV + ":trail/main");
    assertThat(created.includeGlobalServiceEvents()).isTrue();
    assertThat(created.isMultiRegionTrail()).isFalse();
    assertThat(trails.getTrailStatus(b -> b.name("main")).isLogging()).isFalse();

    trails.startLogging(b -> b.name("main"));
    s3.createBucket(b -> b.bucket("trail-made-while-logging"));
    s3.putBucketVersioning(b ->
        b.bucket("trail-made-while-logging").versioningConfiguration(v -> v.status("Enabled")));
    clock("PT1M");

    List<String> keys = keys("trail-logs", "ct/");
    assertThat(keys).hasSize(1);
    String key = keys.getFirst();
    assertThat(key)
        .matches(
            "ct/AWSLogs/"
                + DEV
                + "/CloudTrail/us-east-1/\\d{4}/\\d{2}/\\d{2}/"
                + DEV
                + "_CloudTrail_us-east-1_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz");
    JsonNode file = logFile("trail-logs", key);
    List<String> names = new ArrayList<>();
    for (JsonNode record : file.get("Records")) {
      names.add(record.get("eventName").asText());
      assertThat(record.get("managementEvent").asBoolean()).isTrue();
      assertThat(record.get("recipientAccountId").asText()).isEqualTo(DEV);
    }
    assertThat(names).contains("StartLogging", "CreateBucket", "PutBucketVersioning");
    GetTrailStatusResponse status = trails.getTrailStatus(b -> b.name("main"));
    assertThat(status.isLogging()).isTrue();
    assertThat(status.latestDeliveryTime()).isNotNull();
    assertThat(status.latestDeliveryError()).isNull();
    assertThat(status.latestDeliveryAttemptSucceeded()).isNotEmpty();

    // Without the bucket policy, delivery is refused; the trail keeps logging and says why.
    s3.deleteBucketPolicy(b -> b.bucket("trail-logs"));
    s3.createBucket(b -> b.bucket("trail-made-after-policy"));
    clock("PT1M");
    assertThat(keys("trail-logs", "ct/")).hasSize(1);
    status = trails.getTrailStatus(b -> b.name("main"));
    assertThat(status.isLogging()).isTrue();
    assertThat(status.latestDeliveryError()).isEqualTo("AccessDenied");
    assertThat(status.latestDeliveryAttemptTime()).isNotEmpty();
    assertError(
        () -> trails.createTrail(b -> b.name("second").s3BucketName("trail-logs")),
        "InsufficientS3BucketPolicyException",
        "trail-logs");

    // With the policy back, the refused events are delivered at the next attempt.
    s3.putBucketPolicy(
        b -> b.bucket("trail-logs").policy(trailPolicy("trail-logs", "ct/", "main", true)));
    clock("PT1M");
    assertThat(keys("trail-logs", "ct/")).hasSize(2);
    assertThat(trails.getTrailStatus(b -> b.name("main")).latestDeliveryError()).isNull();

    assertThat(trails.describeTrails(b -> b.trailNameList(created.trailARN())).trailList())
        .singleElement()
        .satisfies(trail -> {
          assertThat(trail.homeRegion()).isEqualTo("us-east-1");
          assertThat(trail.s3KeyPrefix()).isEqualTo("ct");
        });
    assertThat(trails.getTrail(b -> b.name("main")).trail().s3BucketName()).isEqualTo("trail-logs");
    // What was made before StopLogging is still delivered; nothing after it.
    List<String> before = keys("trail-logs", "ct/");
    s3.createBucket(b -> b.bucket("trail-before-stop"));
    trails.stopLogging(b -> b.name("main"));
    assertThat(trails.getTrailStatus(b -> b.name("main")).isLogging()).isFalse();
    s3.createBucket(b -> b.bucket("trail-after-stop"));
    clock("PT1M");
    List<String> after = new ArrayList<>(keys("trail-logs", "ct/"));
    after.removeAll(before);
    assertThat(after).hasSize(1);
    String last = logFile("trail-logs", after.getFirst()).toString();
    assertThat(last)
        .contains("trail-before-stop", "StopLogging")
        .doesNotContain("trail-after-stop");
    clock("PT1M");
    assertThat(keys("trail-logs", "ct/")).hasSize(before.size() + 1);
    trails.deleteTrail(b -> b.name("main"));
    assertError(() -> trails.getTrailStatus(b -> b.name("main")), "TrailNotFoundException", "main");
  }

  @Test
  void aUserWithoutCloudTrailPermissions_isDenied_onTheTrailArn() {
    var iam = ferry.iam("dev");
    iam.createUser(b -> b.userName("trail-reader"));
    var key = iam.createAccessKey(b -> b.userName("trail-reader")).accessKey();
    iam.putUserPolicy(b ->
        b.userName("trail-reader")
            .policyName("describe-only")
            .policyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Action":"cloudtrail:DescribeTrails","Resource":"*"}]}\
                """));
    try (CloudTrailClient reader =
        CloudTrailClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
            .build()) {
      assertThat(reader.describeTrails().trailList()).isNotNull();
      assertError(
          () -> reader.createTrail(b -> b.name("denied").s3BucketName("trail-bad")),
          "AccessDeniedException",
          "cloudtrail:CreateTrail");
      assertError(
          () -> reader.getTrailStatus(b -> b.name("anything")),
          "AccessDeniedException",
          "arn:aws:cloudtrail:us-east-1:" + DEV + ":trail/anything");
    }
  }

  static JsonNode logFile(String bucket, String key) throws IOException {
    byte[] gzipped = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return JSON.readTree(in);
    }
  }

  static List<String> keys(String bucket, String prefix) {
    return s3.listObjectsV2(l -> l.bucket(bucket).prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  /** Moves the test clock forward and runs what waits on it. */
  static String clock(String advance) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(ferry.endpoint() + "/_ferry/clock?advance=" + advance))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }
}
