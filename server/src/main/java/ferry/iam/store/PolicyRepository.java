package ferry.iam.store;

import ferry.aws.AccountId;
import ferry.iam.ManagedPolicy;
import ferry.iam.PolicyVersion;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Customer managed policies and their versions. */
public final class PolicyRepository {
  private static final String SELECT =
      "SELECT p.account_id, p.name, p.policy_id, p.path, p.description, p.default_version,"
          + " p.created, p.updated,"
          + " (SELECT COUNT(*) FROM iam_attachments a WHERE a.policy_arn = p.arn) AS attachments,"
          + " (SELECT COUNT(*) FROM iam_users u WHERE u.permissions_boundary = p.arn)"
          + " + (SELECT COUNT(*) FROM iam_roles r WHERE r.permissions_boundary = p.arn)"
          + " AS boundary_uses"
          + " FROM iam_policies p";
  private static final String VERSION_COLUMNS =
      "v.version_id, v.document, v.created,"
          + " CASE WHEN v.version_id = p.default_version THEN 1 ELSE 0 END AS is_default";

  /** The entity type of a managed policy's tags in iam_tags. */
  public static final String TAG_TYPE = "policy";

  private final Database db;

  public PolicyRepository(Database db) {
    this.db = db;
  }

  public Optional<ManagedPolicy> findByArn(String arn) {
    return db.read(c -> {
      Optional<ManagedPolicy> policy =
          Sql.one(c, SELECT + " WHERE p.arn = ?", PolicyRepository::map, arn);
      if (policy.isEmpty()) {
        return policy;
      }
      ManagedPolicy found = policy.get();
      return Optional.of(found.withTags(TagRows.read(c, found.account(), TAG_TYPE, found.name())));
    });
  }

  public List<ManagedPolicy> list(AccountId account, String pathPrefix, boolean onlyAttached) {
    return db.read(c -> {
      Map<String, Map<String, String>> tags = TagRows.readAll(c, account, TAG_TYPE);
      return Sql.list(
              c,
              SELECT + " WHERE p.account_id = ? ORDER BY p.name_key",
              PolicyRepository::map,
              account.value())
          .stream()
          .filter(p -> p.path().startsWith(pathPrefix))
          .filter(p -> !onlyAttached || p.attachmentCount() > 0)
          .map(p -> p.withTags(tags.getOrDefault(UserRepository.key(p.name()), Map.of())))
          .toList();
    });
  }

  /** Adds the policy with its document as version v1; false when the name is taken. */
  public boolean insert(ManagedPolicy policy, String document) {
    return db.write(c -> {
      if (Sql.count(
              c,
              "SELECT COUNT(*) FROM iam_policies WHERE account_id = ? AND name_key = ?",
              policy.account().value(),
              UserRepository.key(policy.name()))
          > 0) {
        return false;
      }
      Sql.update(
          c,
          "INSERT INTO iam_policies (account_id, name_key, name, policy_id, path, arn, description,"
              + " default_version, next_version, created, updated)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          policy.account().value(),
          UserRepository.key(policy.name()),
          policy.name(),
          policy.policyId(),
          policy.path(),
          policy.arn(),
          policy.description(),
          "v1",
          2,
          policy.created(),
          policy.updated());
      TagRows.write(c, policy.account(), TAG_TYPE, policy.name(), policy.tags());
      Sql.update(
          c,
          "INSERT INTO iam_policy_versions (policy_arn, version_id, seq, document, created)"
              + " VALUES (?, ?, ?, ?, ?)",
          policy.arn(),
          "v1",
          1,
          document,
          policy.created());
      return true;
    });
  }

  /** Newest first, as ListPolicyVersions returns them. */
  public List<PolicyVersion> versions(String arn) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT "
                + VERSION_COLUMNS
                + " FROM iam_policy_versions v JOIN iam_policies p ON p.arn = v.policy_arn"
                + " WHERE v.policy_arn = ? ORDER BY v.seq DESC",
            PolicyRepository::mapVersion,
            arn));
  }

  public Optional<PolicyVersion> version(String arn, String versionId) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT "
                + VERSION_COLUMNS
                + " FROM iam_policy_versions v JOIN iam_policies p ON p.arn = v.policy_arn"
                + " WHERE v.policy_arn = ? AND v.version_id = ?",
            PolicyRepository::mapVersion,
            arn,
            versionId));
  }

  /** The document of the default version, what the policy grants now. */
  public Optional<String> defaultDocument(String arn) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT v.document FROM iam_policy_versions v JOIN iam_policies p"
                + " ON p.arn = v.policy_arn AND v.version_id = p.default_version WHERE p.arn = ?",
            row -> row.getString(1),
            arn));
  }

  /** Adds a version unless the policy already has {@code limit} of them; empty when it has. */
  public Optional<PolicyVersion> addVersion(
      String arn, String document, boolean setAsDefault, int limit, Instant now) {
    return db.write(c -> {
      // The count against the limit and the next version are read, then written: one writer at a
      // time, so two versions created at once on two nodes cannot pass the limit together.
      db.dialect().lock(c, "iam_policy_versions/" + arn);
      if (Sql.count(c, "SELECT COUNT(*) FROM iam_policy_versions WHERE policy_arn = ?", arn)
          >= limit) {
        return Optional.<PolicyVersion>empty();
      }
      long next = Sql.count(c, "SELECT next_version FROM iam_policies WHERE arn = ?", arn);
      String versionId = "v" + next;
      Sql.update(
          c,
          "INSERT INTO iam_policy_versions (policy_arn, version_id, seq, document, created)"
              + " VALUES (?, ?, ?, ?, ?)",
          arn,
          versionId,
          next,
          document,
          now);
      Sql.update(
          c,
          "UPDATE iam_policies SET next_version = ?, updated = ?"
              + (setAsDefault ? ", default_version = '" + versionId + "'" : "")
              + " WHERE arn = ?",
          next + 1,
          now,
          arn);
      return Optional.of(new PolicyVersion(versionId, document, setAsDefault, now));
    });
  }

  public void setDefaultVersion(String arn, String versionId, Instant now) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE iam_policies SET default_version = ?, updated = ? WHERE arn = ?",
            versionId,
            now,
            arn));
  }

  public void deleteVersion(String arn, String versionId) {
    db.write(c ->
        Sql.update(
            c,
            "DELETE FROM iam_policy_versions WHERE policy_arn = ? AND version_id = ?",
            arn,
            versionId));
  }

  /** Replaces the tags with what {@code change} makes of the stored ones, one writer at a time. */
  public void changeTags(ManagedPolicy policy, UnaryOperator<Map<String, String>> change) {
    TagRows.change(db, policy.account(), TAG_TYPE, policy.name(), change);
  }

  public void delete(ManagedPolicy policy) {
    String arn = policy.arn();
    db.write(c -> {
      TagRows.delete(c, policy.account(), TAG_TYPE, policy.name());
      Sql.update(c, "DELETE FROM iam_policy_versions WHERE policy_arn = ?", arn);
      return Sql.update(c, "DELETE FROM iam_policies WHERE arn = ?", arn);
    });
  }

  private static ManagedPolicy map(ResultSet row) throws SQLException {
    return new ManagedPolicy(
        AccountId.of(row.getString("account_id")),
        row.getString("path"),
        row.getString("name"),
        row.getString("policy_id"),
        row.getString("description"),
        row.getString("default_version"),
        row.getInt("attachments"),
        row.getInt("boundary_uses"),
        Instant.ofEpochMilli(row.getLong("created")),
        Instant.ofEpochMilli(row.getLong("updated")));
  }

  private static PolicyVersion mapVersion(ResultSet row) throws SQLException {
    return new PolicyVersion(
        row.getString("version_id"),
        row.getString("document"),
        row.getInt("is_default") != 0,
        Instant.ofEpochMilli(row.getLong("created")));
  }
}
