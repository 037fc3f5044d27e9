package ferry.cloudformation.store;

import ferry.cloudformation.StackEvent;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/** The events of the stacks (V80), numbered in the order they happened. */
public final class StackEventRepository {
  private static final String COLUMNS =
      "event_id, stack_id, stack_name, logical_id, physical_id, type, status, status_reason,"
          + " properties, client_token, event_time";

  private final Database db;

  public StackEventRepository(Database db) {
    this.db = db;
  }

  public void add(StackEvent event) {
    db.write(c -> {
      long seq =
          Sql.count(
                  c,
                  "SELECT COALESCE(MAX(seq), 0) FROM cloudformation_events WHERE stack_id = ?",
                  event.stackId())
              + 1;
      return Sql.update(
          c,
          "INSERT INTO cloudformation_events (seq, "
              + COLUMNS
              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          seq,
          event.eventId(),
          event.stackId(),
          event.stackName(),
          event.logicalId(),
          event.physicalId(),
          event.type(),
          event.status(),
          event.statusReason(),
          event.properties(),
          event.clientRequestToken(),
          event.timestamp());
    });
  }

  /** A stack's events, newest first, as DescribeStackEvents lists them. */
  public List<StackEvent> list(String stackId) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT "
                + COLUMNS
                + " FROM cloudformation_events WHERE stack_id = ? ORDER BY seq DESC",
            StackEventRepository::event,
            stackId));
  }

  private static StackEvent event(ResultSet row) throws SQLException {
    return new StackEvent(
        row.getString("event_id"),
        row.getString("stack_id"),
        row.getString("stack_name"),
        row.getString("logical_id"),
        row.getString("physical_id"),
        row.getString("type"),
        Objects.requireNonNull(Sql.instant(row, "event_time")),
        row.getString("status"),
        row.getString("status_reason"),
        row.getString("properties"),
        row.getString("client_token"));
  }
}
