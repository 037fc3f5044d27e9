package ferry.s3.store;

import ferry.store.BlobReferences;
import ferry.store.Database;
import ferry.store.Sql;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The blobs S3's rows name: those of object versions and of the parts of uploads in progress. */
public final class BlobReferenceRepository implements BlobReferences {
  // One statement for every lookup: a shorter batch is padded with nulls, which match nothing.
  private static final int BATCH = 200;
  private static final String IDS = "(" + "?, ".repeat(BATCH - 1) + "?)";
  private static final String NAMED =
      "SELECT blob_id FROM s3_objects WHERE blob_id IN "
          + IDS
          + " UNION SELECT blob_id FROM s3_parts WHERE blob_id IN "
          + IDS;

  private final Database db;

  public BlobReferenceRepository(Database db) {
    this.db = db;
  }

  @Override
  public Set<String> referenced(Collection<String> ids) {
    List<String> all = List.copyOf(ids);
    Set<String> named = new HashSet<>();
    for (int from = 0; from < all.size(); from += BATCH) {
      List<String> batch = all.subList(from, Math.min(all.size(), from + BATCH));
      Object[] args = new Object[2 * BATCH];
      for (int i = 0; i < batch.size(); i++) {
        args[i] = batch.get(i);
        args[BATCH + i] = batch.get(i);
      }
      named.addAll(db.read(c -> Sql.list(c, NAMED, row -> row.getString(1), args)));
    }
    return named;
  }
}
