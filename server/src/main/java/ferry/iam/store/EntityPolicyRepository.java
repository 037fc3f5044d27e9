package ferry.iam.store;

import ferry.aws.AccountId;
import ferry.iam.AttachedPolicy;
import ferry.iam.EntityKind;
import ferry.iam.InlinePolicy;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** The policies of users and roles: attached managed policies and inline policies. */
public final class EntityPolicyRepository {
  private final Database db;

  public EntityPolicyRepository(Database db) {
    this.db = db;
  }

  /** Attached policies in the order they were attached. */
  public List<AttachedPolicy> attached(AccountId account, EntityKind kind, String entity) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT p.name, a.policy_arn FROM iam_attachments a JOIN iam_policies p"
                + " ON p.arn = a.policy_arn WHERE a.account_id = ? AND a.entity_type = ?"
                + " AND a.entity_key = ? ORDER BY a.seq",
            row -> new AttachedPolicy(row.getString(1), row.getString(2)),
            account.value(),
            kind.word(),
            UserRepository.key(entity)));
  }

  /** The lower-case names of the entities of one kind the policy is attached to. */
  public Set<String> attachedTo(AccountId account, EntityKind kind, String policyArn) {
    return Set.copyOf(
        db.read(c ->
            Sql.list(
                c,
                "SELECT entity_key FROM iam_attachments WHERE account_id = ? AND entity_type = ?"
                    + " AND policy_arn = ?",
                row -> row.getString(1),
                account.value(),
                kind.word(),
                policyArn)));
  }

  /** The attached policies' ARNs with the documents of their default versions, in one query. */
  public List<InlinePolicy> attachedDocuments(AccountId account, EntityKind kind, String entity) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT a.policy_arn, v.document FROM iam_attachments a"
                + " JOIN iam_policies p ON p.arn = a.policy_arn"
                + " JOIN iam_policy_versions v ON v.policy_arn = p.arn"
                + " AND v.version_id = p.default_version"
                + " WHERE a.account_id = ? AND a.entity_type = ? AND a.entity_key = ? ORDER BY a.seq",
            row -> new InlinePolicy(row.getString(1), row.getString(2)),
            account.value(),
            kind.word(),
            UserRepository.key(entity)));
  }

  /**
   * Attaches the policy unless it is attached already or the entity has {@code limit} policies;
   * false when the limit stops it.
   */
  public boolean attach(
      AccountId account, EntityKind kind, String entity, String policyArn, int limit) {
    return db.write(c -> {
      // The count against the limit and the next seq are read, then written: one writer at a time.
      db.dialect().lock(c, "iam_attachments/" + account.value());
      String key = UserRepository.key(entity);
      Object[] where = {account.value(), kind.word(), key};
      if (Sql.count(
              c,
              "SELECT COUNT(*) FROM iam_attachments WHERE account_id = ? AND entity_type = ?"
                  + " AND entity_key = ? AND policy_arn = ?",
              account.value(),
              kind.word(),
              key,
              policyArn)
          > 0) {
        return true;
      }
      long count =
          Sql.count(
              c,
              "SELECT COUNT(*) FROM iam_attachments WHERE account_id = ? AND entity_type = ?"
                  + " AND entity_key = ?",
              where);
      if (count >= limit) {
        return false;
      }
      long seq =
          Sql.count(
              c,
              "SELECT COALESCE(MAX(seq), 0) + 1 FROM iam_attachments WHERE account_id = ?"
                  + " AND entity_type = ? AND entity_key = ?",
              where);
      Sql.update(
          c,
          "INSERT INTO iam_attachments (account_id, entity_type, entity_key, policy_arn, seq)"
              + " VALUES (?, ?, ?, ?, ?)",
          account.value(),
          kind.word(),
          key,
          policyArn,
          seq);
      return true;
    });
  }

  /** Detaches the policy; false when it was not attached. */
  public boolean detach(AccountId account, EntityKind kind, String entity, String policyArn) {
    return db.write(c ->
        Sql.update(
            c,
            "DELETE FROM iam_attachments WHERE account_id = ? AND entity_type = ?"
                + " AND entity_key = ? AND policy_arn = ?",
            account.value(),
            kind.word(),
            UserRepository.key(entity),
            policyArn))
        > 0;
  }

  public List<InlinePolicy> inline(AccountId account, EntityKind kind, String entity) {
    return db.read(c -> inline(c, account, kind, entity));
  }

  private static List<InlinePolicy> inline(
      Connection c, AccountId account, EntityKind kind, String entity) throws SQLException {
    return Sql.list(
        c,
        "SELECT policy_name, document FROM iam_inline_policies WHERE account_id = ?"
            + " AND entity_type = ? AND entity_key = ? ORDER BY policy_name",
        row -> new InlinePolicy(row.getString(1), row.getString(2)),
        account.value(),
        kind.word(),
        UserRepository.key(entity));
  }

  public Optional<InlinePolicy> inline(
      AccountId account, EntityKind kind, String entity, String policyName) {
    return inline(account, kind, entity).stream()
        .filter(p -> p.name().equals(policyName))
        .findFirst();
  }

  /**
   * Adds or replaces an inline policy if {@code fits} accepts the entity's inline policies as
   * stored; false, storing nothing, when it does not. The check and the write are one writer's at a
   * time, so racing puts cannot together pass the entity's aggregate size.
   */
  public boolean putInline(
      AccountId account,
      EntityKind kind,
      String entity,
      InlinePolicy policy,
      Predicate<List<InlinePolicy>> fits) {
    return db.write(c -> {
      db.dialect()
          .lock(
              c,
              "iam_inline_policies/"
                  + account.value()
                  + "/"
                  + kind.word()
                  + "/"
                  + UserRepository.key(entity));
      if (!fits.test(inline(c, account, kind, entity))) {
        return false;
      }
      Object[] key = {account.value(), kind.word(), UserRepository.key(entity), policy.name()};
      Sql.update(
          c,
          "DELETE FROM iam_inline_policies WHERE account_id = ? AND entity_type = ?"
              + " AND entity_key = ? AND policy_name = ?",
          key);
      Sql.update(
          c,
          "INSERT INTO iam_inline_policies (account_id, entity_type, entity_key, policy_name,"
              + " document) VALUES (?, ?, ?, ?, ?)",
          account.value(),
          kind.word(),
          UserRepository.key(entity),
          policy.name(),
          policy.document());
      return true;
    });
  }

  /** Deletes an inline policy; false when there was none of that name. */
  public boolean deleteInline(AccountId account, EntityKind kind, String entity, String name) {
    return db.write(c ->
        Sql.update(
            c,
            "DELETE FROM iam_inline_policies WHERE account_id = ? AND entity_type = ?"
                + " AND entity_key = ? AND policy_name = ?",
            account.value(),
            kind.word(),
            UserRepository.key(entity),
            name))
        > 0;
  }
}
