package ferry.store;

import java.util.HashMap;
import java.util.Map;

/**
 * The composed blobs this process is reading, and the deletions that wait for those reads. A read
 * opens a composed blob's pieces one at a time as it reaches them (an object of 10,000 parts would
 * otherwise hold 10,000 descriptors), so the pieces must stay until it ends: the deletion of a blob
 * being read is carried out when its last read closes, and a read that begins once a deletion was
 * asked for finds the blob gone.
 */
final class ComposedReads {
  private final Map<String, Use> uses = new HashMap<>();

  private static final class Use {
    int readers;
    boolean deleted;
  }

  /** Counts a read of the blob; false when its deletion was asked for. */
  synchronized boolean begin(String id) {
    Use use = uses.computeIfAbsent(id, k -> new Use());
    if (use.deleted) {
      return false;
    }
    use.readers++;
    return true;
  }

  /** Ends a read; true when the caller must now delete the blob, whose deletion waited for it. */
  synchronized boolean end(String id) {
    Use use = uses.get(id);
    if (--use.readers > 0) {
      return false;
    }
    if (!use.deleted) {
      uses.remove(id);
    }
    return use.deleted;
  }

  /**
   * Asks for the blob's deletion; true when the caller deletes it now, false when a read in
   * progress will, or another deletion already is.
   */
  synchronized boolean delete(String id) {
    Use use = uses.computeIfAbsent(id, k -> new Use());
    boolean now = !use.deleted && use.readers == 0;
    use.deleted = true;
    return now;
  }

  /** The blob's files are gone: later reads find no blob, and nothing is kept for it. */
  synchronized void deleted(String id) {
    uses.remove(id);
  }
}
