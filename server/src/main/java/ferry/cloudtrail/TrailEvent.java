package ferry.cloudtrail;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One CloudTrail event as the event history stores it in one account: the columns LookupEvents
 * filters on, and the record itself, as CloudTrail writes it.
 *
 * @param resources what the ResourceType and ResourceName lookups find the event by
 * @param record the CloudTrail record, a JSON object (LookupEvents' CloudTrailEvent)
 */
public record TrailEvent(
    String accountId,
    String eventId,
    Instant eventTime,
    String eventName,
    String eventSource,
    boolean readOnly,
    @Nullable String username,
    @Nullable String accessKeyId,
    List<Resource> resources,
    String record) {

  public TrailEvent {
    resources = List.copyOf(resources);
  }

  /** A resource of the event: its CloudTrail type and a name it is looked up by. */
  public record Resource(String type, String name) {}
}
