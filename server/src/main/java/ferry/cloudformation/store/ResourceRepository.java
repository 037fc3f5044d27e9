package ferry.cloudformation.store;

import ferry.cloudformation.ResourceStatus;
import ferry.cloudformation.StackResource;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The resources of the stacks (V80): one row per logical id, as the resource now is. */
public final class ResourceRepository {
  private static final String COLUMNS =
      "stack_id, logical_id, physical_id, type, status, status_reason, properties, attributes,"
          + " updated";
  private static final String SELECT =
      "SELECT s.name AS stack_name, r.stack_id, r.logical_id, r.physical_id, r.type, r.status,"
          + " r.status_reason, r.properties, r.attributes, r.updated"
          + " FROM cloudformation_resources r JOIN cloudformation_stacks s"
          + " ON s.stack_id = r.stack_id";

  private final Database db;

  public ResourceRepository(Database db) {
    this.db = db;
  }

  public void put(StackResource resource) {
    db.write(c -> {
      Sql.update(
          c,
          "DELETE FROM cloudformation_resources WHERE stack_id = ? AND logical_id = ?",
          resource.stackId(),
          resource.logicalId());
      return Sql.update(
          c,
          "INSERT INTO cloudformation_resources ("
              + COLUMNS
              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          resource.stackId(),
          resource.logicalId(),
          resource.physicalId(),
          resource.type(),
          resource.status(),
          resource.statusReason(),
          resource.properties() == null ? null : JsonColumns.write(resource.properties()),
          JsonColumns.write(resource.attributes()),
          resource.updated());
    });
  }

  public void remove(String stackId, String logicalId) {
    db.write(c ->
        Sql.update(
            c,
            "DELETE FROM cloudformation_resources WHERE stack_id = ? AND logical_id = ?",
            stackId,
            logicalId));
  }

  public List<StackResource> list(String stackId) {
    return db.read(c ->
        Sql.list(
            c,
            SELECT + " WHERE r.stack_id = ? ORDER BY r.logical_id",
            ResourceRepository::resource,
            stackId));
  }

  public Optional<StackResource> find(String stackId, String logicalId) {
    return db.read(c ->
        Sql.one(
            c,
            SELECT + " WHERE r.stack_id = ? AND r.logical_id = ?",
            ResourceRepository::resource,
            stackId,
            logicalId));
  }

  /** The resources, of any stack, with that physical id. */
  public List<StackResource> byPhysicalId(String physicalId) {
    return db.read(c ->
        Sql.list(c, SELECT + " WHERE r.physical_id = ?", ResourceRepository::resource, physicalId));
  }

  private static StackResource resource(ResultSet row) throws SQLException {
    return new StackResource(
        row.getString("stack_id"),
        row.getString("stack_name"),
        row.getString("logical_id"),
        row.getString("physical_id"),
        row.getString("type"),
        ResourceStatus.valueOf(row.getString("status")),
        row.getString("status_reason"),
        JsonColumns.object(row.getString("properties")),
        JsonColumns.map(row.getString("attributes")),
        Objects.requireNonNull(Sql.instant(row, "updated")));
  }
}
