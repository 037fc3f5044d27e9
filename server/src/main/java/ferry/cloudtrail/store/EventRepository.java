package ferry.cloudtrail.store;

import ferry.cloudtrail.ActionUse;
import ferry.cloudtrail.TrailEvent;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The event history: events per account, newest first, by the attribute LookupEvents names. */
public final class EventRepository {
  /** A filter on one lookup attribute; {@code column} is one of the indexed columns. */
  public record Filter(String column, String value) {}

  /** Where a page ends: the last event returned, in the order events are listed. */
  public record Cursor(Instant time, String eventId) {}

  /**
   * Where a journal's entries have been written as events up to: a file and a byte offset in it.
   */
  public record JournalPosition(long file, long offset) {}

  private final Database db;
  private final PendingEvents pending;

  public EventRepository(Database db) {
    this(db, PendingEvents.NONE);
  }

  /**
   * @param pending what readers wait for, so that they see every recorded call's events
   */
  public EventRepository(Database db, PendingEvents pending) {
    this.db = db;
    this.pending = pending;
  }

  /** Stores events; returns once they are durable, so the answer they record may be sent. */
  public void insert(List<TrailEvent> events) {
    insert(events, List.of());
  }

  /**
   * Stores events and the allowed accesses of their calls, in one write that survives Ferry being
   * killed once this returns (and a power loss once the next synced commit is made).
   */
  public void insert(List<TrailEvent> events, List<ActionUse> uses) {
    if (events.isEmpty() && uses.isEmpty()) {
      return;
    }
    db.writeCrashSafe(c -> {
      insert(c, events);
      insertUses(c, uses);
      return null;
    });
  }

  /**
   * Stores the events and allowed accesses built from a journal's entries and moves the journal's
   * position past them, in one transaction: either both or neither survive a crash. The commit is
   * not waited to be fsynced (the journal keeps the entries until then).
   */
  public void insertFromJournal(
      List<TrailEvent> events, List<ActionUse> uses, String journalId, JournalPosition through) {
    db.writeCrashSafe(c -> {
      insert(c, events);
      insertUses(c, uses);
      Sql.update(
          c,
          "UPDATE cloudtrail_journal SET file_number = ?, file_offset = ? WHERE journal_id = ?",
          through.file(),
          through.offset(),
          journalId);
      return null;
    });
  }

  /** How far the journal's entries are events; a new journal starts at file 0, offset 0. */
  public JournalPosition journalPosition(String journalId) {
    return db.write(c -> {
      var found =
          Sql.one(
              c,
              "SELECT file_number, file_offset FROM cloudtrail_journal WHERE journal_id = ?",
              row -> new JournalPosition(row.getLong("file_number"), row.getLong("file_offset")),
              journalId);
      if (found.isPresent()) {
        return found.get();
      }
      Sql.update(
          c,
          "INSERT INTO cloudtrail_journal (journal_id, file_number, file_offset) VALUES (?, 0, 0)",
          journalId);
      return new JournalPosition(0, 0);
    });
  }

  /** Forgets the position of a journal whose folder is gone. */
  public void forgetJournal(String journalId) {
    db.write(c -> Sql.update(c, "DELETE FROM cloudtrail_journal WHERE journal_id = ?", journalId));
  }

  private static void insertUses(Connection c, List<ActionUse> uses) throws SQLException {
    if (uses.isEmpty()) {
      return;
    }
    try (PreparedStatement use =
        c.prepareStatement(
            "INSERT INTO cloudtrail_action_uses (account_id, principal_arn, event_id, event_time,"
                + " action, resource, invoked_by) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (ActionUse u : uses) {
        use.setString(1, u.accountId());
        use.setString(2, u.principalArn());
        use.setString(3, u.eventId());
        use.setLong(4, u.time().toEpochMilli());
        use.setString(5, u.action());
        use.setString(6, u.resource());
        use.setString(7, u.invokedBy());
        use.addBatch();
      }
      use.executeBatch();
    }
  }

  /**
   * The allowed accesses of the entity {@code principalArn} (a user, or a role for all its
   * sessions) in its account between {@code start} and {@code end} (inclusive), oldest first.
   */
  public List<ActionUse> uses(String account, String principalArn, Instant start, Instant end) {
    pending.settle();
    return db.read(c ->
        Sql.list(
            c,
            "SELECT account_id, principal_arn, event_id, event_time, action, resource, invoked_by"
                + " FROM cloudtrail_action_uses WHERE account_id = ? AND principal_arn = ?"
                + " AND event_time BETWEEN ? AND ? ORDER BY event_time, event_id",
            row ->
                new ActionUse(
                    row.getString("account_id"),
                    row.getString("principal_arn"),
                    row.getString("event_id"),
                    Instant.ofEpochMilli(row.getLong("event_time")),
                    row.getString("action"),
                    row.getString("resource"),
                    row.getString("invoked_by")),
            account,
            principalArn,
            start.toEpochMilli(),
            end.toEpochMilli()));
  }

  private static void insert(Connection c, List<TrailEvent> events) throws SQLException {
    try (PreparedStatement event =
            c.prepareStatement(
                "INSERT INTO cloudtrail_events (account_id, event_id, event_time, event_name,"
                    + " event_source, read_only, username, access_key_id, record)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement resource =
            c.prepareStatement(
                "INSERT INTO cloudtrail_event_resources (account_id, event_id, event_time,"
                    + " resource_type, resource_name) VALUES (?, ?, ?, ?, ?)")) {
      for (TrailEvent e : events) {
        event.setString(1, e.accountId());
        event.setString(2, e.eventId());
        event.setLong(3, e.eventTime().toEpochMilli());
        event.setString(4, e.eventName());
        event.setString(5, e.eventSource());
        event.setString(6, Boolean.toString(e.readOnly()));
        event.setString(7, e.username());
        event.setString(8, e.accessKeyId());
        event.setString(9, e.record());
        event.addBatch();
        for (TrailEvent.Resource r : e.resources()) {
          resource.setString(1, e.accountId());
          resource.setString(2, e.eventId());
          resource.setLong(3, e.eventTime().toEpochMilli());
          resource.setString(4, r.type());
          resource.setString(5, r.name());
          resource.addBatch();
        }
      }
      event.executeBatch();
      resource.executeBatch();
    }
  }

  /**
   * Up to {@code limit} events of the account between {@code start} and {@code end} (inclusive),
   * newest first, after {@code after}.
   */
  public List<TrailEvent> find(
      String account,
      @Nullable Filter filter,
      Instant start,
      Instant end,
      @Nullable Cursor after,
      int limit) {
    boolean byResource = filter != null && filter.column().startsWith("resource_");
    // Newest first through the index of the attribute (or of the time), stopping at the limit: a
    // resource lookup walks the resource rows in time order and joins each to its event.
    String t = byResource ? "r" : "e";
    StringBuilder sql =
        new StringBuilder(
            "SELECT e.account_id, e.event_id, e.event_time, e.event_name, e.event_source,"
                + " e.read_only, e.username, e.access_key_id, e.record FROM ");
    List<Object> args = new ArrayList<>();
    if (byResource) {
      sql.append(
              "cloudtrail_event_resources r JOIN cloudtrail_events e ON e.account_id = r.account_id"
                  + " AND e.event_id = r.event_id WHERE r.account_id = ? AND r.")
          .append(filter.column())
          .append(" = ?");
      args.add(account);
      args.add(filter.value());
      if (filter.column().equals("resource_type")) {
        // A resource has a row by its ARN and may have one by its short name; the type is
        // looked up by the ARN's row only, so no event is listed twice.
        sql.append(" AND r.resource_name LIKE 'arn:%'");
      }
    } else {
      sql.append("cloudtrail_events e WHERE e.account_id = ?");
      args.add(account);
      if (filter != null) {
        sql.append(" AND e.").append(filter.column()).append(" = ?");
        args.add(filter.value());
      }
    }
    sql.append(" AND ").append(t).append(".event_time BETWEEN ? AND ?");
    args.add(start.toEpochMilli());
    args.add(end.toEpochMilli());
    if (after != null) {
      sql.append(" AND (")
          .append(t)
          .append(".event_time < ? OR (")
          .append(t)
          .append(".event_time = ? AND ")
          .append(t)
          .append(".event_id < ?))");
      args.add(after.time().toEpochMilli());
      args.add(after.time().toEpochMilli());
      args.add(after.eventId());
    }
    // The event id only breaks ties of time; as an expression it keeps the time index, which
    // orders by both, from looking cheaper than the attribute's index, which orders by time.
    sql.append(" ORDER BY ")
        .append(t)
        .append(".event_time DESC, ")
        .append(t)
        .append(".event_id || '' DESC LIMIT ?");
    args.add(limit);
    pending.settle();
    return db.read(c ->
        Sql.list(
            c,
            sql.toString(),
            row ->
                new TrailEvent(
                    row.getString("account_id"),
                    row.getString("event_id"),
                    Instant.ofEpochMilli(row.getLong("event_time")),
                    row.getString("event_name"),
                    row.getString("event_source"),
                    Boolean.parseBoolean(row.getString("read_only")),
                    row.getString("username"),
                    row.getString("access_key_id"),
                    List.of(),
                    row.getString("record")),
            args.toArray()));
  }

  /** Removes the events older than {@code cutoff}; returns how many. */
  public int sweep(Instant cutoff) {
    return db.write(c -> {
      Sql.update(
          c, "DELETE FROM cloudtrail_action_uses WHERE event_time < ?", cutoff.toEpochMilli());
      Sql.update(
          c, "DELETE FROM cloudtrail_event_resources WHERE event_time < ?", cutoff.toEpochMilli());
      return Sql.update(
          c, "DELETE FROM cloudtrail_events WHERE event_time < ?", cutoff.toEpochMilli());
    });
  }
}
