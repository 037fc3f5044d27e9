package ferry.kms;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** One page of a list operation; {@code nextMarker} is set when there are more. */
public record Page<T>(List<T> items, @Nullable String nextMarker) {
  public Page {
    items = List.copyOf(items);
  }

  public boolean truncated() {
    return nextMarker != null;
  }

  /**
   * The first {@code size} of {@code found} (which holds up to one more), with the marker of the
   * last when there are more.
   */
  static <T> Page<T> of(List<T> found, int size, Function<T, String> markerOf) {
    if (found.size() <= size) {
      return new Page<>(found, null);
    }
    List<T> items = found.subList(0, size);
    return new Page<>(items, markerOf.apply(items.getLast()));
  }

  /** A request's Limit, checked against the operation's maximum; 100 (or less) when absent. */
  static int limit(@Nullable Integer limit, int max) {
    if (limit == null) {
      return Math.min(100, max);
    }
    if (limit < 1 || limit > max) {
      throw KmsErrors.constraint(
          "limit",
          Integer.toString(limit),
          limit < 1
              ? "Member must have value greater than or equal to 1"
              : "Member must have value less than or equal to " + max);
    }
    return limit;
  }
}
