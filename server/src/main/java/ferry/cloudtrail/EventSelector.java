package ferry.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One of a trail's basic event selectors: which management events (read, write or both; none with
 * {@code includeManagementEvents} false; not those of the excluded sources) and which data events
 * (S3 object calls under the named ARN prefixes) it delivers. A trail delivers an event that any of
 * its selectors takes.
 *
 * @param dataResources the S3 object ARN prefixes whose data events are delivered: {@code
 *     arn:aws:s3} for every bucket, {@code arn:aws:s3:::bucket/} or {@code
 *     arn:aws:s3:::bucket/prefix} for a bucket or part of one
 * @see <a
 *     href="https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_EventSelector.html">EventSelector</a>
 */
public record EventSelector(
    ReadWrite readWriteType,
    boolean includeManagementEvents,
    List<String> dataResources,
    List<String> excludeManagementEventSources) {

  /** A trail without selectors: every management event, no data events. */
  public static final List<EventSelector> DEFAULT =
      List.of(new EventSelector(ReadWrite.All, true, List.of(), List.of()));

  /** The data resource type Ferry has data events of. */
  public static final String S3_OBJECT = "AWS::S3::Object";

  public EventSelector {
    dataResources = List.copyOf(dataResources);
    excludeManagementEventSources = List.copyOf(excludeManagementEventSources);
  }

  /** ReadWriteType's values, as the API spells them. */
  public enum ReadWrite {
    ReadOnly,
    WriteOnly,
    All;

    boolean takes(boolean readOnly) {
      return this == All || (this == ReadOnly) == readOnly;
    }
  }

  /** Whether this selector delivers the event of a record. */
  public boolean takes(JsonNode record) {
    if (!readWriteType.takes(record.path("readOnly").asBoolean(false))) {
      return false;
    }
    if (record.path("managementEvent").asBoolean(false)) {
      return includeManagementEvents
          && !excludeManagementEventSources.contains(record.path("eventSource").asText());
    }
    if (!record.path("eventSource").asText().equals("s3.amazonaws.com")) {
      return false;
    }
    for (JsonNode resource : record.path("resources")) {
      if (resource.path("type").asText().equals(S3_OBJECT)) {
        String arn = resource.path("ARN").asText();
        for (String prefix : dataResources) {
          if (prefix.equals("arn:aws:s3")
              || prefix.equals("arn:aws:s3:::")
              || arn.startsWith(prefix)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
