package ferry.cloudtrail.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.cloudtrail.CloudTrailErrors;
import ferry.cloudtrail.CreateTrailRequest;
import ferry.cloudtrail.Trail;
import ferry.cloudtrail.TrailService;
import ferry.cloudtrail.TrailTagService;
import ferry.protocol.ApiRequest;
import ferry.protocol.json.Json;
import ferry.protocol.json.JsonInput;
import ferry.protocol.json.JsonOperation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The trail operations of CloudTrail's JSON 1.1 binding. CreateTrail and UpdateTrail members Ferry
 * does not serve (SNS, CloudWatch Logs, log file validation, organization trails) are refused with
 * UnsupportedOperationException, never ignored.
 */
final class TrailOperations {
  private static final Map<String, String> UNSUPPORTED =
      Map.of(
          "SnsTopicName", "SNS notifications",
          "CloudWatchLogsLogGroupArn", "CloudWatch Logs delivery",
          "CloudWatchLogsRoleArn", "CloudWatch Logs delivery");

  private final TrailService trails;
  private final TrailTagService tags;

  TrailOperations(TrailService trails, TrailTagService tags) {
    this.trails = trails;
    this.tags = tags;
  }

  Map<String, JsonOperation> operations() {
    return Map.of(
        "CreateTrail", this::createTrail,
        "DeleteTrail", this::deleteTrail,
        "StartLogging", this::startLogging,
        "StopLogging", this::stopLogging,
        "GetTrail", this::getTrail,
        "GetTrailStatus", this::getTrailStatus,
        "DescribeTrails", this::describeTrails);
  }

  private ObjectNode createTrail(JsonInput input, ApiRequest request) {
    String name = input.requiredString("Name");
    String bucket = input.requiredString("S3BucketName");
    refuseUnsupported(input);
    Boolean global = input.bool("IncludeGlobalServiceEvents");
    Trail trail =
        tags.createTrail(
            request.caller(),
            new CreateTrailRequest(
                name,
                bucket,
                input.string("S3KeyPrefix"),
                global == null || global,
                Boolean.TRUE.equals(input.bool("IsMultiRegionTrail")),
                input.string("KmsKeyId")),
            TrailSettingsOperations.tags(input));
    return summary(trail);
  }

  /** CreateTrail's and UpdateTrail's answer. */
  static ObjectNode summary(Trail trail) {
    ObjectNode output = Json.object();
    output.put("Name", trail.name());
    output.put("S3BucketName", trail.bucket());
    if (trail.prefix() != null) {
      output.put("S3KeyPrefix", trail.prefix());
    }
    output.put("IncludeGlobalServiceEvents", trail.includeGlobalServiceEvents());
    output.put("IsMultiRegionTrail", trail.multiRegion());
    output.put("TrailARN", trail.arn());
    output.put("LogFileValidationEnabled", false);
    if (trail.kmsKeyId() != null) {
      output.put("KmsKeyId", trail.kmsKeyId());
    }
    output.put("IsOrganizationTrail", false);
    return output;
  }

  /** The members of CreateTrail and UpdateTrail that Ferry does not serve. */
  static void refuseUnsupported(JsonInput input) {
    for (Map.Entry<String, String> member : UNSUPPORTED.entrySet()) {
      if (input.string(member.getKey()) != null) {
        throw CloudTrailErrors.unsupported("Ferry's trails have no " + member.getValue() + ".");
      }
    }
    if (Boolean.TRUE.equals(input.bool("EnableLogFileValidation"))) {
      throw CloudTrailErrors.unsupported("Ferry's trails have no log file validation.");
    }
    if (Boolean.TRUE.equals(input.bool("IsOrganizationTrail"))) {
      throw CloudTrailErrors.unsupported("Ferry has no organization trails.");
    }
  }

  private ObjectNode deleteTrail(JsonInput input, ApiRequest request) {
    trails.deleteTrail(request.caller(), input.requiredString("Name"));
    return Json.object();
  }

  private ObjectNode startLogging(JsonInput input, ApiRequest request) {
    trails.startLogging(request.caller(), input.requiredString("Name"));
    return Json.object();
  }

  private ObjectNode stopLogging(JsonInput input, ApiRequest request) {
    trails.stopLogging(request.caller(), input.requiredString("Name"));
    return Json.object();
  }

  private ObjectNode getTrail(JsonInput input, ApiRequest request) {
    ObjectNode output = Json.object();
    describe(
        output.putObject("Trail"), trails.getTrail(request.caller(), input.requiredString("Name")));
    return output;
  }

  private ObjectNode describeTrails(JsonInput input, ApiRequest request) {
    Boolean shadows = input.bool("includeShadowTrails");
    ObjectNode output = Json.object();
    ArrayNode list = output.putArray("trailList");
    for (Trail trail :
        trails.describeTrails(
            request.caller(), input.strings("trailNameList"), shadows == null || shadows)) {
      describe(list.addObject(), trail);
    }
    return output;
  }

  private ObjectNode getTrailStatus(JsonInput input, ApiRequest request) {
    Trail.Status status =
        trails.getTrailStatus(request.caller(), input.requiredString("Name")).status();
    ObjectNode output = Json.object();
    output.put("IsLogging", status.logging());
    if (status.latestDeliveryError() != null) {
      output.put("LatestDeliveryError", status.latestDeliveryError());
    }
    epoch(output, "LatestDeliveryTime", status.latestDelivery());
    epoch(output, "StartLoggingTime", status.startLogging());
    epoch(output, "StopLoggingTime", status.stopLogging());
    output.put("LatestDeliveryAttemptTime", text(status.latestDeliveryAttempt()));
    output.put("LatestNotificationAttemptTime", "");
    output.put("LatestNotificationAttemptSucceeded", "");
    output.put("LatestDeliveryAttemptSucceeded", text(status.latestDelivery()));
    output.put("TimeLoggingStarted", text(status.startLogging()));
    output.put("TimeLoggingStopped", text(status.stopLogging()));
    return output;
  }

  private static void describe(ObjectNode item, Trail trail) {
    item.put("Name", trail.name());
    item.put("S3BucketName", trail.bucket());
    if (trail.prefix() != null) {
      item.put("S3KeyPrefix", trail.prefix());
    }
    item.put("IncludeGlobalServiceEvents", trail.includeGlobalServiceEvents());
    item.put("IsMultiRegionTrail", trail.multiRegion());
    item.put("HomeRegion", trail.homeRegion().name());
    item.put("TrailARN", trail.arn());
    item.put("LogFileValidationEnabled", false);
    if (trail.kmsKeyId() != null) {
      item.put("KmsKeyId", trail.kmsKeyId());
    }
    item.put("HasCustomEventSelectors", trail.eventSelectors() != null);
    item.put("HasInsightSelectors", false);
    item.put("IsOrganizationTrail", false);
  }

  private static void epoch(ObjectNode output, String name, @Nullable Instant time) {
    if (time != null) {
      output.put(name, BigDecimal.valueOf(time.toEpochMilli(), 3));
    }
  }

  /** The string times of GetTrailStatus, such as {@code 2024-05-01T12:00:00Z}; empty if none. */
  private static String text(@Nullable Instant time) {
    return time == null
        ? ""
        : DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS));
  }
}
