package ferry.iam.store;

import ferry.aws.AccountId;
import ferry.iam.EntityKind;
import ferry.iam.Group;
import ferry.iam.User;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** IAM groups of every account and the users in them. */
public final class GroupRepository {
  private static final String COLUMNS = "account_id, name, group_id, path, created";

  private final Database db;

  public GroupRepository(Database db) {
    this.db = db;
  }

  public Optional<Group> find(AccountId account, String name) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT " + COLUMNS + " FROM iam_groups WHERE account_id = ? AND name_key = ?",
            GroupRepository::map,
            account.value(),
            UserRepository.key(name)));
  }

  public List<Group> list(AccountId account, String pathPrefix) {
    return db
        .read(c ->
            Sql.list(
                c,
                "SELECT " + COLUMNS + " FROM iam_groups WHERE account_id = ? ORDER BY name_key",
                GroupRepository::map,
                account.value()))
        .stream()
        .filter(group -> group.path().startsWith(pathPrefix))
        .toList();
  }

  /** Adds the group; false when one of that name (in any letter case) exists. */
  public boolean insert(Group group) {
    return db.write(c -> {
      String key = UserRepository.key(group.name());
      if (Sql.count(
              c,
              "SELECT COUNT(*) FROM iam_groups WHERE account_id = ? AND name_key = ?",
              group.account().value(),
              key)
          > 0) {
        return false;
      }
      Sql.update(
          c,
          "INSERT INTO iam_groups (account_id, name_key, name, group_id, path, created)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          group.account().value(),
          key,
          group.name(),
          group.groupId(),
          group.path(),
          group.created());
      return true;
    });
  }

  /**
   * Renames or moves a group with its members and policies; false when another group has the new
   * name.
   */
  public boolean update(AccountId account, String name, String newName, String newPath) {
    return db.write(c -> {
      String key = UserRepository.key(name);
      String newKey = UserRepository.key(newName);
      if (!newKey.equals(key)
          && Sql.count(
                  c,
                  "SELECT COUNT(*) FROM iam_groups WHERE account_id = ? AND name_key = ?",
                  account.value(),
                  newKey)
              > 0) {
        return false;
      }
      Sql.update(
          c,
          "UPDATE iam_groups SET name_key = ?, name = ?, path = ? WHERE account_id = ?"
              + " AND name_key = ?",
          newKey,
          newName,
          newPath,
          account.value(),
          key);
      Sql.update(
          c,
          "UPDATE iam_group_members SET group_key = ? WHERE account_id = ? AND group_key = ?",
          newKey,
          account.value(),
          key);
      for (String table : List.of("iam_attachments", "iam_inline_policies")) {
        Sql.update(
            c,
            "UPDATE "
                + table
                + " SET entity_key = ? WHERE account_id = ? AND entity_type = ?"
                + " AND entity_key = ?",
            newKey,
            account.value(),
            EntityKind.GROUP.word(),
            key);
      }
      return true;
    });
  }

  public void delete(AccountId account, String name) {
    db.write(c ->
        Sql.update(
            c,
            "DELETE FROM iam_groups WHERE account_id = ? AND name_key = ?",
            account.value(),
            UserRepository.key(name)));
  }

  /**
   * Puts the user in the group unless it is there already or in {@code limit} groups; false when
   * the limit stops it.
   */
  public boolean addMember(AccountId account, String group, String user, int limit) {
    return db.write(c -> {
      String groupKey = UserRepository.key(group);
      db.dialect().lock(c, "iam_group_members/" + account.value());
      String userKey = UserRepository.key(user);
      if (Sql.count(
              c,
              "SELECT COUNT(*) FROM iam_group_members WHERE account_id = ? AND group_key = ?"
                  + " AND user_key = ?",
              account.value(),
              groupKey,
              userKey)
          > 0) {
        return true;
      }
      if (Sql.count(
              c,
              "SELECT COUNT(*) FROM iam_group_members WHERE account_id = ? AND user_key = ?",
              account.value(),
              userKey)
          >= limit) {
        return false;
      }
      long seq =
          Sql.count(
              c,
              "SELECT COALESCE(MAX(seq), 0) + 1 FROM iam_group_members WHERE account_id = ?",
              account.value());
      Sql.update(
          c,
          "INSERT INTO iam_group_members (account_id, group_key, user_key, seq)"
              + " VALUES (?, ?, ?, ?)",
          account.value(),
          groupKey,
          userKey,
          seq);
      return true;
    });
  }

  /** Takes the user out of the group; false when it was not in it. */
  public boolean removeMember(AccountId account, String group, String user) {
    return db.write(c ->
        Sql.update(
            c,
            "DELETE FROM iam_group_members WHERE account_id = ? AND group_key = ?"
                + " AND user_key = ?",
            account.value(),
            UserRepository.key(group),
            UserRepository.key(user)))
        > 0;
  }

  /** The users in the group, in the order they joined. */
  public List<User> members(AccountId account, String group) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT u.account_id, u.name, u.user_id, u.path, u.permissions_boundary, u.created"
                + " FROM iam_group_members m JOIN iam_users u ON u.account_id = m.account_id"
                + " AND u.name_key = m.user_key WHERE m.account_id = ? AND m.group_key = ?"
                + " ORDER BY m.seq",
            UserRepository::map,
            account.value(),
            UserRepository.key(group)));
  }

  /** The groups the user is in, in the order it joined them. */
  public List<Group> groupsOf(AccountId account, String user) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT g.account_id, g.name, g.group_id, g.path, g.created FROM iam_group_members m"
                + " JOIN iam_groups g ON g.account_id = m.account_id AND g.name_key = m.group_key"
                + " WHERE m.account_id = ? AND m.user_key = ? ORDER BY m.seq",
            GroupRepository::map,
            account.value(),
            UserRepository.key(user)));
  }

  private static Group map(ResultSet row) throws SQLException {
    return new Group(
        AccountId.of(row.getString("account_id")),
        row.getString("path"),
        row.getString("name"),
        row.getString("group_id"),
        Instant.ofEpochMilli(row.getLong("created")));
  }
}
