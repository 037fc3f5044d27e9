package ferry.s3.store;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.s3.Bucket;
import ferry.s3.BucketSetting;
import ferry.s3.Grant;
import ferry.s3.ObjectOwnership;
import ferry.s3.PublicAccessBlock;
import ferry.s3.S3Errors;
import ferry.s3.ServerSideEncryption;
import ferry.s3.Versioning;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Buckets and their configuration in the metadata database. */
public final class BucketRepository {
  private static final String COLUMNS =
      "name, account_id, region, created, versioning, object_ownership, policy, acl, encryption,"
          + " public_access_block, notification, event_bridge";

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

  /**
   * Refuses a write into a bucket that is gone: the request found it, but a DeleteBucket committed
   * while the request was under way (its body still arriving, say). Runs in the write's
   * transaction, so on SQLite no delete can come between; on PostgreSQL a delete that commits after
   * it makes the write's insert meet the foreign key, and the write runs again (a conflict, see
   * {@code SqlDialect.isConflict}) to end here.
   */
  static void requireExists(Connection c, String name) throws SQLException {
    if (Sql.count(c, "SELECT COUNT(*) FROM s3_buckets WHERE name = ?", name) == 0) {
      throw S3Errors.noSuchBucket(name);
    }
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
          "INSERT INTO s3_buckets (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          bucket.name(),
          bucket.owner().value(),
          bucket.region().name(),
          bucket.created(),
          bucket.versioning(),
          bucket.ownership(),
          bucket.policy(),
          bucket.acl().isEmpty() ? null : JsonColumns.write(bucket.acl()),
          JsonColumns.write(bucket.encryption()),
          JsonColumns.write(bucket.publicAccessBlock()),
          bucket.notification(),
          bucket.eventBridge());
      return bucket;
    });
  }

  /**
   * Deletes the bucket, its settings and its unfinished multipart uploads if it holds no object
   * version. Returns the blobs of the uploads' parts, for the caller to delete once this is
   * committed, or empty when the bucket holds a version and was kept.
   */
  public Optional<List<String>> deleteIfEmpty(String name) {
    return db.write(c -> {
      if (Sql.count(c, "SELECT COUNT(*) FROM s3_objects WHERE bucket = ?", name) > 0) {
        return Optional.empty();
      }
      List<String> partBlobs =
          Sql.list(
              c,
              "SELECT blob_id FROM s3_parts WHERE upload_id IN (SELECT upload_id FROM s3_uploads"
                  + " WHERE bucket = ?)",
              row -> row.getString(1),
              name);
      Sql.update(
          c,
          "DELETE FROM s3_parts WHERE upload_id IN (SELECT upload_id FROM s3_uploads WHERE bucket ="
              + " ?)",
          name);
      Sql.update(c, "DELETE FROM s3_uploads WHERE bucket = ?", name);
      Sql.update(c, "DELETE FROM s3_bucket_settings WHERE bucket = ?", name);
      Sql.update(c, "DELETE FROM s3_buckets WHERE name = ?", name);
      return Optional.of(partBlobs);
    });
  }

  public void updateVersioning(String name, Versioning versioning) {
    set(name, "versioning", versioning);
  }

  public void updateOwnership(String name, @Nullable ObjectOwnership ownership) {
    set(name, "object_ownership", ownership);
  }

  public void updatePolicy(String name, @Nullable String policy) {
    set(name, "policy", policy);
  }

  public void updateAcl(String name, List<Grant> acl) {
    set(name, "acl", acl.isEmpty() ? null : JsonColumns.write(acl));
  }

  public void updateEncryption(String name, @Nullable ServerSideEncryption encryption) {
    set(name, "encryption", JsonColumns.write(encryption));
  }

  public void updatePublicAccessBlock(String name, @Nullable PublicAccessBlock block) {
    set(name, "public_access_block", JsonColumns.write(block));
  }

  public void updateNotification(String name, String document, boolean eventBridge) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE s3_buckets SET notification = ?, event_bridge = ? WHERE name = ?",
            document,
            eventBridge,
            name));
  }

  /** The bucket's setting of that kind, if it has one. */
  public <T> Optional<T> findSetting(String name, BucketSetting<T> setting) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT document FROM s3_bucket_settings WHERE bucket = ? AND setting = ?",
            row -> JsonColumns.read(row.getString("document"), setting.type()),
            name,
            setting.name()));
  }

  /** Sets the bucket's setting of that kind, replacing the one it had. */
  public <T> void putSetting(String name, BucketSetting<T> setting, T value) {
    db.write(c -> {
      requireExists(c, name);
      Sql.update(
          c,
          "DELETE FROM s3_bucket_settings WHERE bucket = ? AND setting = ?",
          name,
          setting.name());
      return Sql.update(
          c,
          "INSERT INTO s3_bucket_settings (bucket, setting, document) VALUES (?, ?, ?)",
          name,
          setting.name(),
          JsonColumns.write(value));
    });
  }

  /** The names of the buckets that have a setting of that kind, in name order. */
  public List<String> withSetting(BucketSetting<?> setting) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT bucket FROM s3_bucket_settings WHERE setting = ? ORDER BY bucket",
            row -> row.getString(1),
            setting.name()));
  }

  /** Removes the bucket's setting of that kind; removing one it does not have changes nothing. */
  public void deleteSetting(String name, BucketSetting<?> setting) {
    db.write(c ->
        Sql.update(
            c,
            "DELETE FROM s3_bucket_settings WHERE bucket = ? AND setting = ?",
            name,
            setting.name()));
  }

  private void set(String name, String column, @Nullable Object value) {
    db.write(
        c -> Sql.update(c, "UPDATE s3_buckets SET " + column + " = ? WHERE name = ?", value, name));
  }

  private static Bucket map(ResultSet row) throws SQLException {
    String versioning = row.getString("versioning");
    String ownership = row.getString("object_ownership");
    return new Bucket(
        row.getString("name"),
        AccountId.of(row.getString("account_id")),
        new Region(row.getString("region")),
        java.time.Instant.ofEpochMilli(row.getLong("created")),
        versioning == null ? null : Versioning.valueOf(versioning),
        ownership == null ? null : ObjectOwnership.valueOf(ownership),
        row.getString("policy"),
        JsonColumns.grants(row.getString("acl")),
        JsonColumns.read(row.getString("encryption"), ServerSideEncryption.class),
        JsonColumns.read(row.getString("public_access_block"), PublicAccessBlock.class),
        row.getString("notification"),
        Sql.bool(row, "event_bridge"));
  }
}
