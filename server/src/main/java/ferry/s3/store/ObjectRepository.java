package ferry.s3.store;

import ferry.aws.AccountId;
import ferry.s3.Checksum;
import ferry.s3.ChecksumAlgorithm;
import ferry.s3.Grant;
import ferry.s3.LegalHold;
import ferry.s3.ObjectVersion;
import ferry.s3.Retention;
import ferry.s3.RetentionMode;
import ferry.s3.S3Errors;
import ferry.s3.StoredEncryption;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Object versions and delete markers in the metadata database; their bytes are blob files. */
public final class ObjectRepository {
  private static final String COLUMNS =
      "bucket, object_key, version_id, seq, latest, delete_marker, size, etag, content_type,"
          + " headers, owner_account, blob_id, created, acl, tags, checksum_algorithm, checksum,"
          + " sse, kms_key_id, encrypted_key, segments, customer_key_check, retention_mode,"
          + " retain_until, legal_hold, kms_context";

  /** The order of a key's next version: one step in an index, however many versions it has. */
  static final String NEXT_SEQ =
      "SELECT COALESCE(MAX(seq), 0) + 1 FROM s3_objects WHERE bucket = ? AND object_key = ?";

  /** Removes one version, answering with the columns that follow. */
  private static final String DELETE_VERSION_RETURNING =
      "DELETE FROM s3_objects WHERE bucket = ? AND object_key = ? AND version_id = ? RETURNING ";

  private final Database db;

  public ObjectRepository(Database db) {
    this.db = db;
  }

  /** The current version of a key, which may be a delete marker. */
  public Optional<ObjectVersion> findLatest(String bucket, String key) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT "
                + COLUMNS
                + " FROM s3_objects WHERE bucket = ? AND object_key = ? AND latest = 1",
            ObjectRepository::map,
            bucket,
            key));
  }

  public Optional<ObjectVersion> findVersion(String bucket, String key, String versionId) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT "
                + COLUMNS
                + " FROM s3_objects WHERE bucket = ? AND object_key = ? AND version_id = ?",
            ObjectRepository::map,
            bucket,
            key,
            versionId));
  }

  /**
   * Makes {@code version} the key's current version. A version with the same id (the "null" version
   * of an unversioned or suspended bucket) is replaced; the blob it held is returned so the caller
   * can delete it once the change is committed. A bucket deleted meanwhile is {@code NoSuchBucket}.
   */
  public @Nullable String put(ObjectVersion version) {
    return db.write(c -> putIn(c, version));
  }

  /**
   * Stores the version a CompleteMultipartUpload made and removes the upload with its parts, in one
   * transaction: an upload completed or aborted meanwhile is {@code NoSuchUpload}, and nothing is
   * stored. Returns the blobs nothing refers to any more: the parts' and the replaced version's.
   */
  public List<String> putCompleted(ObjectVersion version, String uploadId) {
    return db.write(c -> {
      List<String> unused =
          new ArrayList<>(
              UploadRepository.remove(c, uploadId)
                  .orElseThrow(() -> S3Errors.noSuchUpload(uploadId)));
      String replaced = putIn(c, version);
      if (replaced != null) {
        unused.add(replaced);
      }
      return unused;
    });
  }

  private @Nullable String putIn(Connection c, ObjectVersion version) throws SQLException {
    // One writer per key at a time: the key's next seq and its one latest version are read here.
    // Keys of one bucket are written side by side.
    db.dialect().lock(c, lockName(version.bucket(), version.key()));
    BucketRepository.requireExists(c, version.bucket());
    // Only the replaced version's blob is needed: its row is not mapped (JSON columns and all).
    String replacedBlob =
        Sql.one(
                c,
                DELETE_VERSION_RETURNING + "blob_id",
                row -> Optional.ofNullable(row.getString(1)),
                version.bucket(),
                version.key(),
                version.versionId())
            .flatMap(blob -> blob)
            .orElse(null);
    Sql.update(
        c,
        "UPDATE s3_objects SET latest = 0 WHERE bucket = ? AND object_key = ? AND latest = 1",
        version.bucket(),
        version.key());
    long seq = Sql.count(c, NEXT_SEQ, version.bucket(), version.key());
    insert(c, version, seq);
    return replacedBlob;
  }

  /**
   * Removes one version for good; when it was the current one, the newest remaining version becomes
   * current. Returns the removed version.
   */
  public Optional<ObjectVersion> deleteVersion(String bucket, String key, String versionId) {
    return db.write(c -> {
      db.dialect().lock(c, lockName(bucket, key));
      Optional<ObjectVersion> removed =
          Sql.one(
              c, DELETE_VERSION_RETURNING + COLUMNS, ObjectRepository::map, bucket, key, versionId);
      if (removed.isPresent() && removed.get().latest()) {
        Sql.update(
            c,
            "UPDATE s3_objects SET latest = 1 WHERE bucket = ? AND object_key = ? AND seq ="
                + " (SELECT MAX(seq) FROM s3_objects WHERE bucket = ? AND object_key = ?)",
            bucket,
            key,
            bucket,
            key);
      }
      return removed;
    });
  }

  public void updateAcl(ObjectVersion version, List<Grant> acl) {
    update(version, "acl", JsonColumns.write(acl));
  }

  public void updateTags(ObjectVersion version, Map<String, String> tags) {
    update(version, "tags", tags.isEmpty() ? null : JsonColumns.write(tags));
  }

  /** Sets or removes the version's Object Lock retention. */
  public void updateRetention(ObjectVersion version, @Nullable Retention retention) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE s3_objects SET retention_mode = ?, retain_until = ?"
                + " WHERE bucket = ? AND object_key = ? AND version_id = ?",
            retention == null ? null : retention.mode().name(),
            retention == null ? null : retention.retainUntil(),
            version.bucket(),
            version.key(),
            version.versionId()));
  }

  public void updateLegalHold(ObjectVersion version, LegalHold legalHold) {
    update(version, "legal_hold", legalHold.name());
  }

  private void update(ObjectVersion version, String column, @Nullable String value) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE s3_objects SET "
                + column
                + " = ? WHERE bucket = ? AND object_key = ? AND version_id = ?",
            value,
            version.bucket(),
            version.key(),
            version.versionId()));
  }

  /**
   * Current versions that are not delete markers, in key order, from {@code start} on, with keys
   * that start with {@code prefix}; at most {@code limit}. The prefix is a range of the index, so a
   * page costs the same however many keys sort before or after it.
   */
  public List<ObjectVersion> listLatest(String bucket, String prefix, KeyStart start, int limit) {
    KeyStart from = start.notBefore(prefix);
    PrefixEnd end = PrefixEnd.of(prefix);
    return db.read(c ->
        Sql.list(
            c,
            "SELECT "
                + COLUMNS
                + " FROM s3_objects WHERE bucket = ? AND latest = 1 AND delete_marker = 0"
                + (from.included() ? " AND object_key >= ?" : " AND object_key > ?")
                + end.sql()
                + " ORDER BY object_key LIMIT ?",
            ObjectRepository::map,
            end.args(new Object[] {bucket, from.key()}, limit)));
  }

  /**
   * Every version and delete marker with keys that start with {@code prefix}, by key and then
   * newest first, starting after ({@code afterKey}, {@code afterSeq}): keys after {@code afterKey},
   * and those of its versions older than {@code afterSeq} (0: none of them, {@link Long#MAX_VALUE}:
   * all); at most {@code limit}.
   */
  public List<ObjectVersion> listVersions(
      String bucket, String prefix, String afterKey, long afterSeq, int limit) {
    boolean prefixLater = KeyOrder.compare(prefix, afterKey) > 0;
    String fromKey = prefixLater ? prefix : afterKey;
    long belowSeq = prefixLater ? Long.MAX_VALUE : afterSeq;
    PrefixEnd end = PrefixEnd.of(prefix);
    return db.read(c ->
        Sql.list(
            c,
            "SELECT "
                + COLUMNS
                + " FROM s3_objects WHERE bucket = ? AND object_key >= ?"
                + " AND (object_key > ? OR seq < ?)"
                + end.sql()
                + " ORDER BY object_key, seq DESC LIMIT ?",
            ObjectRepository::map,
            end.args(new Object[] {bucket, fromKey, fromKey, belowSeq}, limit)));
  }

  private static String lockName(String bucket, String key) {
    return "s3_objects/" + bucket + "/" + key;
  }

  private static void insert(Connection c, ObjectVersion v, long seq) throws SQLException {
    StoredEncryption encryption = v.encryption();
    Checksum checksum = v.checksum();
    Retention retention = v.retention();
    Sql.update(
        c,
        "INSERT INTO s3_objects ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        v.bucket(),
        v.key(),
        v.versionId(),
        seq,
        true,
        v.deleteMarker(),
        v.size(),
        v.etag(),
        v.headers().get("Content-Type"),
        JsonColumns.write(v.headers()),
        v.owner().value(),
        v.blobId(),
        v.created(),
        v.acl().isEmpty() ? null : JsonColumns.write(v.acl()),
        v.tags().isEmpty() ? null : JsonColumns.write(v.tags()),
        checksum == null ? null : checksum.algorithm().name(),
        checksum == null ? null : checksum.value(),
        encryption == null ? null : encryption.algorithm(),
        encryption == null ? null : encryption.kmsKeyArn(),
        encryption == null ? null : encryptedKeyColumn(encryption),
        v.segments().isEmpty() ? null : JsonColumns.write(v.segments()),
        encryption == null ? null : encryption.customerKeyCheck(),
        retention == null ? null : retention.mode().name(),
        retention == null ? null : retention.retainUntil(),
        v.legalHold() == null ? null : v.legalHold().name(),
        encryption == null || encryption.context().isEmpty()
            ? null
            : JsonColumns.write(encryption.context()));
  }

  /** The data key, with a mark for S3 Bucket Keys: "bk:" before the base64 when they are on. */
  private static String encryptedKeyColumn(StoredEncryption encryption) {
    return (encryption.bucketKeyEnabled() ? "bk:" : "") + encryption.encryptedKey();
  }

  private static ObjectVersion map(ResultSet row) throws SQLException {
    String algorithm = row.getString("checksum_algorithm");
    String sse = row.getString("sse");
    StoredEncryption encryption = null;
    if (sse != null) {
      String key = row.getString("encrypted_key");
      boolean bucketKey = key.startsWith("bk:");
      encryption =
          new StoredEncryption(
              sse,
              row.getString("kms_key_id"),
              bucketKey ? key.substring(3) : key,
              bucketKey,
              row.getString("customer_key_check"),
              JsonColumns.strings(row.getString("kms_context")));
    }
    String mode = row.getString("retention_mode");
    String legalHold = row.getString("legal_hold");
    return new ObjectVersion(
        row.getString("bucket"),
        row.getString("object_key"),
        row.getString("version_id"),
        row.getLong("seq"),
        Sql.bool(row, "latest"),
        Sql.bool(row, "delete_marker"),
        row.getLong("size"),
        row.getString("etag"),
        JsonColumns.strings(row.getString("headers")),
        AccountId.of(row.getString("owner_account")),
        row.getString("blob_id"),
        java.time.Instant.ofEpochMilli(row.getLong("created")),
        JsonColumns.grants(row.getString("acl")),
        JsonColumns.strings(row.getString("tags")),
        algorithm == null
            ? null
            : new Checksum(ChecksumAlgorithm.valueOf(algorithm), row.getString("checksum")),
        encryption,
        JsonColumns.segments(row.getString("segments")),
        mode == null
            ? null
            : new Retention(
                RetentionMode.valueOf(mode),
                java.time.Instant.ofEpochMilli(row.getLong("retain_until"))),
        legalHold == null ? null : LegalHold.valueOf(legalHold));
  }
}
