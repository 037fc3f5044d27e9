package ferry.iam.store;

import ferry.aws.AccountId;
import ferry.iam.User;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** IAM users of every account. */
public final class UserRepository {
  private static final String COLUMNS =
      "account_id, name, user_id, path, permissions_boundary, created";

  /** The entity type of a user's tags in iam_tags. */
  public static final String TAG_TYPE = "user";

  private final Database db;

  public UserRepository(Database db) {
    this.db = db;
  }

  /**
   * The user named exactly {@code name}, as an access key records it, without its tags: what the
   * SigV4 layer needs, on the connection it already reads with.
   */
  static Optional<User> findNamed(Connection c, AccountId account, String name)
      throws SQLException {
    return Sql.one(
        c,
        "SELECT " + COLUMNS + " FROM iam_users WHERE account_id = ? AND name = ?",
        UserRepository::map,
        account.value(),
        name);
  }

  public Optional<User> find(AccountId account, String name) {
    return db.read(c -> {
      Optional<User> user =
          Sql.one(
              c,
              "SELECT " + COLUMNS + " FROM iam_users WHERE account_id = ? AND name_key = ?",
              UserRepository::map,
              account.value(),
              key(name));
      if (user.isEmpty()) {
        return user;
      }
      return Optional.of(user.get().withTags(TagRows.read(c, account, TAG_TYPE, name)));
    });
  }

  public List<User> list(AccountId account, String pathPrefix) {
    return db.read(c -> {
      Map<String, Map<String, String>> tags = TagRows.readAll(c, account, TAG_TYPE);
      return Sql.list(
              c,
              "SELECT " + COLUMNS + " FROM iam_users WHERE account_id = ? ORDER BY name_key",
              UserRepository::map,
              account.value())
          .stream()
          .filter(user -> user.path().startsWith(pathPrefix))
          .map(user -> user.withTags(tags.getOrDefault(key(user.name()), Map.of())))
          .toList();
    });
  }

  /** Adds the user; false when one of that name (in any letter case) exists. */
  public boolean insert(User user) {
    return db.write(c -> {
      if (Sql.count(
              c,
              "SELECT COUNT(*) FROM iam_users WHERE account_id = ? AND name_key = ?",
              user.account().value(),
              key(user.name()))
          > 0) {
        return false;
      }
      Sql.update(
          c,
          "INSERT INTO iam_users (account_id, name_key, name, user_id, path, permissions_boundary,"
              + " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
          user.account().value(),
          key(user.name()),
          user.name(),
          user.userId(),
          user.path(),
          user.permissionsBoundary(),
          user.created());
      TagRows.write(c, user.account(), TAG_TYPE, user.name(), user.tags());
      return true;
    });
  }

  public void setPermissionsBoundary(AccountId account, String name, @Nullable String policyArn) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE iam_users SET permissions_boundary = ? WHERE account_id = ? AND name_key = ?",
            policyArn,
            account.value(),
            key(name)));
  }

  /** Replaces the tags with what {@code change} makes of the stored ones, one writer at a time. */
  public void changeTags(
      AccountId account, String name, UnaryOperator<Map<String, String>> change) {
    TagRows.change(db, account, TAG_TYPE, name, change);
  }

  public void delete(AccountId account, String name) {
    db.write(c -> {
      TagRows.delete(c, account, TAG_TYPE, name);
      return Sql.update(
          c,
          "DELETE FROM iam_users WHERE account_id = ? AND name_key = ?",
          account.value(),
          key(name));
    });
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  static User map(ResultSet row) throws SQLException {
    return new User(
        AccountId.of(row.getString("account_id")),
        row.getString("path"),
        row.getString("name"),
        row.getString("user_id"),
        row.getString("permissions_boundary"),
        Instant.ofEpochMilli(row.getLong("created")));
  }
}
