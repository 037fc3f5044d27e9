package ferry.events;

import ferry.aws.AccountId;
import ferry.aws.Region;
import java.time.Instant;
import java.util.List;

/**
 * An event on a bus, in EventBridge's envelope: the {@code detail} is a JSON object as text.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html">Event
 *     structure</a>
 */
public record Event(
    String id,
    String source,
    String detailType,
    AccountId account,
    Region region,
    Instant time,
    List<String> resources,
    String detail) {

  public Event {
    resources = List.copyOf(resources);
  }
}
