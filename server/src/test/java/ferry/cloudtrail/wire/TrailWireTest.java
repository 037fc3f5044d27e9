package ferry.cloudtrail.wire;

import static ferry.cloudtrail.wire.TrailFixture.DEV;
import static ferry.cloudtrail.wire.TrailFixture.assertError;
import static ferry.cloudtrail.wire.TrailFixture.trailPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CreateTrailResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;

/** Trails through the AWS SDK for Java v2, delivering log files on a Ferry with a test clock. */
class TrailWireTest {
  @RegisterExtension static final TrailFixture fixture = new TrailFixture();

  @Test
  void badInput_isRefused_withCloudTrailsErrors_andNothingIsStored() {
    fixture.s3.createBucket(b -> b.bucket("trail-bad"));
    assertError(
        () -> fixture.trails.createTrail(b -> b.name("ab").s3BucketName("trail-bad")),
        "InvalidTrailNameException",
        "Trail name too short");
    assertError(
        () -> fixture.trails.createTrail(b -> b.name("my--trail").s3BucketName("trail-bad")),
        "InvalidTrailNameException",
        "adjacent periods, underscores or dashes");
    assertError(
        () -> fixture.trails.createTrail(b -> b.name("-trail").s3BucketName("trail-bad")),
        "InvalidTrailNameException",
        "must starts with a letter or number");
    assertError(
        () -> fixture.trails.createTrail(b -> b.name("bad trail").s3BucketName("trail-bad")),
        "InvalidTrailNameException",
        "can only contain");
    assertError(
        () -> fixture.trails.createTrail(b -> b.name("nobucket").s3BucketName("trail-missing")),
        "S3BucketDoesNotExistException",
        "S3 bucket trail-missing does not exist.");
    assertError(
        () -> fixture.trails.createTrail(b -> b.name("nopolicy").s3BucketName("trail-bad")),
        "InsufficientS3BucketPolicyException",
        "Incorrect S3 bucket policy is detected for bucket: trail-bad");
    // Each half of the documented policy is needed: without the ACL check it is refused too.
    fixture.s3.putBucketPolicy(
        b -> b.bucket("trail-bad").policy(trailPolicy("trail-bad", "half", false)));
    assertError(
        () -> fixture.trails.createTrail(b -> b.name("half").s3BucketName("trail-bad")),
        "InsufficientS3BucketPolicyException",
        "trail-bad");
    // A policy for another trail does not cover this one (aws:SourceArn).
    fixture.s3.putBucketPolicy(
        b -> b.bucket("trail-bad").policy(trailPolicy("trail-bad", "other", true)));
    assertError(
        () -> fixture.trails.createTrail(b -> b.name("half").s3BucketName("trail-bad")),
        "InsufficientS3BucketPolicyException",
        "trail-bad");
    assertError(
        () ->
            fixture.trails.createTrail(
                b -> b.name("kms").s3BucketName("trail-bad").snsTopicName("trail-topic")),
        "UnsupportedOperationException",
        "SNS notifications");
    assertError(
        () -> fixture.trails.getTrail(b -> b.name("nopolicy")),
        "TrailNotFoundException",
        "Unknown trail: arn:aws:cloudtrail:us-east-1:" + DEV + ":trail/nopolicy");
    assertError(
        () -> fixture.trails.startLogging(b -> b.name("arn:aws:cloudtrail:nowhere")),
        "CloudTrailARNInvalidException",
        "is not valid");
    assertThat(fixture.trails.describeTrails(b -> b.trailNameList("nopolicy", "half")).trailList())
        .isEmpty();
    // The next request succeeds.
    fixture.s3.putBucketPolicy(
        b -> b.bucket("trail-bad").policy(trailPolicy("trail-bad", "other", true)));
    assertThat(
            fixture.trails.createTrail(b -> b.name("other").s3BucketName("trail-bad")).trailARN())
        .isEqualTo("arn:aws:cloudtrail:us-east-1:" + DEV + ":trail/other");
    assertError(
        () -> fixture.trails.createTrail(b -> b.name("other").s3BucketName("trail-bad")),
        "TrailAlreadyExistsException",
        "Trail other already exists for customer: " + DEV);
    fixture.trails.deleteTrail(b -> b.name("other"));
  }

  @Test
  void loggingTrail_deliversGzippedLogFiles_andReportsARefusedDelivery() throws Exception {
    fixture.s3.createBucket(b -> b.bucket("trail-logs"));
    fixture.s3.putBucketPolicy(
        b -> b.bucket("trail-logs").policy(trailPolicy("trail-logs", "ct/", "main", true)));
    CreateTrailResponse created =
        fixture.trails.createTrail(
            b -> b.name("main").s3BucketName("trail-logs").s3KeyPrefix("ct"));
    assertThat(created.trailARN()).isEqualTo("arn:aws:cloudtrail:us-east-1:" + DEV + ":trail/main");
    assertThat(created.includeGlobalServiceEvents()).isTrue();
    assertThat(created.isMultiRegionTrail()).isFalse();
    assertThat(fixture.trails.getTrailStatus(b -> b.name("main")).isLogging()).isFalse();

    fixture.trails.startLogging(b -> b.name("main"));
    fixture.s3.createBucket(b -> b.bucket("trail-made-while-logging"));
    fixture.s3.putBucketVersioning(b ->
        b.bucket("trail-made-while-logging").versioningConfiguration(v -> v.status("Enabled")));
    fixture.clock("PT1M");

    List<String> keys = fixture.keys("trail-logs", "ct/");
    assertThat(keys).hasSize(1);
    String key = keys.getFirst();
    assertThat(key)
        .matches(
            "ct/AWSLogs/"
                + DEV
                + "/CloudTrail/us-east-1/\\d{4}/\\d{2}/\\d{2}/"
                + DEV
                + "_CloudTrail_us-east-1_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz");
    JsonNode file = fixture.logFile("trail-logs", key);
    List<String> names = new ArrayList<>();
    for (JsonNode record : file.get("Records")) {
      names.add(record.get("eventName").asText());
      assertThat(record.get("managementEvent").asBoolean()).isTrue();
      assertThat(record.get("recipientAccountId").asText()).isEqualTo(DEV);
    }
    assertThat(names).contains("StartLogging", "CreateBucket", "PutBucketVersioning");
    GetTrailStatusResponse status = fixture.trails.getTrailStatus(b -> b.name("main"));
    assertThat(status.isLogging()).isTrue();
    assertThat(status.latestDeliveryTime()).isNotNull();
    assertThat(status.latestDeliveryError()).isNull();
    assertThat(status.latestDeliveryAttemptSucceeded()).isNotEmpty();

    // Without the bucket policy, delivery is refused; the trail keeps logging and says why.
    fixture.s3.deleteBucketPolicy(b -> b.bucket("trail-logs"));
    fixture.s3.createBucket(b -> b.bucket("trail-made-after-policy"));
    fixture.clock("PT1M");
    assertThat(fixture.keys("trail-logs", "ct/")).hasSize(1);
    status = fixture.trails.getTrailStatus(b -> b.name("main"));
    assertThat(status.isLogging()).isTrue();
    assertThat(status.latestDeliveryError()).isEqualTo("AccessDenied");
    assertThat(status.latestDeliveryAttemptTime()).isNotEmpty();
    assertError(
        () -> fixture.trails.createTrail(b -> b.name("second").s3BucketName("trail-logs")),
        "InsufficientS3BucketPolicyException",
        "trail-logs");

    // With the policy back, the refused events are delivered at the next attempt.
    fixture.s3.putBucketPolicy(
        b -> b.bucket("trail-logs").policy(trailPolicy("trail-logs", "ct/", "main", true)));
    fixture.clock("PT1M");
    assertThat(fixture.keys("trail-logs", "ct/")).hasSize(2);
    assertThat(fixture.trails.getTrailStatus(b -> b.name("main")).latestDeliveryError()).isNull();

    assertThat(fixture.trails.describeTrails(b -> b.trailNameList(created.trailARN())).trailList())
        .singleElement()
        .satisfies(trail -> {
          assertThat(trail.homeRegion()).isEqualTo("us-east-1");
          assertThat(trail.s3KeyPrefix()).isEqualTo("ct");
        });
    assertThat(fixture.trails.getTrail(b -> b.name("main")).trail().s3BucketName())
        .isEqualTo("trail-logs");
    // What was made before StopLogging is still delivered; nothing after it.
    List<String> before = fixture.keys("trail-logs", "ct/");
    fixture.s3.createBucket(b -> b.bucket("trail-before-stop"));
    fixture.trails.stopLogging(b -> b.name("main"));
    assertThat(fixture.trails.getTrailStatus(b -> b.name("main")).isLogging()).isFalse();
    fixture.s3.createBucket(b -> b.bucket("trail-after-stop"));
    fixture.clock("PT1M");
    List<String> after = new ArrayList<>(fixture.keys("trail-logs", "ct/"));
    after.removeAll(before);
    assertThat(after).hasSize(1);
    String last = fixture.logFile("trail-logs", after.getFirst()).toString();
    assertThat(last)
        .contains("trail-before-stop", "StopLogging")
        .doesNotContain("trail-after-stop");
    fixture.clock("PT1M");
    assertThat(fixture.keys("trail-logs", "ct/")).hasSize(before.size() + 1);
    fixture.trails.deleteTrail(b -> b.name("main"));
    assertError(
        () -> fixture.trails.getTrailStatus(b -> b.name("main")), "TrailNotFoundException", "main");
  }

  @Test
  void aUserWithoutCloudTrailPermissions_isDenied_onTheTrailArn() {
    var iam = fixture.ferry.iam("dev");
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
            .endpointOverride(fixture.ferry.endpoint())
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
}
