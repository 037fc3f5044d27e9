package ferry.s3.store;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.s3.Bucket;
import ferry.s3.ObjectOwnership;
import ferry.s3.Versioning;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Buckets in the metadata database. */
public final class BucketRepository {
  private static final String COLUMNS =
      "name, account_id, region, created, versioning, object_ownership";

  private final Database db;

  public BucketRepository(Database db) {
    this.db = db;
  }

  public Optional<Bucket> find(String name) {
    return db.read(c -> find(c, name));
  }

  public static Optional<Bucket> find(Connection c, String name) throws SQLException {
    return Sql.one(
        c, "SELECT " + COLUMNS + " FROM s3_buckets WHERE name = ?", BucketRepository::map, name);
  }

  public List<Bucket> listOwnedBy(AccountId account) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT " + COLUMNS + " FROM s3_buckets WHERE account_id = ? ORDER BY name",
            BucketRepository::map,
            account.value()));
  }

  /** Inserts the bucket unless the name is taken; returns the bucket that holds the name. */
  public Bucket insertIfAbsent(Bucket bucket) {
    return db.write(c -> {
      Optional<Bucket> existing = find(c, bucket.name());
      if (existing.isPresent()) {
        return existing.get();
      }
      Sql.update(
          c,
          "INSERT INTO s3_buckets (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
          bucket.name(),
          bucket.owner().value(),
          bucket.region().name(),
          bucket.created(),
          bucket.versioning(),
          bucket.ownership());
      return bucket;
    });
  }

  /** Deletes the bucket if it holds no object version; returns whether it did. */
  public boolean deleteIfEmpty(String name) {
    return db.write(c -> {
      if (Sql.count(c, "SELECT COUNT(*) FROM s3_objects WHERE bucket = ?", name) > 0) {
        return false;
      }
      Sql.update(c, "DELETE FROM s3_buckets WHERE name = ?", name);
      return true;
    });
  }

  public void updateVersioning(String name, Versioning versioning) {
    db.write(c ->
        Sql.update(c, "UPDATE s3_buckets SET versioning = ? WHERE name = ?", versioning, name));
  }

  public void updateOwnership(String name, ObjectOwnership ownership) {
    db.write(c ->
        Sql.update(
            c, "UPDATE s3_buckets SET object_ownership = ? WHERE name = ?", ownership, name));
  }

  private static Bucket map(ResultSet row) throws SQLException {
    String versioning = row.getString("versioning");
    return new Bucket(
        row.getString("name"),
        AccountId.of(row.getString("account_id")),
        new Region(row.getString("region")),
        java.time.Instant.ofEpochMilli(row.getLong("created")),
        versioning == null ? null : Versioning.valueOf(versioning),
        ObjectOwnership.valueOf(row.getString("object_ownership")));
  }
}
