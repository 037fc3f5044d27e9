package ferry.s3.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.aws.AccountId;
import ferry.s3.ObjectVersion;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Object versions and delete markers in the metadata database; their bytes are blob files. */
public final class ObjectRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};
  private static final String COLUMNS =
      "bucket, object_key, version_id, seq, latest, delete_marker, size, etag, content_type,"
          + " headers, owner_account, blob_id, created";

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
   * of an unversioned bucket) is replaced; the blob it held is returned so the caller can delete it
   * once the change is committed.
   */
  public @Nullable String put(ObjectVersion version) {
    return db.write(c -> {
      String replacedBlob =
          Sql.one(
                  c,
                  "SELECT blob_id FROM s3_objects WHERE bucket = ? AND object_key = ? AND version_id = ?",
                  row -> row.getString(1),
                  version.bucket(),
                  version.key(),
                  version.versionId())
              .orElse(null);
      Sql.update(
          c,
          "DELETE FROM s3_objects WHERE bucket = ? AND object_key = ? AND version_id = ?",
          version.bucket(),
          version.key(),
          version.versionId());
      Sql.update(
          c,
          "UPDATE s3_objects SET latest = 0 WHERE bucket = ? AND object_key = ? AND latest = 1",
          version.bucket(),
          version.key());
      long seq =
          Sql.count(
              c,
              "SELECT COALESCE(MAX(seq), 0) + 1 FROM s3_objects WHERE bucket = ?",
              version.bucket());
      insert(c, version, seq);
      return replacedBlob;
    });
  }

  /**
   * Removes one version for good; when it was the current one, the newest remaining version becomes
   * current. Returns the removed version.
   */
  public Optional<ObjectVersion> deleteVersion(String bucket, String key, String versionId) {
    return db.write(c -> {
      Optional<ObjectVersion> removed =
          Sql.one(
              c,
              "SELECT "
                  + COLUMNS
                  + " FROM s3_objects WHERE bucket = ? AND object_key = ? AND version_id = ?",
              ObjectRepository::map,
              bucket,
              key,
              versionId);
      if (removed.isEmpty()) {
        return removed;
      }
      Sql.update(
          c,
          "DELETE FROM s3_objects WHERE bucket = ? AND object_key = ? AND version_id = ?",
          bucket,
          key,
          versionId);
      if (removed.get().latest()) {
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

  /**
   * Current versions that are not delete markers, in key order, starting after {@code after}, with
   * keys that start with {@code prefix}; at most {@code limit}.
   */
  public List<ObjectVersion> listLatest(String bucket, String prefix, String after, int limit) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT "
                + COLUMNS
                + " FROM s3_objects WHERE bucket = ? AND latest = 1 AND delete_marker = 0"
                + " AND object_key > ? AND substr(object_key, 1, ?) = ? ORDER BY object_key LIMIT ?",
            ObjectRepository::map,
            bucket,
            after,
            prefix.length(),
            prefix,
            limit));
  }

  private static void insert(Connection c, ObjectVersion v, long seq) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO s3_objects (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        v.bucket(),
        v.key(),
        v.versionId(),
        seq,
        true,
        v.deleteMarker(),
        v.size(),
        v.etag(),
        v.headers().get("Content-Type"),
        toJson(v.headers()),
        v.owner().value(),
        v.blobId(),
        v.created());
  }

  private static ObjectVersion map(ResultSet row) throws SQLException {
    return new ObjectVersion(
        row.getString("bucket"),
        row.getString("object_key"),
        row.getString("version_id"),
        row.getLong("seq"),
        Sql.bool(row, "latest"),
        Sql.bool(row, "delete_marker"),
        row.getLong("size"),
        row.getString("etag"),
        fromJson(row.getString("headers")),
        AccountId.of(row.getString("owner_account")),
        row.getString("blob_id"),
        java.time.Instant.ofEpochMilli(row.getLong("created")));
  }

  private static String toJson(Map<String, String> headers) {
    try {
      return JSON.writeValueAsString(headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A map of strings always serialises", e);
    }
  }

  private static Map<String, String> fromJson(@Nullable String text) {
    if (text == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(text, HEADERS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored object headers are not JSON: " + text, e);
    }
  }
}
