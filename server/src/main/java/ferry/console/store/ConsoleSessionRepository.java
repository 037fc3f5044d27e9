package ferry.console.store;

import ferry.store.Database;
import ferry.store.Sql;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Console sessions in the database, under the hash of their cookie's id. */
public final class ConsoleSessionRepository {
  /** A stored session: what it acts with, named by access key id. */
  public record Row(
      String csrfToken, String accessKeyId, @Nullable String switchedFromKeyId, Instant expires) {}

  private final Database db;

  public ConsoleSessionRepository(Database db) {
    this.db = db;
  }

  /** Stores a session; sessions that ended before {@code now} are removed in the same write. */
  public void insert(String hash, Row row, Instant now) {
    db.write(c -> {
      Sql.update(c, "DELETE FROM console_sessions WHERE expires < ?", now);
      return Sql.update(
          c,
          "INSERT INTO console_sessions (session_hash, csrf_token, access_key_id,"
              + " switched_from_key_id, expires) VALUES (?, ?, ?, ?, ?)",
          hash,
          row.csrfToken(),
          row.accessKeyId(),
          row.switchedFromKeyId(),
          row.expires());
    });
  }

  public Optional<Row> find(String hash) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT csrf_token, access_key_id, switched_from_key_id, expires FROM console_sessions"
                + " WHERE session_hash = ?",
            row ->
                new Row(
                    row.getString("csrf_token"),
                    row.getString("access_key_id"),
                    row.getString("switched_from_key_id"),
                    Objects.requireNonNull(Sql.instant(row, "expires"))),
            hash));
  }

  public void delete(String hash) {
    db.write(c -> Sql.update(c, "DELETE FROM console_sessions WHERE session_hash = ?", hash));
  }
}
