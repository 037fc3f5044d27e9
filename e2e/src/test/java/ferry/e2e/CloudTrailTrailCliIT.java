package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * A CloudTrail trail with the real aws CLI: created for a bucket with AWS's documented CloudTrail
 * bucket policy, it delivers gzipped log files of the calls made while it logs; without the policy
 * CreateTrail is refused and the running trail's delivery fails, as GetTrailStatus reports. The
 * Ferry runs with {@code --test-clock}, so the test moves time past the delivery's wait.
 */
@ServeOptions("--test-clock")
class CloudTrailTrailCliIT extends FerryPerClass {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEV = "111111111111";

  static Path trailPolicy(String bucket, String trail) throws Exception {
    String arn = "arn:aws:cloudtrail:us-east-1:" + DEV + ":trail/" + trail;
    return Files.writeString(
        work.resolve(bucket + "-policy.json"),
        """
        {"Version":"2012-10-17","Statement":[
         {"Sid":"AWSCloudTrailAclCheck","Effect":"Allow",
          "Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:GetBucketAcl",
          "Resource":"arn:aws:s3:::%1$s",
          "Condition":{"StringEquals":{"aws:SourceArn":"%2$s"}}},
         {"Sid":"AWSCloudTrailWrite","Effect":"Allow",
          "Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject",
          "Resource":"arn:aws:s3:::%1$s/AWSLogs/%3$s/*",
          "Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control",
                                       "aws:SourceArn":"%2$s",
                                       "aws:SourceAccount":"%3$s"}}}]}
        """
            .formatted(bucket, arn, DEV));
  }

  @Test
  void trail_deliversLogFiles_andReportsTheErrorOnceThePolicyIsRemoved() throws Exception {
    dev.run("s3", "mb", "s3://trail-cli-logs").assertOk();
    // Without the policy CloudTrail may not write: the trail is refused.
    assertThat(
            dev.run(
                    "cloudtrail",
                    "create-trail",
                    "--name",
                    "audit",
                    "--s3-bucket-name",
                    "trail-cli-logs")
                .stderr())
        .contains("InsufficientS3BucketPolicyException")
        .contains("Incorrect S3 bucket policy is detected for bucket: trail-cli-logs");
    dev.run(
            "s3api",
            "put-bucket-policy",
            "--bucket",
            "trail-cli-logs",
            "--policy",
            "file://" + trailPolicy("trail-cli-logs", "audit"))
        .assertOk();
    JsonNode created =
        JSON.readTree(
            dev.run(
                    "cloudtrail",
                    "create-trail",
                    "--name",
                    "audit",
                    "--s3-bucket-name",
                    "trail-cli-logs")
                .assertOk()
                .stdout());
    assertThat(created.get("TrailARN").asText())
        .isEqualTo("arn:aws:cloudtrail:us-east-1:" + DEV + ":trail/audit");
    dev.run("cloudtrail", "start-logging", "--name", "audit").assertOk();

    dev.run("s3", "mb", "s3://trail-cli-made").assertOk();
    dev.run(
            "s3api",
            "put-bucket-tagging",
            "--bucket",
            "trail-cli-made",
            "--tagging",
            "TagSet=[{Key=team,Value=audit}]")
        .assertOk();
    dev.run("iam", "create-user", "--user-name", "trail-cli-user").assertOk();
    clock("PT1M");

    String listing = dev.run("s3", "ls", "--recursive", "s3://trail-cli-logs").assertOk().stdout();
    List<String> keys = keys(listing);
    assertThat(keys).hasSize(1);
    assertThat(keys.getFirst())
        .matches(
            "AWSLogs/"
                + DEV
                + "/CloudTrail/us-east-1/\\d{4}/\\d{2}/\\d{2}/"
                + DEV
                + "_CloudTrail_us-east-1_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz");
    JsonNode file = download("trail-cli-logs", keys.getFirst());
    List<String> names = new ArrayList<>();
    for (JsonNode record : file.get("Records")) {
      names.add(record.get("eventName").asText());
      assertThat(record.get("eventVersion").asText()).isEqualTo("1.09");
    }
    assertThat(names).contains("CreateBucket", "PutBucketTagging", "CreateUser");

    JsonNode status =
        JSON.readTree(
            dev.run("cloudtrail", "get-trail-status", "--name", "audit").assertOk().stdout());
    assertThat(status.get("IsLogging").asBoolean()).isTrue();
    assertThat(status.has("LatestDeliveryTime")).isTrue();
    assertThat(status.has("LatestDeliveryError")).isFalse();

    // The policy removed: a new trail is refused, and the running one cannot deliver.
    dev.run("s3api", "delete-bucket-policy", "--bucket", "trail-cli-logs").assertOk();
    assertThat(
            dev.run(
                    "cloudtrail",
                    "create-trail",
                    "--name",
                    "audit2",
                    "--s3-bucket-name",
                    "trail-cli-logs")
                .stderr())
        .contains("InsufficientS3BucketPolicyException");
    dev.run("s3", "mb", "s3://trail-cli-unlogged").assertOk();
    clock("PT1M");
    assertThat(keys(dev.run("s3", "ls", "--recursive", "s3://trail-cli-logs").assertOk().stdout()))
        .hasSize(1);
    status =
        JSON.readTree(
            dev.run("cloudtrail", "get-trail-status", "--name", "audit").assertOk().stdout());
    assertThat(status.get("IsLogging").asBoolean()).isTrue();
    assertThat(status.get("LatestDeliveryError").asText()).isEqualTo("AccessDenied");
    assertThat(status.get("LatestDeliveryAttemptTime").asText()).isNotEmpty();

    JsonNode described =
        JSON.readTree(dev.run("cloudtrail", "describe-trails").assertOk().stdout());
    assertThat(described.get("trailList")).hasSize(1);
    dev.run("cloudtrail", "stop-logging", "--name", "audit").assertOk();
    dev.run("cloudtrail", "delete-trail", "--name", "audit").assertOk();
    assertThat(dev.run("cloudtrail", "get-trail", "--name", "audit").stderr())
        .contains("TrailNotFoundException");
  }

  @Test
  void badInput_isRefused() throws Exception {
    dev.run("s3", "mb", "s3://trail-cli-bad").assertOk();
    assertThat(
            dev.run(
                    "cloudtrail",
                    "create-trail",
                    "--name",
                    "a",
                    "--s3-bucket-name",
                    "trail-cli-bad")
                .stderr())
        .contains("InvalidTrailNameException")
        .contains("Trail name too short");
    assertThat(
            dev.run(
                    "cloudtrail",
                    "create-trail",
                    "--name",
                    "ok-name",
                    "--s3-bucket-name",
                    "trail-cli-nowhere")
                .stderr())
        .contains("S3BucketDoesNotExistException");
    dev.run(
            "s3api",
            "put-bucket-policy",
            "--bucket",
            "trail-cli-bad",
            "--policy",
            "file://" + trailPolicy("trail-cli-bad", "dup"))
        .assertOk();
    dev.run("cloudtrail", "create-trail", "--name", "dup", "--s3-bucket-name", "trail-cli-bad")
        .assertOk();
    assertThat(
            dev.run(
                    "cloudtrail",
                    "create-trail",
                    "--name",
                    "dup",
                    "--s3-bucket-name",
                    "trail-cli-bad")
                .stderr())
        .contains("TrailAlreadyExistsException");
    dev.run("cloudtrail", "delete-trail", "--name", "dup").assertOk();
  }

  @Test
  void tagsUpdateAndEventSelectors_throughTheCli_deliverOnlyTheSelectedDataEvents()
      throws Exception {
    String arn = "arn:aws:cloudtrail:us-east-1:" + DEV + ":trail/selected";
    dev.run("s3", "mb", "s3://trail-cli-selected-logs").assertOk();
    dev.run("s3", "mb", "s3://trail-cli-data").assertOk();
    dev.run("s3", "mb", "s3://trail-cli-other").assertOk();
    dev.run(
            "s3api",
            "put-bucket-policy",
            "--bucket",
            "trail-cli-selected-logs",
            "--policy",
            "file://" + trailPolicy("trail-cli-selected-logs", "selected"))
        .assertOk();
    dev.run(
            "cloudtrail",
            "create-trail",
            "--name",
            "selected",
            "--s3-bucket-name",
            "trail-cli-selected-logs",
            "--tags-list",
            "Key=team,Value=audit")
        .assertOk();
    dev.run("cloudtrail", "add-tags", "--resource-id", arn, "--tags-list", "Key=env,Value=prod")
        .assertOk();
    dev.run("cloudtrail", "remove-tags", "--resource-id", arn, "--tags-list", "Key=team")
        .assertOk();
    JsonNode tags =
        JSON.readTree(
            dev.run("cloudtrail", "list-tags", "--resource-id-list", arn).assertOk().stdout());
    assertThat(tags.at("/ResourceTagList/0/ResourceId").asText()).isEqualTo(arn);
    assertThat(tags.at("/ResourceTagList/0/TagsList").toString())
        .isEqualTo("[{\"Key\":\"env\",\"Value\":\"prod\"}]");
    assertThat(
            dev.run("cloudtrail", "add-tags", "--resource-id", arn, "--tags-list", "Key=aws:x")
                .stderr())
        .contains("InvalidTagParameterException");

    JsonNode updated =
        JSON.readTree(
            dev.run("cloudtrail", "update-trail", "--name", "selected", "--is-multi-region-trail")
                .assertOk()
                .stdout());
    assertThat(updated.get("IsMultiRegionTrail").asBoolean()).isTrue();
    assertThat(
            dev.run("cloudtrail", "update-trail", "--name", "selected", "--kms-key-id", "alias/x")
                .stderr())
        .contains("KmsKeyNotFoundException");
    assertThat(
            dev.run("cloudtrail", "update-trail", "--name", "selected", "--sns-topic-name", "topic")
                .stderr())
        .contains("UnsupportedOperationException");

    dev.run(
            "cloudtrail",
            "put-event-selectors",
            "--trail-name",
            "selected",
            "--event-selectors",
            "[{\"ReadWriteType\":\"WriteOnly\",\"IncludeManagementEvents\":true,"
                + "\"DataResources\":[{\"Type\":\"AWS::S3::Object\","
                + "\"Values\":[\"arn:aws:s3:::trail-cli-data/\"]}]}]")
        .assertOk();
    JsonNode selectors =
        JSON.readTree(
            dev.run("cloudtrail", "get-event-selectors", "--trail-name", "selected")
                .assertOk()
                .stdout());
    assertThat(selectors.at("/EventSelectors/0/ReadWriteType").asText()).isEqualTo("WriteOnly");
    assertThat(selectors.at("/EventSelectors/0/DataResources/0/Values/0").asText())
        .isEqualTo("arn:aws:s3:::trail-cli-data/");
    assertThat(
            dev.run(
                    "cloudtrail",
                    "put-event-selectors",
                    "--trail-name",
                    "selected",
                    "--advanced-event-selectors",
                    "[{\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Data\"]}]}]")
                .stderr())
        .contains("UnsupportedOperationException");

    dev.run("cloudtrail", "start-logging", "--name", "selected").assertOk();
    Path body = Files.writeString(work.resolve("data.txt"), "data");
    dev.run("s3", "cp", body.toString(), "s3://trail-cli-data/in.txt").assertOk();
    dev.run("s3", "cp", body.toString(), "s3://trail-cli-other/out.txt").assertOk();
    clock("PT1M");

    List<String> delivered = new ArrayList<>();
    for (String key :
        keys(
            dev.run("s3", "ls", "--recursive", "s3://trail-cli-selected-logs")
                .assertOk()
                .stdout())) {
      for (JsonNode record : download("trail-cli-selected-logs", key).get("Records")) {
        delivered.add(
            record.get("eventName").asText()
                + " "
                + record.path("requestParameters").path("bucketName").asText(""));
      }
    }
    assertThat(delivered)
        .contains("PutObject trail-cli-data", "StartLogging ")
        .doesNotContain("PutObject trail-cli-other");
    dev.run("cloudtrail", "delete-trail", "--name", "selected").assertOk();
  }

  @Test
  void recording_canBeTurnedOff_inTheConfigurationFile() throws Exception {
    Path config =
        Files.writeString(
            work.resolve("off.properties"), "cloudtrail=off\ncloudtrail.retentionDays=7\n");
    try (FerryServer off =
        FerryServer.start(work.resolve("off-data"), "--port", "0", "--config", config.toString())) {
      AwsCli cli = AwsCli.as(off, "dev");
      cli.run("s3", "mb", "s3://trail-cli-unrecorded").assertOk();
      JsonNode events =
          JSON.readTree(
              cli.run(
                      "cloudtrail",
                      "lookup-events",
                      "--lookup-attributes",
                      "AttributeKey=EventName,AttributeValue=CreateBucket")
                  .assertOk()
                  .stdout());
      assertThat(events.get("Events")).isEmpty();
    }
  }

  /** AWS's documented key policy for a trail: the account's root, CloudTrail's statements. */
  static Path keyPolicy(String trail, boolean withCloudTrail) throws Exception {
    String arn = "arn:aws:cloudtrail:us-east-1:" + DEV + ":trail/" + trail;
    String cloudTrail =
        """
        ,{"Sid":"AllowCloudTrailToEncryptLogs","Effect":"Allow",
          "Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*",
          "Resource":"*","Condition":{"StringEquals":{"aws:SourceArn":"%1$s"},
          "StringLike":{"kms:EncryptionContext:aws:cloudtrail:arn":"arn:aws:cloudtrail:*:%2$s:trail/*"}}},
         {"Sid":"AllowCloudTrailToDescribeKey","Effect":"Allow",
          "Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:DescribeKey",
          "Resource":"*","Condition":{"StringEquals":{"aws:SourceArn":"%1$s"}}}
        """
            .formatted(arn, DEV);
    return Files.writeString(
        work.resolve(trail + (withCloudTrail ? "-key-policy.json" : "-bare-key-policy.json")),
        """
        {"Version":"2012-10-17","Statement":[
         {"Sid":"EnableIamUserPermissions","Effect":"Allow",
          "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"kms:*","Resource":"*"}%s]}
        """
            .formatted(DEV, withCloudTrail ? cloudTrail : ""));
  }

  @Test
  void sseKmsTrail_deliversFilesEncryptedUnderItsKey_thatTheCliDecrypts() throws Exception {
    dev.run("s3", "mb", "s3://trail-cli-sealed").assertOk();
    dev.run(
            "s3api",
            "put-bucket-policy",
            "--bucket",
            "trail-cli-sealed",
            "--policy",
            "file://" + trailPolicy("trail-cli-sealed", "sealed"))
        .assertOk();
    String keyArn =
        JSON.readTree(
                dev.run(
                        "kms",
                        "create-key",
                        "--description",
                        "trail logs",
                        "--policy",
                        "file://" + keyPolicy("sealed", false))
                    .assertOk()
                    .stdout())
            .at("/KeyMetadata/Arn")
            .asText();
    dev.run("kms", "create-alias", "--alias-name", "alias/trail-sealed", "--target-key-id", keyArn)
        .assertOk();
    // A key policy without CloudTrail's statements: the trail is refused, nothing is made.
    assertThat(
            dev.run(
                    "cloudtrail",
                    "create-trail",
                    "--name",
                    "sealed",
                    "--s3-bucket-name",
                    "trail-cli-sealed",
                    "--kms-key-id",
                    "alias/trail-sealed")
                .stderr())
        .contains("InsufficientEncryptionPolicyException")
        .contains("Insufficient permissions to access S3 bucket trail-cli-sealed or KMS key");
    assertThat(dev.run("cloudtrail", "get-trail", "--name", "sealed").stderr())
        .contains("TrailNotFoundException");

    dev.run(
            "kms",
            "put-key-policy",
            "--key-id",
            keyArn,
            "--policy-name",
            "default",
            "--policy",
            "file://" + keyPolicy("sealed", true))
        .assertOk();
    JsonNode created =
        JSON.readTree(
            dev.run(
                    "cloudtrail",
                    "create-trail",
                    "--name",
                    "sealed",
                    "--s3-bucket-name",
                    "trail-cli-sealed",
                    "--kms-key-id",
                    "alias/trail-sealed")
                .assertOk()
                .stdout());
    assertThat(created.get("KmsKeyId").asText()).isEqualTo(keyArn);
    assertThat(
            JSON.readTree(
                    dev.run("cloudtrail", "describe-trails", "--trail-name-list", "sealed")
                        .assertOk()
                        .stdout())
                .at("/trailList/0/KmsKeyId")
                .asText())
        .isEqualTo(keyArn);
    dev.run("cloudtrail", "start-logging", "--name", "sealed").assertOk();
    dev.run("s3", "mb", "s3://trail-cli-sealed-made").assertOk();
    clock("PT1M");

    List<String> keys =
        keys(dev.run("s3", "ls", "--recursive", "s3://trail-cli-sealed").assertOk().stdout());
    assertThat(keys).hasSize(1);
    JsonNode head =
        JSON.readTree(
            dev.run("s3api", "head-object", "--bucket", "trail-cli-sealed", "--key", keys.get(0))
                .assertOk()
                .stdout());
    assertThat(head.get("ServerSideEncryption").asText()).isEqualTo("aws:kms");
    assertThat(head.get("SSEKMSKeyId").asText()).isEqualTo(keyArn);
    JsonNode file = download("trail-cli-sealed", keys.get(0));
    assertThat(file.get("Records").toString()).contains("trail-cli-sealed-made");

    // Without CloudTrail's statement in the key policy, delivery fails and the status says so.
    dev.run(
            "kms",
            "put-key-policy",
            "--key-id",
            keyArn,
            "--policy-name",
            "default",
            "--policy",
            "file://" + keyPolicy("sealed", false))
        .assertOk();
    dev.run("s3", "mb", "s3://trail-cli-sealed-refused").assertOk();
    clock("PT1M");
    assertThat(
            keys(dev.run("s3", "ls", "--recursive", "s3://trail-cli-sealed").assertOk().stdout()))
        .hasSize(1);
    JsonNode status =
        JSON.readTree(
            dev.run("cloudtrail", "get-trail-status", "--name", "sealed").assertOk().stdout());
    assertThat(status.get("IsLogging").asBoolean()).isTrue();
    assertThat(status.get("LatestDeliveryError").asText()).isEqualTo("AccessDenied");
    dev.run("cloudtrail", "delete-trail", "--name", "sealed").assertOk();
  }

  private static List<String> keys(String listing) {
    List<String> keys = new ArrayList<>();
    for (String line : listing.split("\n")) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length == 4) {
        keys.add(fields[3]);
      }
    }
    return keys;
  }

  private static JsonNode download(String bucket, String key) throws Exception {
    Path file = work.resolve("log.json.gz");
    dev.run("s3", "cp", "s3://" + bucket + "/" + key, file.toString()).assertOk();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return JSON.readTree(in);
    }
  }

  /** Moves the running Ferry's test clock; it then delivers what the trails have gathered. */
  private static String clock(String advance) throws Exception {
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
