package ferry.ssm.store;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.ssm.Parameter;
import ferry.ssm.ParameterType;
import ferry.ssm.Tag;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Parameter versions (V90) and parameter tags (V91). */
public final class ParameterRepository {
  private static final String COLUMNS =
      "account_id, region, name, version, type, value, key_id, description, allowed_pattern, tier,"
          + " data_type, modified_at, modified_user";

  private static final String LATEST =
      " AND version = (SELECT MAX(q.version) FROM ssm_parameters q WHERE q.account_id ="
          + " ssm_parameters.account_id AND q.region = ssm_parameters.region AND q.name ="
          + " ssm_parameters.name)";

  private final Database db;

  public ParameterRepository(Database db) {
    this.db = db;
  }

  /**
   * Stores a new version, and the tags of a new parameter, if the newest version is still {@code
   * expectedLatest} (null: there is none); false otherwise. Versions more than {@code keep} behind
   * the new one are dropped, as AWS keeps only the last 100.
   */
  public boolean insert(
      Parameter parameter, @Nullable Long expectedLatest, List<Tag> tags, int keep) {
    return db.write(c -> {
      Long latest = latestVersion(c, parameter.account(), parameter.region(), parameter.name());
      if (!Objects.equals(latest, expectedLatest)) {
        return false;
      }
      Sql.update(
          c,
          "INSERT INTO ssm_parameters ("
              + COLUMNS
              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          parameter.account().value(),
          parameter.region().name(),
          parameter.name(),
          parameter.version(),
          parameter.type().wireName(),
          parameter.value(),
          parameter.keyId(),
          parameter.description(),
          parameter.allowedPattern(),
          parameter.tier(),
          parameter.dataType(),
          parameter.lastModified(),
          parameter.lastModifiedUser());
      Sql.update(
          c,
          "DELETE FROM ssm_parameters WHERE account_id = ? AND region = ? AND name = ?"
              + " AND version <= ?",
          parameter.account().value(),
          parameter.region().name(),
          parameter.name(),
          parameter.version() - keep);
      if (latest == null) {
        putTags(c, parameter.account(), parameter.region(), parameter.name(), tags);
      }
      return true;
    });
  }

  public Optional<Parameter> latest(AccountId account, Region region, String name) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT "
                + COLUMNS
                + " FROM ssm_parameters WHERE account_id = ? AND region = ? AND name = ?"
                + LATEST,
            ParameterRepository::parameter,
            account.value(),
            region.name(),
            name));
  }

  public Optional<Parameter> version(AccountId account, Region region, String name, long version) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT "
                + COLUMNS
                + " FROM ssm_parameters WHERE account_id = ? AND region = ? AND name = ?"
                + " AND version = ?",
            ParameterRepository::parameter,
            account.value(),
            region.name(),
            name,
            version));
  }

  /** Every stored version of a parameter, oldest first. */
  public List<Parameter> versions(AccountId account, Region region, String name) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT "
                + COLUMNS
                + " FROM ssm_parameters WHERE account_id = ? AND region = ? AND name = ?"
                + " ORDER BY version",
            ParameterRepository::parameter,
            account.value(),
            region.name(),
            name));
  }

  /** The newest version of every parameter whose name starts with {@code prefix}, by name. */
  public List<Parameter> latestUnder(AccountId account, Region region, String prefix) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT "
                + COLUMNS
                + " FROM ssm_parameters WHERE account_id = ? AND region = ?"
                + " AND SUBSTR(name, 1, ?) = ?"
                + LATEST
                + " ORDER BY name",
            ParameterRepository::parameter,
            account.value(),
            region.name(),
            prefix.length(),
            prefix));
  }

  /** Deletes every version of the parameter and its tags; false when there was none. */
  public boolean delete(AccountId account, Region region, String name) {
    return db.write(c -> {
      int deleted =
          Sql.update(
              c,
              "DELETE FROM ssm_parameters WHERE account_id = ? AND region = ? AND name = ?",
              account.value(),
              region.name(),
              name);
      Sql.update(
          c,
          "DELETE FROM ssm_parameter_tags WHERE account_id = ? AND region = ? AND name = ?",
          account.value(),
          region.name(),
          name);
      return deleted > 0;
    });
  }

  public List<Tag> tags(AccountId account, Region region, String name) {
    return db.read(c -> tags(c, account, region, name));
  }

  private static List<Tag> tags(Connection c, AccountId account, Region region, String name)
      throws SQLException {
    return Sql.list(
        c,
        "SELECT tag_key, tag_value FROM ssm_parameter_tags WHERE account_id = ? AND region = ?"
            + " AND name = ? ORDER BY tag_key",
        row -> new Tag(row.getString("tag_key"), row.getString("tag_value")),
        account.value(),
        region.name(),
        name);
  }

  /** What {@link #addTags} did. */
  public enum TagOutcome {
    ADDED,
    NO_PARAMETER,
    TOO_MANY
  }

  /** Adds or replaces tags of an existing parameter, unless it would then have more than max. */
  public TagOutcome addTags(
      AccountId account, Region region, String name, List<Tag> tags, int max) {
    return db.write(c -> {
      // Another writer's tags must be counted too: one writer at a time, per parameter.
      db.dialect()
          .lock(c, "ssm_parameter_tags/" + account.value() + "/" + region.name() + "/" + name);
      if (latestVersion(c, account, region, name) == null) {
        return TagOutcome.NO_PARAMETER;
      }
      Set<String> keys = new HashSet<>();
      tags.forEach(tag -> keys.add(tag.key()));
      for (Tag existing : tags(c, account, region, name)) {
        keys.add(existing.key());
      }
      if (keys.size() > max) {
        return TagOutcome.TOO_MANY;
      }
      putTags(c, account, region, name, tags);
      return TagOutcome.ADDED;
    });
  }

  public void removeTags(AccountId account, Region region, String name, Collection<String> keys) {
    db.write(c -> {
      for (String key : keys) {
        Sql.update(
            c,
            "DELETE FROM ssm_parameter_tags WHERE account_id = ? AND region = ? AND name = ?"
                + " AND tag_key = ?",
            account.value(),
            region.name(),
            name,
            key);
      }
      return null;
    });
  }

  private static void putTags(
      Connection c, AccountId account, Region region, String name, List<Tag> tags)
      throws SQLException {
    for (Tag tag : tags) {
      Sql.update(
          c,
          "DELETE FROM ssm_parameter_tags WHERE account_id = ? AND region = ? AND name = ?"
              + " AND tag_key = ?",
          account.value(),
          region.name(),
          name,
          tag.key());
      Sql.update(
          c,
          "INSERT INTO ssm_parameter_tags (account_id, region, name, tag_key, tag_value)"
              + " VALUES (?, ?, ?, ?, ?)",
          account.value(),
          region.name(),
          name,
          tag.key(),
          tag.value());
    }
  }

  private static @Nullable Long latestVersion(
      Connection c, AccountId account, Region region, String name) throws SQLException {
    long count =
        Sql.count(
            c,
            "SELECT COUNT(*) FROM ssm_parameters WHERE account_id = ? AND region = ? AND name = ?",
            account.value(),
            region.name(),
            name);
    if (count == 0) {
      return null;
    }
    return Sql.count(
        c,
        "SELECT MAX(version) FROM ssm_parameters WHERE account_id = ? AND region = ? AND name = ?",
        account.value(),
        region.name(),
        name);
  }

  private static Parameter parameter(ResultSet row) throws SQLException {
    return new Parameter(
        AccountId.of(row.getString("account_id")),
        Region.of(row.getString("region")),
        row.getString("name"),
        row.getLong("version"),
        ParameterType.of(row.getString("type")),
        row.getString("value"),
        row.getString("key_id"),
        row.getString("description"),
        row.getString("allowed_pattern"),
        row.getString("tier"),
        row.getString("data_type"),
        Objects.requireNonNull(Sql.instant(row, "modified_at")),
        row.getString("modified_user"));
  }
}
