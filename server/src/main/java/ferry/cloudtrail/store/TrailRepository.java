package ferry.cloudtrail.store;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.cloudtrail.Trail;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The trails (V71), and the events a trail has still to deliver, read from the event history. */
public final class TrailRepository {
  /** An event of the history, as a trail delivers it. */
  public record Pending(String eventId, Instant eventTime, String record) {}

  private static final String COLUMNS =
      "account_id, home_region, name, s3_bucket, s3_key_prefix, include_global, multi_region,"
          + " created_at, logging, start_logging_time, stop_logging_time, delivered_time,"
          + " delivered_event_id, latest_delivery_time, latest_delivery_attempt_time,"
          + " latest_delivery_error";

  private final Database db;

  public TrailRepository(Database db) {
    this.db = db;
  }

  /** Stores a new trail; false when the account already has one of that name in the region. */
  public boolean insert(Trail trail) {
    return db.write(c -> {
      long taken =
          Sql.count(
              c,
              "SELECT COUNT(*) FROM cloudtrail_trails WHERE account_id = ? AND name = ?"
                  + " AND (home_region = ? OR multi_region = 1 OR ? = 1)",
              trail.account().value(),
              trail.name(),
              trail.homeRegion().name(),
              trail.multiRegion());
      if (taken > 0) {
        return false;
      }
      Sql.update(
          c,
          "INSERT INTO cloudtrail_trails ("
              + COLUMNS
              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          trail.account().value(),
          trail.homeRegion().name(),
          trail.name(),
          trail.bucket(),
          trail.prefix(),
          trail.includeGlobalServiceEvents(),
          trail.multiRegion(),
          trail.created(),
          false,
          null,
          null,
          null,
          null,
          null,
          null,
          null);
      return true;
    });
  }

  /** The trails of the account seen in the region: its own there, and every multi-region one. */
  public List<Trail> visible(AccountId account, Region region) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT "
                + COLUMNS
                + " FROM cloudtrail_trails WHERE account_id = ?"
                + " AND (home_region = ? OR multi_region = 1) ORDER BY name, home_region",
            TrailRepository::trail,
            account.value(),
            region.name()));
  }

  public Optional<Trail> find(AccountId account, Region region, String name) {
    return visible(account, region).stream().filter(trail -> trail.name().equals(name)).findFirst();
  }

  /**
   * Every trail with events to deliver, in any account and region: those logging, and those stopped
   * before their delivery reached the stop.
   */
  public List<Trail> delivering() {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT "
                + COLUMNS
                + " FROM cloudtrail_trails WHERE logging = 1"
                + " OR (logging = 0 AND delivered_time < stop_logging_time)",
            TrailRepository::trail));
  }

  public void delete(Trail trail) {
    db.write(c ->
        Sql.update(
            c,
            "DELETE FROM cloudtrail_trails WHERE account_id = ? AND home_region = ? AND name = ?",
            trail.account().value(),
            trail.homeRegion().name(),
            trail.name()));
  }

  /** Starts logging from {@code now}: only events after it are delivered. */
  public void startLogging(Trail trail, Instant now) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE cloudtrail_trails SET logging = 1, start_logging_time = ?,"
                + " delivered_time = ?, delivered_event_id = ''"
                + " WHERE account_id = ? AND home_region = ? AND name = ? AND logging = 0",
            now,
            now,
            trail.account().value(),
            trail.homeRegion().name(),
            trail.name()));
  }

  public void stopLogging(Trail trail, Instant now) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE cloudtrail_trails SET logging = 0, stop_logging_time = ?"
                + " WHERE account_id = ? AND home_region = ? AND name = ? AND logging = 1",
            now,
            trail.account().value(),
            trail.homeRegion().name(),
            trail.name()));
  }

  /**
   * Moves the cursor past the events of a batch; {@code delivery} is when its log files were
   * written, null when it had none for the trail.
   */
  public void delivered(
      Trail trail, @Nullable Instant delivery, Instant throughTime, String throughEventId) {
    db.write(c -> {
      if (delivery == null) {
        return Sql.update(
            c,
            "UPDATE cloudtrail_trails SET delivered_time = ?, delivered_event_id = ?"
                + " WHERE account_id = ? AND home_region = ? AND name = ?",
            throughTime,
            throughEventId,
            trail.account().value(),
            trail.homeRegion().name(),
            trail.name());
      }
      return Sql.update(
          c,
          "UPDATE cloudtrail_trails SET delivered_time = ?, delivered_event_id = ?,"
              + " latest_delivery_time = ?, latest_delivery_attempt_time = ?,"
              + " latest_delivery_error = NULL"
              + " WHERE account_id = ? AND home_region = ? AND name = ?",
          throughTime,
          throughEventId,
          delivery,
          delivery,
          trail.account().value(),
          trail.homeRegion().name(),
          trail.name());
    });
  }

  /** Records a refused delivery: the cursor stays, so its events are tried again. */
  public void refused(Trail trail, Instant attempt, String error) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE cloudtrail_trails SET latest_delivery_attempt_time = ?,"
                + " latest_delivery_error = ? WHERE account_id = ? AND home_region = ? AND name = ?",
            attempt,
            error,
            trail.account().value(),
            trail.homeRegion().name(),
            trail.name()));
  }

  /**
   * Up to {@code limit} events of the account after the cursor and no later than {@code until},
   * oldest first.
   */
  public List<Pending> after(
      AccountId account, Instant time, String eventId, Instant until, int limit) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT event_id, event_time, record FROM cloudtrail_events WHERE account_id = ?"
                + " AND (event_time > ? OR (event_time = ? AND event_id > ?)) AND event_time <= ?"
                + " ORDER BY event_time, event_id LIMIT ?",
            row ->
                new Pending(
                    row.getString("event_id"),
                    Instant.ofEpochMilli(row.getLong("event_time")),
                    row.getString("record")),
            account.value(),
            time,
            time,
            eventId,
            until,
            limit));
  }

  private static Trail trail(ResultSet row) throws SQLException {
    return new Trail(
        AccountId.of(row.getString("account_id")),
        Region.of(row.getString("home_region")),
        row.getString("name"),
        row.getString("s3_bucket"),
        row.getString("s3_key_prefix"),
        Sql.bool(row, "include_global"),
        Sql.bool(row, "multi_region"),
        Instant.ofEpochMilli(row.getLong("created_at")),
        new Trail.Status(
            Sql.bool(row, "logging"),
            Sql.instant(row, "start_logging_time"),
            Sql.instant(row, "stop_logging_time"),
            Sql.instant(row, "delivered_time"),
            row.getString("delivered_event_id"),
            Sql.instant(row, "latest_delivery_time"),
            Sql.instant(row, "latest_delivery_attempt_time"),
            row.getString("latest_delivery_error")));
  }
}
