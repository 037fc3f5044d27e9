package ferry.cloudformation.store;

import com.fasterxml.jackson.core.type.TypeReference;
import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.cloudformation.Stack;
import ferry.cloudformation.StackOutput;
import ferry.cloudformation.StackParameter;
import ferry.cloudformation.StackStatus;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The stacks (V80), deleted ones kept. */
public final class StackRepository {
  private static final String COLUMNS =
      "stack_id, account_id, region, name, status, status_reason, template, description,"
          + " parameters, capabilities, role_arn, tags, outputs, disable_rollback, change_set_id,"
          + " created, last_updated, deleted";

  private final Database db;

  public StackRepository(Database db) {
    this.db = db;
  }

  /** Stores a new stack; false when the account already has a live stack of that name. */
  public boolean insert(Stack stack) {
    return db.write(c -> {
      long taken =
          Sql.count(
              c,
              "SELECT COUNT(*) FROM cloudformation_stacks WHERE account_id = ? AND region = ?"
                  + " AND name = ? AND status <> 'DELETE_COMPLETE'",
              stack.account().value(),
              stack.region().name(),
              stack.name());
      if (taken > 0) {
        return false;
      }
      Sql.update(
          c,
          "INSERT INTO cloudformation_stacks ("
              + COLUMNS
              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          stack.stackId(),
          stack.account().value(),
          stack.region().name(),
          stack.name(),
          stack.status(),
          stack.statusReason(),
          stack.template(),
          stack.description(),
          JsonColumns.write(stack.parameters()),
          JsonColumns.write(stack.capabilities()),
          stack.roleArn(),
          JsonColumns.write(stack.tags()),
          JsonColumns.write(stack.outputs()),
          stack.disableRollback(),
          stack.changeSetId(),
          stack.created(),
          stack.lastUpdated(),
          stack.deleted());
      return true;
    });
  }

  /** Replaces everything but the identity of a stack. */
  public void update(Stack stack) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE cloudformation_stacks SET status = ?, status_reason = ?, template = ?,"
                + " description = ?, parameters = ?, capabilities = ?, role_arn = ?, tags = ?,"
                + " outputs = ?, disable_rollback = ?, change_set_id = ?, last_updated = ?,"
                + " deleted = ? WHERE stack_id = ?",
            stack.status(),
            stack.statusReason(),
            stack.template(),
            stack.description(),
            JsonColumns.write(stack.parameters()),
            JsonColumns.write(stack.capabilities()),
            stack.roleArn(),
            JsonColumns.write(stack.tags()),
            JsonColumns.write(stack.outputs()),
            stack.disableRollback(),
            stack.changeSetId(),
            stack.lastUpdated(),
            stack.deleted(),
            stack.stackId()));
  }

  public Optional<Stack> find(String stackId) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT " + COLUMNS + " FROM cloudformation_stacks WHERE stack_id = ?",
            StackRepository::stack,
            stackId));
  }

  /** The live (not deleted) stack of that name in the account and region. */
  public Optional<Stack> findLive(AccountId account, Region region, String name) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT "
                + COLUMNS
                + " FROM cloudformation_stacks WHERE account_id = ? AND region = ? AND name = ?"
                + " AND status <> 'DELETE_COMPLETE'",
            StackRepository::stack,
            account.value(),
            region.name(),
            name));
  }

  /** Every stack of the account and region, deleted ones included, newest first. */
  public List<Stack> list(AccountId account, Region region) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT "
                + COLUMNS
                + " FROM cloudformation_stacks WHERE account_id = ? AND region = ?"
                + " ORDER BY created DESC, stack_id",
            StackRepository::stack,
            account.value(),
            region.name()));
  }

  /** Stacks whose operation was running when Ferry stopped. */
  public List<Stack> inProgress() {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT "
                + COLUMNS
                + " FROM cloudformation_stacks WHERE status LIKE '%_IN_PROGRESS'"
                + " AND status <> 'REVIEW_IN_PROGRESS'",
            StackRepository::stack));
  }

  private static Stack stack(ResultSet row) throws SQLException {
    return new Stack(
        row.getString("stack_id"),
        AccountId.of(row.getString("account_id")),
        Region.of(row.getString("region")),
        row.getString("name"),
        StackStatus.valueOf(row.getString("status")),
        row.getString("status_reason"),
        row.getString("template"),
        row.getString("description"),
        JsonColumns.read(row.getString("parameters"), new TypeReference<List<StackParameter>>() {}),
        JsonColumns.strings(row.getString("capabilities")),
        row.getString("role_arn"),
        JsonColumns.map(row.getString("tags")),
        JsonColumns.read(row.getString("outputs"), new TypeReference<List<StackOutput>>() {}),
        Sql.bool(row, "disable_rollback"),
        row.getString("change_set_id"),
        java.util.Objects.requireNonNull(Sql.instant(row, "created")),
        Sql.instant(row, "last_updated"),
        Sql.instant(row, "deleted"));
  }
}
