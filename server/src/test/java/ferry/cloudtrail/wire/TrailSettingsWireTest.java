package ferry.cloudtrail.wire;

import static ferry.cloudtrail.wire.TrailFixture.DEV;
import static ferry.cloudtrail.wire.TrailFixture.assertError;
import static ferry.cloudtrail.wire.TrailFixture.trailPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.DataResource;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudtrail.model.Tag;
import software.amazon.awssdk.services.cloudtrail.model.UpdateTrailResponse;

/** UpdateTrail, trail tags and event selectors through the AWS SDK for Java v2. */
class TrailSettingsWireTest {
  @RegisterExtension static final TrailFixture fixture = new TrailFixture();
  private static final String ARN = "arn:aws:cloudtrail:us-east-1:" + DEV + ":trail/";

  private static void trailBucket(String bucket, String prefix, String trail) {
    fixture.s3.createBucket(b -> b.bucket(bucket));
    fixture.s3.putBucketPolicy(
        b -> b.bucket(bucket).policy(trailPolicy(bucket, prefix, trail, true)));
  }

  private static Map<String, String> tags(String trail) {
    return fixture
        .trails
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
    fixture.trails.createTrail(b ->
        b.name("tagged")
            .s3BucketName("tagged-logs")
            .tagsList(Tag.builder().key("team").value("audit").build()));
    assertThat(tags("tagged")).containsExactly(Map.entry("team", "audit"));

    fixture.trails.addTags(b ->
        b.resourceId(ARN + "tagged")
            .tagsList(
                Tag.builder().key("team").value("security").build(),
                Tag.builder().key("env").value("prod").build()));
    assertThat(tags("tagged"))
        .containsOnly(Map.entry("team", "security"), Map.entry("env", "prod"));
    fixture.trails.removeTags(
        b -> b.resourceId(ARN + "tagged").tagsList(Tag.builder().key("env").build()));
    assertThat(tags("tagged")).containsExactly(Map.entry("team", "security"));

    List<Tag> tooMany =
        IntStream.range(0, 50)
            .mapToObj(i -> Tag.builder().key("k" + i).value("v").build())
            .toList();
    assertError(
        () -> fixture.trails.addTags(b -> b.resourceId(ARN + "tagged").tagsList(tooMany)),
        "TagsLimitExceededException",
        "Currently, the limit is 50.");
    assertThat(tags("tagged")).hasSize(1);
    assertError(
        () ->
            fixture.trails.addTags(b ->
                b.resourceId(ARN + "tagged")
                    .tagsList(Tag.builder().key("aws:x").value("1").build())),
        "InvalidTagParameterException",
        "aws:x");
    assertError(
        () ->
            fixture.trails.addTags(b ->
                b.resourceId(ARN + "tagged")
                    .tagsList(
                        Tag.builder().key("dup").value("1").build(),
                        Tag.builder().key("dup").value("2").build())),
        "InvalidTagParameterException",
        "dup");
    assertError(
        () ->
            fixture.trails.addTags(
                b -> b.resourceId("tagged").tagsList(Tag.builder().key("a").build())),
        "CloudTrailARNInvalidException",
        "tagged");
    assertError(
        () -> fixture.trails.listTags(b -> b.resourceIdList(ARN + "missing")),
        "ResourceNotFoundException",
        ARN + "missing");
    // A refused CreateTrail makes no trail.
    assertError(
        () ->
            fixture.trails.createTrail(b ->
                b.name("untagged")
                    .s3BucketName("tagged-logs")
                    .tagsList(Tag.builder().key("aws:no").value("1").build())),
        "InvalidTagParameterException",
        "aws:no");
    assertThat(fixture.trails.describeTrails(b -> b.trailNameList("untagged")).trailList())
        .isEmpty();
    assertThat(tags("tagged")).hasSize(1);
    fixture.trails.deleteTrail(b -> b.name("tagged"));
  }

  @Test
  void updateTrail_movesTheLogsAndChecksTheNewBucketsPolicy() {
    trailBucket("update-logs", "", "moving");
    fixture.trails.createTrail(b -> b.name("moving").s3BucketName("update-logs"));
    fixture.s3.createBucket(b -> b.bucket("update-nopolicy"));
    assertError(
        () -> fixture.trails.updateTrail(b -> b.name("moving").s3BucketName("update-nopolicy")),
        "InsufficientS3BucketPolicyException",
        "update-nopolicy");
    assertError(
        () -> fixture.trails.updateTrail(b -> b.name("moving").kmsKeyId("alias/logs")),
        "KmsKeyNotFoundException",
        "alias/logs");
    assertError(
        () ->
            fixture.trails.updateTrail(
                b -> b.name("moving").isMultiRegionTrail(true).includeGlobalServiceEvents(false)),
        "InvalidParameterCombinationException",
        "Multi-Region trail must include global service events.");
    assertThat(fixture.trails.getTrail(b -> b.name("moving")).trail().s3BucketName())
        .isEqualTo("update-logs");

    trailBucket("update-new", "audit/", "moving");
    UpdateTrailResponse updated =
        fixture.trails.updateTrail(b ->
            b.name(ARN + "moving")
                .s3BucketName("update-new")
                .s3KeyPrefix("audit")
                .isMultiRegionTrail(true));
    assertThat(updated.s3BucketName()).isEqualTo("update-new");
    assertThat(updated.s3KeyPrefix()).isEqualTo("audit");
    assertThat(updated.isMultiRegionTrail()).isTrue();
    var trail = fixture.trails.getTrail(b -> b.name("moving")).trail();
    assertThat(trail.s3BucketName()).isEqualTo("update-new");
    assertThat(trail.s3KeyPrefix()).isEqualTo("audit");
    assertThat(trail.isMultiRegionTrail()).isTrue();
    assertError(
        () -> fixture.trails.updateTrail(b -> b.name("nowhere").s3KeyPrefix("x")),
        "TrailNotFoundException",
        "nowhere");
    fixture.trails.deleteTrail(b -> b.name("moving"));
  }

  @Test
  void eventSelectors_deliverTheSelectedS3DataEvents_only() throws Exception {
    trailBucket("selector-logs", "", "data");
    fixture.s3.createBucket(b -> b.bucket("selected-data"));
    fixture.s3.createBucket(b -> b.bucket("unselected-data"));
    fixture.trails.createTrail(b -> b.name("data").s3BucketName("selector-logs"));
    GetEventSelectorsResponse defaults = fixture.trails.getEventSelectors(b -> b.trailName("data"));
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
            fixture.trails.putEventSelectors(b ->
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
            fixture.trails.putEventSelectors(b ->
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
            fixture.trails.putEventSelectors(b ->
                b.trailName("data")
                    .eventSelectors(
                        IntStream.range(0, 6)
                            .mapToObj(i -> EventSelector.builder().build())
                            .toList())),
        "InvalidEventSelectorsException",
        "from 1 to 5 event selectors");
    assertError(
        () ->
            fixture.trails.putEventSelectors(b ->
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
    assertThat(fixture.trails.getTrail(b -> b.name("data")).trail().hasCustomEventSelectors())
        .isFalse();

    fixture.trails.putEventSelectors(b ->
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
    assertThat(fixture.trails.getEventSelectors(b -> b.trailName("data")).eventSelectors())
        .singleElement()
        .satisfies(selector -> {
          assertThat(selector.readWriteType()).isEqualTo(ReadWriteType.WRITE_ONLY);
          assertThat(selector.dataResources().getFirst().values())
              .containsExactly("arn:aws:s3:::selected-data/");
        });
    assertThat(fixture.trails.getTrail(b -> b.name("data")).trail().hasCustomEventSelectors())
        .isTrue();

    fixture.trails.startLogging(b -> b.name("data"));
    fixture.s3.putObject(
        b -> b.bucket("selected-data").key("in.txt"), RequestBody.fromString("in"));
    fixture.s3.getObjectAsBytes(b -> b.bucket("selected-data").key("in.txt"));
    fixture.s3.putObject(
        b -> b.bucket("unselected-data").key("out.txt"), RequestBody.fromString("out"));
    fixture.s3.putBucketVersioning(
        b -> b.bucket("unselected-data").versioningConfiguration(v -> v.status("Enabled")));
    fixture.s3.listBuckets();
    fixture.clock("PT1M");

    List<String> delivered = new ArrayList<>();
    for (String key : fixture.keys("selector-logs", "AWSLogs/")) {
      for (JsonNode record : fixture.logFile("selector-logs", key).get("Records")) {
        String resource = record.path("requestParameters").path("bucketName").asText("");
        delivered.add(record.get("eventName").asText() + " " + resource);
      }
    }
    assertThat(delivered)
        .contains("PutObject selected-data", "PutBucketVersioning unselected-data", "StartLogging ")
        // Not selected: another bucket's objects, reads (WriteOnly).
        .doesNotContain("PutObject unselected-data", "GetObject selected-data", "ListBuckets ");
    fixture.trails.deleteTrail(b -> b.name("data"));
  }
}
