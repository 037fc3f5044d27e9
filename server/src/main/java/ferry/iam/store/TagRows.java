package ferry.iam.store;

import ferry.aws.AccountId;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The rows of iam_tags for users, managed policies and instance profiles, in the order the tags
 * were given, read and written inside their repositories' transactions (roles keep theirs through
 * {@link RoleRepository}, in the same table). Entities are named by type ({@code user}, {@code
 * policy}, {@code instance-profile}) and lower-case name.
 */
final class TagRows {
  private TagRows() {}

  static void replace(
      Connection c, AccountId account, String type, String name, Map<String, String> tags)
      throws SQLException {
    delete(c, account, type, name);
    write(c, account, type, name, tags);
  }

  /**
   * Replaces an entity's tags with what {@code change} makes of the stored ones, in one transaction
   * under a lock of that entity's tags: two requests that tag it at once each see the other's tags.
   * What {@code change} throws stores nothing.
   */
  static void change(
      Database db,
      AccountId account,
      String type,
      String name,
      UnaryOperator<Map<String, String>> change) {
    db.write(c -> {
      db.dialect()
          .lock(c, "iam_tags/" + account.value() + "/" + type + "/" + UserRepository.key(name));
      replace(c, account, type, name, change.apply(read(c, account, type, name)));
      return null;
    });
  }

  static Map<String, String> read(Connection c, AccountId account, String type, String name)
      throws SQLException {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String[] tag :
        Sql.list(
            c,
            "SELECT tag_key, tag_value FROM iam_tags WHERE account_id = ? AND entity_type = ?"
                + " AND entity_key = ? ORDER BY seq",
            row -> new String[] {row.getString(1), row.getString(2)},
            account.value(),
            type,
            UserRepository.key(name))) {
      tags.put(tag[0], tag[1]);
    }
    return tags;
  }

  /** Every tagged entity's tags of one type in an account, by lower-case name. */
  static Map<String, Map<String, String>> readAll(Connection c, AccountId account, String type)
      throws SQLException {
    Map<String, Map<String, String>> all = new HashMap<>();
    for (String[] tag :
        Sql.list(
            c,
            "SELECT entity_key, tag_key, tag_value FROM iam_tags WHERE account_id = ?"
                + " AND entity_type = ? ORDER BY entity_key, seq",
            row -> new String[] {row.getString(1), row.getString(2), row.getString(3)},
            account.value(),
            type)) {
      all.computeIfAbsent(tag[0], k -> new LinkedHashMap<>()).put(tag[1], tag[2]);
    }
    return all;
  }

  static void write(
      Connection c, AccountId account, String type, String name, Map<String, String> tags)
      throws SQLException {
    long seq = 0;
    for (var tag : tags.entrySet()) {
      Sql.update(
          c,
          "INSERT INTO iam_tags (account_id, entity_type, entity_key, tag_key, tag_value, seq)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          account.value(),
          type,
          UserRepository.key(name),
          tag.getKey(),
          tag.getValue(),
          seq++);
    }
  }

  static void delete(Connection c, AccountId account, String type, String name)
      throws SQLException {
    Sql.update(
        c,
        "DELETE FROM iam_tags WHERE account_id = ? AND entity_type = ? AND entity_key = ?",
        account.value(),
        type,
        UserRepository.key(name));
  }
}
