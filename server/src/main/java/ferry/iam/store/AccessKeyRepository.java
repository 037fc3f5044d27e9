package ferry.iam.store;

import ferry.aws.AccountId;
import ferry.iam.AccessKey;
import ferry.iam.User;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Long-term access keys of root users and IAM users. */
public final class AccessKeyRepository {
  private static final String COLUMNS =
      "access_key_id, secret_access_key, account_id, user_name, status, created";

  private final Database db;

  public AccessKeyRepository(Database db) {
    this.db = db;
  }

  /** A key with the IAM user it belongs to; the user is null for the root user's keys. */
  public record KeyAndUser(AccessKey key, @Nullable User user) {}

  /**
   * The key and its user, as the SigV4 layer needs them for every request: a root user's key is one
   * indexed lookup, an IAM user's key one more on the same connection. (A join cost every request a
   * search of the users' index, for root keys too.)
   */
  public Optional<KeyAndUser> findWithUser(String accessKeyId) {
    return db.read(c -> {
      AccessKey key = find(c, accessKeyId).orElse(null);
      if (key == null) {
        return Optional.empty();
      }
      String userName = key.userName();
      User user =
          userName == null
              ? null
              : UserRepository.findNamed(c, key.account(), userName).orElse(null);
      return Optional.of(new KeyAndUser(key, user));
    });
  }

  public Optional<AccessKey> find(String accessKeyId) {
    return db.read(c -> find(c, accessKeyId));
  }

  private static Optional<AccessKey> find(Connection c, String accessKeyId) throws SQLException {
    return Sql.one(
        c,
        "SELECT " + COLUMNS + " FROM access_keys WHERE access_key_id = ?",
        AccessKeyRepository::map,
        accessKeyId);
  }

  /** The keys of a user, or of the account's root user when {@code userName} is null. */
  public List<AccessKey> listFor(AccountId account, @Nullable String userName) {
    return db.read(c ->
        userName == null
            ? Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM access_keys WHERE account_id = ? AND user_name IS NULL ORDER BY created",
                AccessKeyRepository::map,
                account.value())
            : Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM access_keys WHERE account_id = ? AND user_name = ? ORDER BY created",
                AccessKeyRepository::map,
                account.value(),
                userName));
  }

  /**
   * Inserts the key unless its owner (a user, or the account's root) has {@code limit} keys
   * already; false when the limit stops it. The count and the insert are one writer's at a time, so
   * requests racing on several nodes cannot pass the limit together.
   */
  public boolean insertWithin(AccessKey key, int limit) {
    return db.write(c -> {
      db.dialect().lock(c, "access_keys/" + key.account().value());
      long count =
          key.userName() == null
              ? Sql.count(
                  c,
                  "SELECT COUNT(*) FROM access_keys WHERE account_id = ? AND user_name IS NULL",
                  key.account().value())
              : Sql.count(
                  c,
                  "SELECT COUNT(*) FROM access_keys WHERE account_id = ? AND user_name = ?",
                  key.account().value(),
                  key.userName());
      if (count >= limit) {
        return false;
      }
      insert(c, key);
      return true;
    });
  }

  public void insert(AccessKey key) {
    db.write(c -> insert(c, key));
  }

  private static int insert(Connection c, AccessKey key) throws SQLException {
    return Sql.update(
        c,
        "INSERT INTO access_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
        key.accessKeyId(),
        key.secretAccessKey(),
        key.account().value(),
        key.userName(),
        key.active() ? "Active" : "Inactive",
        key.created());
  }

  public void updateStatus(String accessKeyId, boolean active) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE access_keys SET status = ? WHERE access_key_id = ?",
            active ? "Active" : "Inactive",
            accessKeyId));
  }

  public void delete(String accessKeyId) {
    db.write(c -> Sql.update(c, "DELETE FROM access_keys WHERE access_key_id = ?", accessKeyId));
  }

  private static AccessKey map(ResultSet row) throws SQLException {
    return new AccessKey(
        row.getString("access_key_id"),
        row.getString("secret_access_key"),
        AccountId.of(row.getString("account_id")),
        row.getString("user_name"),
        "Active".equals(row.getString("status")),
        Instant.ofEpochMilli(row.getLong("created")));
  }
}
