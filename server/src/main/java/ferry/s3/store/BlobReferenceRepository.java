package ferry.s3.store;

import ferry.store.BlobReferences;
import ferry.store.Database;
import ferry.store.Sql;
import java.util.HashSet;
import java.util.Set;

/** The blobs S3's rows name: those of object versions and of the parts of uploads in progress. */
public final class BlobReferenceRepository implements BlobReferences {
  private final Database db;

  public BlobReferenceRepository(Database db) {
    this.db = db;
  }

  /**
   * One pass over each table, neither of which has (or needs on its write path) an index on the
   * blob id: looking the blobs up in batches instead would scan both tables once a batch.
   */
  @Override
  public Set<String> all() {
    return new HashSet<>(
        db.read(c ->
            Sql.list(
                c,
                "SELECT blob_id FROM s3_objects WHERE blob_id IS NOT NULL"
                    + " UNION ALL SELECT blob_id FROM s3_parts",
                row -> row.getString(1))));
  }
}
