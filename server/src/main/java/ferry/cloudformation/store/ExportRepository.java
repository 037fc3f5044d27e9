package ferry.cloudformation.store;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.cloudformation.StackExport;
import ferry.store.Database;
import ferry.store.Sql;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Exports (unique per account and region) and the stacks importing them (V80). */
public final class ExportRepository {
  private final Database db;

  public ExportRepository(Database db) {
    this.db = db;
  }

  /**
   * Replaces the exports of a stack with {@code exports}; returns the name of one already exported
   * by another stack instead (and changes nothing).
   */
  public Optional<String> replaceExports(
      AccountId account, Region region, String stackId, Map<String, String> exports) {
    return db.write(c -> {
      for (String name : exports.keySet()) {
        long taken =
            Sql.count(
                c,
                "SELECT COUNT(*) FROM cloudformation_exports WHERE account_id = ? AND region = ?"
                    + " AND name = ? AND stack_id <> ?",
                account.value(),
                region.name(),
                name,
                stackId);
        if (taken > 0) {
          return Optional.of(name);
        }
      }
      Sql.update(c, "DELETE FROM cloudformation_exports WHERE stack_id = ?", stackId);
      for (Map.Entry<String, String> export : exports.entrySet()) {
        Sql.update(
            c,
            "INSERT INTO cloudformation_exports (account_id, region, name, value, stack_id)"
                + " VALUES (?, ?, ?, ?, ?)",
            account.value(),
            region.name(),
            export.getKey(),
            export.getValue(),
            stackId);
      }
      return Optional.<String>empty();
    });
  }

  /** The names another stack exports already, of those given. */
  public List<String> takenByOthers(
      AccountId account, Region region, String stackId, List<String> names) {
    return names.stream()
        .filter(name ->
            find(account, region, name)
                .filter(e -> !e.exportingStackId().equals(stackId))
                .isPresent())
        .toList();
  }

  public Optional<StackExport> find(AccountId account, Region region, String name) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT name, value, stack_id FROM cloudformation_exports WHERE account_id = ?"
                + " AND region = ? AND name = ?",
            row ->
                new StackExport(
                    row.getString("name"), row.getString("value"), row.getString("stack_id")),
            account.value(),
            region.name(),
            name));
  }

  public List<StackExport> list(AccountId account, Region region) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT name, value, stack_id FROM cloudformation_exports WHERE account_id = ?"
                + " AND region = ? ORDER BY name",
            row ->
                new StackExport(
                    row.getString("name"), row.getString("value"), row.getString("stack_id")),
            account.value(),
            region.name()));
  }

  /** Records the exports a stack imports, replacing what it imported before. */
  public void replaceImports(
      AccountId account, Region region, String stackId, String stackName, List<String> names) {
    db.write(c -> {
      Sql.update(c, "DELETE FROM cloudformation_imports WHERE stack_id = ?", stackId);
      for (String name : names) {
        Sql.update(
            c,
            "INSERT INTO cloudformation_imports (account_id, region, name, stack_id, stack_name)"
                + " VALUES (?, ?, ?, ?, ?)",
            account.value(),
            region.name(),
            name,
            stackId,
            stackName);
      }
      return null;
    });
  }

  /** The names of the stacks importing an export. */
  public List<String> importers(AccountId account, Region region, String name) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT stack_name FROM cloudformation_imports WHERE account_id = ? AND region = ?"
                + " AND name = ? ORDER BY stack_name",
            row -> row.getString("stack_name"),
            account.value(),
            region.name(),
            name));
  }
}
