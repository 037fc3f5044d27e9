package ferry.s3.store;

import ferry.aws.AccountId;
import ferry.s3.ChecksumAlgorithm;
import ferry.s3.LegalHold;
import ferry.s3.MultipartUpload;
import ferry.s3.Retention;
import ferry.s3.RetentionMode;
import ferry.s3.S3Errors;
import ferry.s3.StoredEncryption;
import ferry.s3.UploadedPart;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Multipart uploads in progress and their parts. */
public final class UploadRepository {
  private static final String COLUMNS =
      "upload_id, bucket, object_key, initiator_arn, owner_account, initiated, headers, acl, tags,"
          + " checksum_algorithm, sse, kms_key_id, encrypted_key, customer_key_check,"
          + " retention_mode, retain_until, legal_hold, checksum_type";
  private static final String PART_COLUMNS =
      "upload_id, part_number, segment_id, size, etag, checksum, blob_id, created";

  private final Database db;

  public UploadRepository(Database db) {
    this.db = db;
  }

  /** Records a new upload; a bucket deleted meanwhile is {@code NoSuchBucket}. */
  public void insert(MultipartUpload upload) {
    StoredEncryption encryption = upload.encryption();
    ChecksumAlgorithm algorithm = upload.checksumAlgorithm();
    Retention retention = upload.retention();
    db.write(c -> {
      BucketRepository.requireExists(c, upload.bucket());
      return Sql.update(
          c,
          "INSERT INTO s3_uploads ("
              + COLUMNS
              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          upload.uploadId(),
          upload.bucket(),
          upload.key(),
          upload.initiatorArn(),
          upload.owner().value(),
          upload.initiated(),
          JsonColumns.write(upload.headers()),
          JsonColumns.write(upload.acl()),
          JsonColumns.write(upload.tags()),
          algorithm == null ? null : algorithm.name(),
          encryption.algorithm(),
          encryption.kmsKeyArn(),
          (encryption.bucketKeyEnabled() ? "bk:" : "") + encryption.encryptedKey(),
          encryption.customerKeyCheck(),
          retention == null ? null : retention.mode().name(),
          retention == null ? null : retention.retainUntil(),
          upload.legalHold() == null ? null : upload.legalHold().name(),
          upload.fullObjectChecksum() ? "FULL_OBJECT" : null);
    });
  }

  public Optional<MultipartUpload> find(String uploadId) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT " + COLUMNS + " FROM s3_uploads WHERE upload_id = ?",
            UploadRepository::map,
            uploadId));
  }

  /**
   * Uploads of a bucket in key order and, per key, by initiation, after the markers; at most {@code
   * limit}.
   */
  public List<MultipartUpload> list(
      String bucket, String prefix, String keyMarker, String uploadIdMarker, int limit) {
    boolean prefixLater = KeyOrder.compare(prefix, keyMarker) > 0;
    String fromKey = prefixLater ? prefix : keyMarker;
    String afterId = prefixLater ? "" : uploadIdMarker;
    PrefixEnd end = PrefixEnd.of(prefix);
    return db.read(c ->
        Sql.list(
            c,
            "SELECT "
                + COLUMNS
                + " FROM s3_uploads WHERE bucket = ? AND object_key >= ?"
                + " AND (object_key > ? OR upload_id > ?)"
                + end.sql()
                + " ORDER BY object_key, upload_id LIMIT ?",
            UploadRepository::map,
            end.args(new Object[] {bucket, fromKey, fromKey, afterId}, limit)));
  }

  /**
   * Records a part of an upload in {@code bucket}; returns the blob of the part it replaces, if
   * any. An upload removed meanwhile is {@code NoSuchUpload}, or {@code NoSuchBucket} when its
   * bucket was deleted.
   */
  public @Nullable String putPart(String bucket, UploadedPart part) {
    return db.write(c -> {
      BucketRepository.requireExists(c, bucket);
      if (Sql.count(c, "SELECT COUNT(*) FROM s3_uploads WHERE upload_id = ?", part.uploadId())
          == 0) {
        throw S3Errors.noSuchUpload(part.uploadId());
      }
      String replaced =
          Sql.one(
                  c,
                  "SELECT blob_id FROM s3_parts WHERE upload_id = ? AND part_number = ?",
                  row -> row.getString(1),
                  part.uploadId(),
                  part.partNumber())
              .orElse(null);
      Sql.update(
          c,
          "DELETE FROM s3_parts WHERE upload_id = ? AND part_number = ?",
          part.uploadId(),
          part.partNumber());
      Sql.update(
          c,
          "INSERT INTO s3_parts (" + PART_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          part.uploadId(),
          part.partNumber(),
          part.segmentId(),
          part.size(),
          part.etag(),
          part.checksum(),
          part.blobId(),
          part.created());
      return replaced;
    });
  }

  /** The parts after {@code afterPart}, by number; at most {@code limit}. */
  public List<UploadedPart> parts(String uploadId, int afterPart, int limit) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT "
                + PART_COLUMNS
                + " FROM s3_parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number"
                + " LIMIT ?",
            UploadRepository::mapPart,
            uploadId,
            afterPart,
            limit));
  }

  /**
   * Removes the upload and its parts if it still exists; returns the blobs of its parts, or empty
   * when another request removed it first.
   */
  public Optional<List<String>> delete(String uploadId) {
    return db.write(c -> remove(c, uploadId));
  }

  /** {@link #delete} in a transaction of the caller's. */
  static Optional<List<String>> remove(Connection c, String uploadId) throws SQLException {
    List<String> blobs =
        Sql.list(
            c,
            "SELECT blob_id FROM s3_parts WHERE upload_id = ?",
            row -> row.getString(1),
            uploadId);
    Sql.update(c, "DELETE FROM s3_parts WHERE upload_id = ?", uploadId);
    if (Sql.update(c, "DELETE FROM s3_uploads WHERE upload_id = ?", uploadId) == 0) {
      return Optional.empty();
    }
    return Optional.of(blobs);
  }

  private static MultipartUpload map(ResultSet row) throws SQLException {
    String algorithm = row.getString("checksum_algorithm");
    String key = row.getString("encrypted_key");
    boolean bucketKey = key.startsWith("bk:");
    String mode = row.getString("retention_mode");
    String legalHold = row.getString("legal_hold");
    return new MultipartUpload(
        row.getString("upload_id"),
        row.getString("bucket"),
        row.getString("object_key"),
        row.getString("initiator_arn"),
        AccountId.of(row.getString("owner_account")),
        java.time.Instant.ofEpochMilli(row.getLong("initiated")),
        JsonColumns.strings(row.getString("headers")),
        JsonColumns.grants(row.getString("acl")),
        JsonColumns.strings(row.getString("tags")),
        algorithm == null ? null : ChecksumAlgorithm.valueOf(algorithm),
        new StoredEncryption(
            row.getString("sse"),
            row.getString("kms_key_id"),
            bucketKey ? key.substring(3) : key,
            bucketKey,
            row.getString("customer_key_check")),
        mode == null
            ? null
            : new Retention(
                RetentionMode.valueOf(mode),
                java.time.Instant.ofEpochMilli(row.getLong("retain_until"))),
        legalHold == null ? null : LegalHold.valueOf(legalHold),
        "FULL_OBJECT".equals(row.getString("checksum_type")));
  }

  private static UploadedPart mapPart(ResultSet row) throws SQLException {
    return new UploadedPart(
        row.getString("upload_id"),
        row.getInt("part_number"),
        row.getLong("segment_id"),
        row.getLong("size"),
        row.getString("etag"),
        row.getString("checksum"),
        row.getString("blob_id"),
        java.time.Instant.ofEpochMilli(row.getLong("created")));
  }
}
