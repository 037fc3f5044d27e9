package ferry.iam.store;

import ferry.aws.AccountId;
import ferry.iam.InstanceProfile;
import ferry.iam.Role;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** IAM instance profiles of every account, each with its role, if any. */
public final class InstanceProfileRepository {
  private static final String COLUMNS = "account_id, name, instance_profile_id, path, created";

  /** The entity type of an instance profile's tags in iam_tags. */
  private static final String TAG_TYPE = "instance-profile";

  private final Database db;
  private final RoleRepository roles;

  public InstanceProfileRepository(Database db, RoleRepository roles) {
    this.db = db;
    this.roles = roles;
  }

  /** A profile row before its role is read. */
  private record Row(AccountId account, String path, String name, String id, Instant created) {}

  public Optional<InstanceProfile> find(AccountId account, String name) {
    return db.read(c ->
            Sql.one(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM iam_instance_profiles WHERE account_id = ? AND name_key = ?",
                InstanceProfileRepository::map,
                account.value(),
                UserRepository.key(name)))
        .map(this::withRoles);
  }

  public List<InstanceProfile> list(AccountId account, String pathPrefix) {
    return db
        .read(c ->
            Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM iam_instance_profiles WHERE account_id = ? ORDER BY name_key",
                InstanceProfileRepository::map,
                account.value()))
        .stream()
        .filter(row -> row.path().startsWith(pathPrefix))
        .map(this::withRoles)
        .toList();
  }

  /** The profiles that hold the role. */
  public List<InstanceProfile> listForRole(AccountId account, String role) {
    List<Row> rows =
        db.read(c ->
            Sql.list(
                c,
                "SELECT p.account_id, p.name, p.instance_profile_id, p.path, p.created"
                    + " FROM iam_instance_profile_roles r JOIN iam_instance_profiles p"
                    + " ON p.account_id = r.account_id AND p.name_key = r.profile_key"
                    + " WHERE r.account_id = ? AND r.role_key = ? ORDER BY p.name_key",
                InstanceProfileRepository::map,
                account.value(),
                UserRepository.key(role)));
    return rows.stream().map(this::withRoles).toList();
  }

  /** Adds the profile; false when one of that name (in any letter case) exists. */
  public boolean insert(InstanceProfile profile) {
    return db.write(c -> {
      String key = UserRepository.key(profile.name());
      if (Sql.count(
              c,
              "SELECT COUNT(*) FROM iam_instance_profiles WHERE account_id = ? AND name_key = ?",
              profile.account().value(),
              key)
          > 0) {
        return false;
      }
      Sql.update(
          c,
          "INSERT INTO iam_instance_profiles (account_id, name_key, name, instance_profile_id,"
              + " path, created) VALUES (?, ?, ?, ?, ?, ?)",
          profile.account().value(),
          key,
          profile.name(),
          profile.instanceProfileId(),
          profile.path(),
          profile.created());
      TagRows.write(c, profile.account(), TAG_TYPE, profile.name(), profile.tags());
      return true;
    });
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
          "DELETE FROM iam_instance_profiles WHERE account_id = ? AND name_key = ?",
          account.value(),
          UserRepository.key(name));
    });
  }

  /** Puts the role in the profile; false when the profile holds a role already. */
  public boolean addRole(AccountId account, String profile, String role) {
    return db.write(c -> {
      String key = UserRepository.key(profile);
      // The profile's one role is counted, then written: one writer at a time.
      db.dialect().lock(c, "iam_instance_profile_roles/" + account.value() + "/" + key);
      if (Sql.count(
              c,
              "SELECT COUNT(*) FROM iam_instance_profile_roles WHERE account_id = ?"
                  + " AND profile_key = ?",
              account.value(),
              key)
          > 0) {
        return false;
      }
      Sql.update(
          c,
          "INSERT INTO iam_instance_profile_roles (account_id, profile_key, role_key)"
              + " VALUES (?, ?, ?)",
          account.value(),
          key,
          UserRepository.key(role));
      return true;
    });
  }

  /** Takes the role out of the profile; false when the profile does not hold it. */
  public boolean removeRole(AccountId account, String profile, String role) {
    return db.write(c ->
        Sql.update(
            c,
            "DELETE FROM iam_instance_profile_roles WHERE account_id = ? AND profile_key = ?"
                + " AND role_key = ?",
            account.value(),
            UserRepository.key(profile),
            UserRepository.key(role)))
        > 0;
  }

  private InstanceProfile withRoles(Row row) {
    List<String> roleKeys =
        db.read(c -> roleKeys(c, row.account(), UserRepository.key(row.name())));
    Map<String, String> tags = db.read(c -> TagRows.read(c, row.account(), TAG_TYPE, row.name()));
    List<Role> held = new ArrayList<>();
    for (String key : roleKeys) {
      roles.find(row.account(), key).ifPresent(held::add);
    }
    return new InstanceProfile(
        row.account(), row.path(), row.name(), row.id(), row.created(), held, tags);
  }

  private static List<String> roleKeys(Connection c, AccountId account, String profileKey)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT role_key FROM iam_instance_profile_roles WHERE account_id = ? AND profile_key = ?",
        row -> row.getString(1),
        account.value(),
        profileKey);
  }

  private static Row map(java.sql.ResultSet row) throws SQLException {
    return new Row(
        AccountId.of(row.getString("account_id")),
        row.getString("path"),
        row.getString("name"),
        row.getString("instance_profile_id"),
        Instant.ofEpochMilli(row.getLong("created")));
  }
}
