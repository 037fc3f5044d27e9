package ferry.iam.store;

import ferry.aws.AccountId;
import ferry.iam.EntityKind;
import ferry.iam.Role;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** IAM roles of every account, with their tags. */
public final class RoleRepository {
  private static final String COLUMNS =
      "account_id, name, role_id, path, trust_policy, description, max_session_duration,"
          + " permissions_boundary, created";

  private final Database db;

  public RoleRepository(Database db) {
    this.db = db;
  }

  public Optional<Role> find(AccountId account, String name) {
    return db.read(c -> {
      Optional<Row> row =
          Sql.one(
              c,
              "SELECT " + COLUMNS + " FROM iam_roles WHERE account_id = ? AND name_key = ?",
              RoleRepository::map,
              account.value(),
              UserRepository.key(name));
      if (row.isEmpty()) {
        return Optional.<Role>empty();
      }
      return Optional.of(row.get().withTags(tags(c, account, name)));
    });
  }

  public List<Role> list(AccountId account, String pathPrefix) {
    return db.read(c -> {
      List<Role> roles = new ArrayList<>();
      for (Row row :
          Sql.list(
              c,
              "SELECT " + COLUMNS + " FROM iam_roles WHERE account_id = ? ORDER BY name_key",
              RoleRepository::map,
              account.value())) {
        if (row.path().startsWith(pathPrefix)) {
          roles.add(row.withTags(tags(c, account, row.name())));
        }
      }
      return roles;
    });
  }

  /** Adds the role with its tags; false when one of that name (in any letter case) exists. */
  public boolean insert(Role role) {
    return db.write(c -> {
      String key = UserRepository.key(role.name());
      if (Sql.count(
              c,
              "SELECT COUNT(*) FROM iam_roles WHERE account_id = ? AND name_key = ?",
              role.account().value(),
              key)
          > 0) {
        return false;
      }
      Sql.update(
          c,
          "INSERT INTO iam_roles (account_id, name_key, name, role_id, path, trust_policy,"
              + " description, max_session_duration, permissions_boundary, created)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          role.account().value(),
          key,
          role.name(),
          role.roleId(),
          role.path(),
          role.trustPolicy(),
          role.description(),
          role.maxSessionDuration(),
          role.permissionsBoundary(),
          role.created());
      writeTags(c, role.account(), key, role.tags());
      return true;
    });
  }

  /**
   * Replaces the role's tags with what {@code change} makes of the stored ones, one writer at a
   * time (iam_tags rows of type role, as {@link TagRows} keeps them).
   */
  public void changeTags(
      AccountId account, String name, UnaryOperator<Map<String, String>> change) {
    TagRows.change(db, account, EntityKind.ROLE.word(), name, change);
  }

  private static void writeTags(
      Connection c, AccountId account, String key, Map<String, String> tags) throws SQLException {
    long seq = 0;
    for (var tag : tags.entrySet()) {
      Sql.update(
          c,
          "INSERT INTO iam_tags (account_id, entity_type, entity_key, tag_key, tag_value, seq)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          account.value(),
          EntityKind.ROLE.word(),
          key,
          tag.getKey(),
          tag.getValue(),
          seq++);
    }
  }

  public void updateTrustPolicy(AccountId account, String name, String document) {
    update(account, name, "trust_policy", document);
  }

  public void updateDescriptionAndDuration(
      AccountId account, String name, @Nullable String description, int maxSessionDuration) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE iam_roles SET description = ?, max_session_duration = ?"
                + " WHERE account_id = ? AND name_key = ?",
            description,
            maxSessionDuration,
            account.value(),
            UserRepository.key(name)));
  }

  public void setPermissionsBoundary(AccountId account, String name, @Nullable String policyArn) {
    update(account, name, "permissions_boundary", policyArn);
  }

  private void update(AccountId account, String name, String column, @Nullable String value) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE iam_roles SET " + column + " = ? WHERE account_id = ? AND name_key = ?",
            value,
            account.value(),
            UserRepository.key(name)));
  }

  public void delete(AccountId account, String name) {
    db.write(c -> {
      String key = UserRepository.key(name);
      Sql.update(
          c,
          "DELETE FROM iam_tags WHERE account_id = ? AND entity_type = ? AND entity_key = ?",
          account.value(),
          EntityKind.ROLE.word(),
          key);
      return Sql.update(
          c, "DELETE FROM iam_roles WHERE account_id = ? AND name_key = ?", account.value(), key);
    });
  }

  private static Map<String, String> tags(Connection c, AccountId account, String name)
      throws SQLException {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String[] tag :
        Sql.list(
            c,
            "SELECT tag_key, tag_value FROM iam_tags WHERE account_id = ? AND entity_type = ?"
                + " AND entity_key = ? ORDER BY seq",
            row -> new String[] {row.getString(1), row.getString(2)},
            account.value(),
            EntityKind.ROLE.word(),
            UserRepository.key(name))) {
      tags.put(tag[0], tag[1]);
    }
    return tags;
  }

  /** A role row before its tags are read. */
  private record Row(
      AccountId account,
      String path,
      String name,
      String roleId,
      String trustPolicy,
      @Nullable String description,
      int maxSessionDuration,
      @Nullable String permissionsBoundary,
      Instant created) {
    Role withTags(Map<String, String> tags) {
      return new Role(
          account,
          path,
          name,
          roleId,
          trustPolicy,
          description,
          maxSessionDuration,
          permissionsBoundary,
          tags,
          created);
    }
  }

  private static Row map(ResultSet row) throws SQLException {
    return new Row(
        AccountId.of(row.getString("account_id")),
        row.getString("path"),
        row.getString("name"),
        row.getString("role_id"),
        row.getString("trust_policy"),
        row.getString("description"),
        row.getInt("max_session_duration"),
        row.getString("permissions_boundary"),
        Instant.ofEpochMilli(row.getLong("created")));
  }
}
