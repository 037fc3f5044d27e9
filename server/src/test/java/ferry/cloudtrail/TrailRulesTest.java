package ferry.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.aws.AccountId;
import ferry.aws.AwsException;
import ferry.aws.Region;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Trail names as AWS accepts them, which events a trail takes, and where its log files go. */
class TrailRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Trail trail(boolean multiRegion, boolean global, String prefix) {
    return new Trail(
        AccountId.of("111111111111"),
        Region.of("eu-west-1"),
        "audit",
        "logs",
        prefix,
        global,
        multiRegion,
        Instant.EPOCH,
        Trail.Status.NEW,
        null,
        null);
  }

  static JsonNode record(String source, String region, boolean management) throws Exception {
    return JSON.readTree(
        """
        {"eventSource":"%s","awsRegion":"%s","managementEvent":%s}\
        """
            .formatted(source, region, management));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "My.Trail_1-x", "a1b", "0trail9"})
  void validNames_areAccepted(String name) {
    TrailService.checkName(name);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ab|Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2",
        "bad name|can only contain uppercase letters",
        "-abc|Trail name must starts with a letter or number.",
        "abc_|Trail name must ends with a letter or number.",
        "my-_trail|cannot have adjacent periods, underscores or dashes. Specified name: my-_trail",
        "192.168.5.4|Trail name cannot be formatted as an IP address."
      })
  void invalidNames_areRefused_withAwssMessage(String name, String message) {
    assertThatThrownBy(() -> TrailService.checkName(name))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo("InvalidTrailNameException");
              assertThat(e.getMessage()).contains(message);
            });
  }

  @Test
  void tooLongName_isRefused() {
    assertThatThrownBy(() -> TrailService.checkName("a".repeat(129)))
        .hasMessageContaining("Trail name too long. Maximum allowed length: 128 characters.");
  }

  @Test
  void aSingleRegionTrail_takesItsRegionsManagementEvents_andIamsWhenGlobal() throws Exception {
    Trail trail = trail(false, true, null);
    assertThat(TrailDelivery.takes(trail, record("s3.amazonaws.com", "eu-west-1", true))).isTrue();
    assertThat(TrailDelivery.takes(trail, record("s3.amazonaws.com", "us-east-1", true))).isFalse();
    assertThat(TrailDelivery.takes(trail, record("s3.amazonaws.com", "eu-west-1", false)))
        .as("data events need event selectors")
        .isFalse();
    assertThat(TrailDelivery.takes(trail, record("iam.amazonaws.com", "us-east-1", true))).isTrue();
    assertThat(
            TrailDelivery.takes(
                trail(false, false, null), record("iam.amazonaws.com", "us-east-1", true)))
        .isFalse();
    assertThat(
            TrailDelivery.takes(
                trail(true, false, null), record("kms.amazonaws.com", "us-east-1", true)))
        .isTrue();
  }

  @Test
  void logFileKeys_followCloudTrailsLayout() {
    Instant now = Instant.parse("2026-03-04T05:06:07Z");
    assertThat(TrailDelivery.objectKey(trail(false, true, "org/ct"), Region.of("eu-west-1"), now))
        .matches(
            "org/ct/AWSLogs/111111111111/CloudTrail/eu-west-1/2026/03/04/"
                + "111111111111_CloudTrail_eu-west-1_20260304T0506Z_[A-Za-z0-9]{16}\\.json\\.gz");
    assertThat(TrailDelivery.objectKey(trail(false, true, null), Region.of("eu-west-1"), now))
        .startsWith("AWSLogs/111111111111/CloudTrail/eu-west-1/2026/03/04/");
    assertThat(trail(false, true, null).arn())
        .isEqualTo("arn:aws:cloudtrail:eu-west-1:111111111111:trail/audit");
  }
}
