package ferry.s3.store;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The upper bound of a listing's keys: below the least key after every key with the prefix, so that
 * the prefix is a range of the index and not a filter over the keys after it.
 *
 * @param key that least key; null when there is no bound (an empty prefix)
 */
record PrefixEnd(@Nullable String key) {
  static PrefixEnd of(String prefix) {
    return new PrefixEnd(KeyOrder.pastPrefix(prefix));
  }

  /** The condition, to follow a listing's other conditions on {@code object_key}. */
  String sql() {
    return key == null ? "" : " AND object_key < ?";
  }

  /** The listing's arguments: {@code before}, this bound if any, and the limit. */
  Object[] args(Object[] before, int limit) {
    Object[] all = Arrays.copyOf(before, before.length + (key == null ? 1 : 2));
    if (key != null) {
      all[before.length] = key;
    }
    all[all.length - 1] = limit;
    return all;
  }
}
