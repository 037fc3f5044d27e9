package ferry.kms;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a list operation; {@code nextMarker} is set when there are more. */
public record Page<T>(List<T> items, @Nullable String nextMarker) {
  public Page {
    items = List.copyOf(items);
  }

  public boolean truncated() {
    return nextMarker != null;
  }
}
