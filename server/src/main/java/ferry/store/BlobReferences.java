package ferry.store;

import java.util.Collection;
import java.util.Set;

/** What refers to blobs: the rows that name them. */
@FunctionalInterface
public interface BlobReferences {
  /** Those of {@code ids} that a row names now. */
  Set<String> referenced(Collection<String> ids);
}
