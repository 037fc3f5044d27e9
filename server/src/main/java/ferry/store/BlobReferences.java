package ferry.store;

import java.util.Set;

/** What refers to blobs: the rows that name them. */
@FunctionalInterface
public interface BlobReferences {
  /** Every blob id a row names now. */
  Set<String> all();
}
