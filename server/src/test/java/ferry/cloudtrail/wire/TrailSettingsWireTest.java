package ferry.cloudtrail.wire;

import static ferry.cloudtrail.wire.TrailWireTest.DEV;
import static ferry.cloudtrail.wire.TrailWireTest.assertError;
import static ferry.cloudtrail.wire.TrailWireTest.trailPolicy;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.DataResource;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudtrail.model.Tag;
import software.amazon.awssdk.services.cloudtrail.model.UpdateTrailResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** UpdateTrail, trail tags and event selectors through the AWS SDK for Java v2. */
class TrailSettingsWireTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN = "arn:aws:cloudtrail:us-east-1:" + DEV + ":trail/";

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

  private static void trailBucket(String bucket, String prefix, String trail) {
    s3.createBucket(b -> b.bucket(bucket));
    s3.putBucketPolicy(b -> b.bucket(bucket).policy(trailPolicy(bucket, prefix, trail, true)));
  }

  private static Map<String, String> tags(String trail) {
    return trails
        .listTags(b -> b.resourceIdList(ARN + trail))
        .resourceTagList()
        .getFirst()
        .tagsList()
        .stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
  }

  @Test
  void tags_areSetAtCreation_addedListedAndRemoved_withinAwsLimits() {
    trailBucket("tagged-logs", "", "tagged");
    trails.createTrail(b ->
        b.name("tagged")
            .s3BucketName("tagged-logs")
            .tagsList(Tag.builder().key("team").value("audit").build()));
    assertThat(tags("tagged")).containsExactly(Map.entry("team", "audit"));

    trails.addTags(b ->
        b.resourceId(ARN + "tagged")
            .tagsList(
                Tag.builder().key("team").value("security").build(),
                Tag.builder().key("env").value("prod").build()));
    assertThat(tags("tagged"))
        .containsOnly(Map.entry("team", "security"), Map.entry("env", "prod"));
    trails.removeTags(b -> b.resourceId(ARN + "tagged").tagsList(Tag.builder().key("env").build()));
    assertThat(tags("tagged")).containsExactly(Map.entry("team", "security"));

    List<Tag> tooMany =
        IntStream.range(0, 50)
            .mapToObj(i -> Tag.builder().key("k" + i).value("v").build())
            .toList();
    assertError(
        () -> trails.addTags(b -> b.resourceId(ARN + "tagged").tagsList(tooMany)),
        "TagsLimitExceededException",
        "Currently, the limit is 50.");
    assertThat(tags("tagged")).hasSize(1);
    assertError(
        () ->
            trails.addTags(b ->
                b.resourceId(ARN + "tagged")
                    .tagsList(Tag.builder().key("aws:x").value("1").build())),
        "InvalidTagParameterException",
        "aws:x");
    assertError(
        () ->
            trails.addTags(b ->
                b.resourceId(ARN + "tagged")
                    .tagsList(
                        Tag.builder().key("dup").value("1").build(),
                        Tag.builder().key("dup").value("2").build())),
        "InvalidTagParameterException",
        "dup");
    assertError(
        () -> trails.addTags(b -> b.resourceId("tagged").tagsList(Tag.builder().key("a").build())),
        "CloudTrailARNInvalidException",
        "tagged");
    assertError(
        () -> trails.listTags(b -> b.resourceIdList(ARN + "missing")),
        "ResourceNotFoundException",
        ARN + "missing");
    // A refused CreateTrail makes no trail.
    assertError(
        () ->
            trails.createTrail(b ->
                b.name("untagged")
                    .s3BucketName("tagged-logs")
                    .tagsList(Tag.builder().key("aws:no").value("1").build())),
        "InvalidTagParameterException",
        "aws:no");
    assertThat(trails.describeTrails(b -> b.trailNameList("untagged")).trailList()).isEmpty();
    assertThat(tags("tagged")).hasSize(1);
    trails.deleteTrail(b -> b.name("tagged"));
  }

  @Test
  void updateTrail_movesTheLogsAndChecksTheNewBucketsPolicy() {
    trailBucket("update-logs", "", "moving");
    trails.createTrail(b -> b.name("moving").s3BucketName("update-logs"));
    s3.createBucket(b -> b.bucket("update-nopolicy"));
    assertError(
        () -> trails.updateTrail(b -> b.name("moving").s3BucketName("update-nopolicy")),
        "InsufficientS3BucketPolicyException",
        "update-nopolicy");
    assertError(
        () -> trails.updateTrail(b -> b.name("moving").kmsKeyId("alias/logs")),
        "KmsKeyNotFoundException",
        "alias/logs");
    assertError(
        () ->
            trails.updateTrail(
                b -> b.name("moving").isMultiRegionTrail(true).includeGlobalServiceEvents(false)),
        "InvalidParameterCombinationException",
        "Multi-Region trail must include global service events.");
    assertThat(trails.getTrail(b -> b.name("moving")).trail().s3BucketName())
        .isEqualTo("update-logs");

    trailBucket("update-new", "audit/", "moving");
    UpdateTrailResponse updated =
        trails.updateTrail(b ->
            b.name(ARN + "moving")
                .s3BucketName("update-new")
                .s3KeyPrefix("audit")
                .isMultiRegionTrail(true));
    assertThat(updated.s3BucketName()).isEqualTo("update-new");
    assertThat(updated.s3KeyPrefix()).isEqualTo("audit");
    assertThat(updated.isMultiRegionTrail()).isTrue();
    var trail = trails.getTrail(b -> b.name("moving")).trail();
    assertThat(trail.s3BucketName()).isEqualTo("update-new");
    assertThat(trail.s3KeyPrefix()).isEqualTo("audit");
    assertThat(trail.isMultiRegionTrail()).isTrue();
    assertError(
        () -> trails.updateTrail(b -> b.name("nowhere").s3KeyPrefix("x")),
        "TrailNotFoundException",
        "nowhere");
    trails.deleteTrail(b -> b.name("moving"));
  }

  @Test
  void eventSelectors_deliverTheSelectedS3DataEvents_only() throws Exception {
    trailBucket("selector-logs", "", "data");
    s3.createBucket(b -> b.bucket("selected-data"));
    s3.createBucket(b -> b.bucket("unselected-data"));
    trails.createTrail(b -> b.name("data").s3BucketName("selector-logs"));
    GetEventSelectorsResponse defaults = trails.getEventSelectors(b -> b.trailName("data"));
    assertThat(defaults.trailARN()).isEqualTo(ARN + "data");
    assertThat(defaults.eventSelectors())
        .singleElement()
        .satisfies(selector -> {
          assertThat(selector.readWriteType()).isEqualTo(ReadWriteType.ALL);
          assertThat(selector.includeManagementEvents()).isTrue();
          assertThat(selector.dataResources()).isEmpty();
        });

    assertError(
        () ->
            trails.putEventSelectors(b ->
                b.trailName("data")
                    .advancedEventSelectors(
                        AdvancedEventSelector.builder()
                            .name("x")
                            .fieldSelectors(
                                AdvancedFieldSelector.builder()
                                    .field("eventCategory")
                                    .equalsValue("Data")
                                    .build())
                            .build())),
        "UnsupportedOperationException",
        "advanced event selectors");
    assertError(
        () ->
            trails.putEventSelectors(b ->
                b.trailName("data")
                    .eventSelectors(
                        EventSelector.builder()
                            .dataResources(
                                DataResource.builder()
                                    .type("AWS::S3::Object")
                                    .values("selected-data/")
                                    .build())
                            .build())),
        "InvalidEventSelectorsException",
        "selected-data/");
    assertError(
        () ->
            trails.putEventSelectors(b ->
                b.trailName("data")
                    .eventSelectors(
                        IntStream.range(0, 6)
                            .mapToObj(i -> EventSelector.builder().build())
                            .toList())),
        "InvalidEventSelectorsException",
        "from 1 to 5 event selectors");
    assertError(
        () ->
            trails.putEventSelectors(b ->
                b.trailName("data")
                    .eventSelectors(
                        EventSelector.builder()
                            .dataResources(
                                DataResource.builder()
                                    .type("AWS::Lambda::Function")
                                    .values("arn:aws:lambda")
                                    .build())
                            .build())),
        "UnsupportedOperationException",
        "AWS::Lambda::Function");
    assertThat(trails.getTrail(b -> b.name("data")).trail().hasCustomEventSelectors()).isFalse();

    trails.putEventSelectors(b ->
        b.trailName("data")
            .eventSelectors(
                EventSelector.builder()
                    .readWriteType(ReadWriteType.WRITE_ONLY)
                    .includeManagementEvents(true)
                    .dataResources(
                        DataResource.builder()
                            .type("AWS::S3::Object")
                            .values("arn:aws:s3:::selected-data/")
                            .build())
                    .build()));
    assertThat(trails.getEventSelectors(b -> b.trailName("data")).eventSelectors())
        .singleElement()
        .satisfies(selector -> {
          assertThat(selector.readWriteType()).isEqualTo(ReadWriteType.WRITE_ONLY);
          assertThat(selector.dataResources().getFirst().values())
              .containsExactly("arn:aws:s3:::selected-data/");
        });
    assertThat(trails.getTrail(b -> b.name("data")).trail().hasCustomEventSelectors()).isTrue();

    trails.startLogging(b -> b.name("data"));
    s3.putObject(b -> b.bucket("selected-data").key("in.txt"), RequestBody.fromString("in"));
    s3.getObjectAsBytes(b -> b.bucket("selected-data").key("in.txt"));
    s3.putObject(b -> b.bucket("unselected-data").key("out.txt"), RequestBody.fromString("out"));
    s3.putBucketVersioning(
        b -> b.bucket("unselected-data").versioningConfiguration(v -> v.status("Enabled")));
    s3.listBuckets();
    clock("PT1M");

    List<String> delivered = new ArrayList<>();
    for (String key : keys("selector-logs", "AWSLogs/")) {
      for (JsonNode record : logFile("selector-logs", key).get("Records")) {
        String resource = record.path("requestParameters").path("bucketName").asText("");
        delivered.add(record.get("eventName").asText() + " " + resource);
      }
    }
    assertThat(delivered)
        .contains("PutObject selected-data", "PutBucketVersioning unselected-data", "StartLogging ")
        // Not selected: another bucket's objects, reads (WriteOnly).
        .doesNotContain("PutObject unselected-data", "GetObject selected-data", "ListBuckets ");
    trails.deleteTrail(b -> b.name("data"));
  }

  private static JsonNode logFile(String bucket, String key) throws IOException {
    byte[] gzipped = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return JSON.readTree(in);
    }
  }

  private static List<String> keys(String bucket, String prefix) {
    return s3.listObjectsV2(l -> l.bucket(bucket).prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  private static void clock(String advance) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(ferry.endpoint() + "/_ferry/clock?advance=" + advance))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
