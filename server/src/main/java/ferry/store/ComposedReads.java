package ferry.store;

import java.util.HashMap;
import java.util.Map;

/**
 * The composed blobs this process is reading. A read opens a composed blob's pieces one at a time
 * as it reaches them (an object of 10,000 parts would otherwise hold 10,000 descriptors), so the
 * pieces must stay until it ends: the sweep of deleted blobs keeps those counted here.
 */
final class ComposedReads {
  private final Map<String, Integer> readers = new HashMap<>();

  synchronized void begin(String id) {
    readers.merge(id, 1, Integer::sum);
  }

  synchronized void end(String id) {
    readers.computeIfPresent(id, (k, n) -> n == 1 ? null : n - 1);
  }

  synchronized boolean isRead(String id) {
    return readers.containsKey(id);
  }
}
