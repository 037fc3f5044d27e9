package ferry.events;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One entry of PutEvents, as a caller sends it. */
public record PutEventsEntry(
    @Nullable String source,
    @Nullable String detailType,
    @Nullable String detail,
    List<String> resources,
    @Nullable String time,
    @Nullable String eventBusName) {

  public PutEventsEntry {
    resources = List.copyOf(resources);
  }
}
