package ferry.cloudformation.store;

import com.fasterxml.jackson.core.type.TypeReference;
import ferry.cloudformation.ChangeSet;
import ferry.cloudformation.ResourceChange;
import ferry.cloudformation.StackParameter;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The change sets (V80). */
public final class ChangeSetRepository {
  private static final String COLUMNS =
      "change_set_id, stack_id, name, change_set_type, status, status_reason, execution_status,"
          + " description, template, parameters, capabilities, role_arn, tags, changes, created,"
          + " client_token";

  private final Database db;

  public ChangeSetRepository(Database db) {
    this.db = db;
  }

  public void put(ChangeSet changeSet) {
    db.write(c -> {
      Sql.update(
          c,
          "DELETE FROM cloudformation_change_sets WHERE change_set_id = ?",
          changeSet.changeSetId());
      return Sql.update(
          c,
          "INSERT INTO cloudformation_change_sets ("
              + COLUMNS
              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          changeSet.changeSetId(),
          changeSet.stackId(),
          changeSet.name(),
          changeSet.type(),
          changeSet.status(),
          changeSet.statusReason(),
          changeSet.executionStatus(),
          changeSet.description(),
          changeSet.template(),
          JsonColumns.write(changeSet.parameters()),
          JsonColumns.write(changeSet.capabilities()),
          changeSet.roleArn(),
          JsonColumns.write(changeSet.tags()),
          JsonColumns.write(changeSet.changes()),
          changeSet.created(),
          changeSet.clientToken());
    });
  }

  public void delete(String changeSetId) {
    db.write(c ->
        Sql.update(
            c, "DELETE FROM cloudformation_change_sets WHERE change_set_id = ?", changeSetId));
  }

  /** Removes every change set of a stack (after one of them was executed, or the stack deleted). */
  public void deleteAll(String stackId) {
    db.write(
        c -> Sql.update(c, "DELETE FROM cloudformation_change_sets WHERE stack_id = ?", stackId));
  }

  public Optional<ChangeSet> find(String changeSetId) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT s.name AS stack_name, "
                + prefixed()
                + " FROM cloudformation_change_sets cs JOIN cloudformation_stacks s"
                + " ON s.stack_id = cs.stack_id WHERE cs.change_set_id = ?",
            ChangeSetRepository::changeSet,
            changeSetId));
  }

  public Optional<ChangeSet> findByName(String stackId, String name) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT s.name AS stack_name, "
                + prefixed()
                + " FROM cloudformation_change_sets cs JOIN cloudformation_stacks s"
                + " ON s.stack_id = cs.stack_id WHERE cs.stack_id = ? AND cs.name = ?",
            ChangeSetRepository::changeSet,
            stackId,
            name));
  }

  public List<ChangeSet> list(String stackId) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT s.name AS stack_name, "
                + prefixed()
                + " FROM cloudformation_change_sets cs JOIN cloudformation_stacks s"
                + " ON s.stack_id = cs.stack_id WHERE cs.stack_id = ? ORDER BY cs.created",
            ChangeSetRepository::changeSet,
            stackId));
  }

  private static String prefixed() {
    return "cs." + COLUMNS.replace(", ", ", cs.");
  }

  private static ChangeSet changeSet(ResultSet row) throws SQLException {
    return new ChangeSet(
        row.getString("change_set_id"),
        row.getString("stack_id"),
        row.getString("stack_name"),
        row.getString("name"),
        row.getString("change_set_type"),
        row.getString("status"),
        row.getString("status_reason"),
        row.getString("execution_status"),
        row.getString("description"),
        row.getString("template"),
        JsonColumns.read(row.getString("parameters"), new TypeReference<List<StackParameter>>() {}),
        JsonColumns.strings(row.getString("capabilities")),
        row.getString("role_arn"),
        JsonColumns.map(row.getString("tags")),
        JsonColumns.read(row.getString("changes"), new TypeReference<List<ResourceChange>>() {}),
        Objects.requireNonNull(Sql.instant(row, "created")),
        row.getString("client_token"));
  }
}
