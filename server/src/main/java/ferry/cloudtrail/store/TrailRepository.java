package ferry.cloudtrail.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.cloudtrail.EventSelector;
import ferry.cloudtrail.Trail;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The trails (V71), and the events a trail has still to deliver, read from the event history. */
public final class TrailRepository {
  /** An event of the history, as a trail delivers it. */
  public record Pending(String eventId, Instant eventTime, String record) {}

  private static final String COLUMNS =
      "account_id, home_region, name, s3_bucket, s3_key_prefix, include_global, multi_region,"
          + " created_at, logging, start_logging_time, stop_logging_time, delivered_time,"
          + " delivered_event_id, latest_delivery_time, latest_delivery_attempt_time,"
          + " latest_delivery_error, event_selectors, kms_key_id";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database db;
  private final PendingEvents pending;

  public TrailRepository(Database db) {
    this(db, PendingEvents.NONE);
  }

  /**
   * @param pending what reading the events to deliver waits for
   */
  public TrailRepository(Database db, PendingEvents pending) {
    this.db = db;
    this.pending = pending;
  }

  /** What {@link #insert} did. */
  public enum Insert {
    INSERTED,
    NAME_TAKEN,
    TOO_MANY
  }

  /**
   * Stores a new trail unless the account already has one of that name seen in the region, or
   * {@code max} trails of its own there. The checks and the insert are one writer's at a time per
   * account, so racing CreateTrail calls cannot together pass the quota.
   */
  public Insert insert(Trail trail, int max) {
    return db.write(c -> {
      db.dialect().lock(c, "cloudtrail_trails/" + trail.account().value());
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
        return Insert.NAME_TAKEN;
      }
      long own =
          Sql.count(
              c,
              "SELECT COUNT(*) FROM cloudtrail_trails WHERE account_id = ? AND home_region = ?",
              trail.account().value(),
              trail.homeRegion().name());
      if (own >= max) {
        return Insert.TOO_MANY;
      }
      Sql.update(
          c,
          "INSERT INTO cloudtrail_trails ("
              + COLUMNS
              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
          null,
          null,
          trail.kmsKeyId());
      return Insert.INSERTED;
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

  /** The account's trails of this name, in every region. */
  public List<Trail> visibleEverywhere(AccountId account, String name) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT " + COLUMNS + " FROM cloudtrail_trails WHERE account_id = ? AND name = ?",
            TrailRepository::trail,
            account.value(),
            name));
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
    db.write(c -> {
      Sql.update(
          c,
          "DELETE FROM cloudtrail_trail_tags WHERE account_id = ? AND home_region = ? AND name = ?",
          trail.account().value(),
          trail.homeRegion().name(),
          trail.name());
      return Sql.update(
          c,
          "DELETE FROM cloudtrail_trails WHERE account_id = ? AND home_region = ? AND name = ?",
          trail.account().value(),
          trail.homeRegion().name(),
          trail.name());
    });
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
    pending.settle();
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
            row.getString("latest_delivery_error")),
        selectors(row.getString("event_selectors")),
        row.getString("kms_key_id"));
  }

  private static @Nullable List<EventSelector> selectors(@Nullable String json) {
    if (json == null) {
      return null;
    }
    try {
      List<EventSelector> selectors = new ArrayList<>();
      for (JsonNode node : JSON.readTree(json)) {
        selectors.add(
            new EventSelector(
                EventSelector.ReadWrite.valueOf(node.path("ReadWriteType").asText()),
                node.path("IncludeManagementEvents").asBoolean(),
                strings(node.path("DataResources")),
                strings(node.path("ExcludeManagementEventSources"))));
      }
      return selectors;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored event selectors are not JSON: " + json, e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static String json(List<EventSelector> selectors) {
    ArrayNode array = JSON.createArrayNode();
    for (EventSelector selector : selectors) {
      ObjectNode node = array.addObject();
      node.put("ReadWriteType", selector.readWriteType().name());
      node.put("IncludeManagementEvents", selector.includeManagementEvents());
      selector.dataResources().forEach(node.putArray("DataResources")::add);
      selector
          .excludeManagementEventSources()
          .forEach(node.putArray("ExcludeManagementEventSources")::add);
    }
    return array.toString();
  }

  /** Replaces the trail's event selectors. */
  public void putEventSelectors(Trail trail, List<EventSelector> selectors) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE cloudtrail_trails SET event_selectors = ?"
                + " WHERE account_id = ? AND home_region = ? AND name = ?",
            json(selectors),
            trail.account().value(),
            trail.homeRegion().name(),
            trail.name()));
  }

  /**
   * What UpdateTrail changes: the bucket, prefix, which regions' events the trail takes and the KMS
   * key of its log files.
   */
  public void update(Trail trail) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE cloudtrail_trails SET s3_bucket = ?, s3_key_prefix = ?, include_global = ?,"
                + " multi_region = ?, kms_key_id = ?"
                + " WHERE account_id = ? AND home_region = ? AND name = ?",
            trail.bucket(),
            trail.prefix(),
            trail.includeGlobalServiceEvents(),
            trail.multiRegion(),
            trail.kmsKeyId(),
            trail.account().value(),
            trail.homeRegion().name(),
            trail.name()));
  }

  /** The trail's tags, by key. */
  public Map<String, String> tags(Trail trail) {
    return db.read(c -> {
      Map<String, String> tags = new LinkedHashMap<>();
      Sql.list(
              c,
              "SELECT tag_key, tag_value FROM cloudtrail_trail_tags"
                  + " WHERE account_id = ? AND home_region = ? AND name = ? ORDER BY tag_key",
              row -> Map.entry(row.getString("tag_key"), row.getString("tag_value")),
              trail.account().value(),
              trail.homeRegion().name(),
              trail.name())
          .forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
      return tags;
    });
  }

  /**
   * Sets tags (a key already there gets the new value) and removes others, unless the trail would
   * then have more than {@code max}; returns whether it was changed.
   */
  public boolean retag(Trail trail, Map<String, String> set, Set<String> remove, int max) {
    return db.write(c -> {
      // Another writer's tags must be counted too: one writer at a time, per trail.
      db.dialect().lock(c, "cloudtrail_trail_tags/" + trail.arn());
      for (String key : remove) {
        Sql.update(
            c,
            "DELETE FROM cloudtrail_trail_tags"
                + " WHERE account_id = ? AND home_region = ? AND name = ? AND tag_key = ?",
            trail.account().value(),
            trail.homeRegion().name(),
            trail.name(),
            key);
      }
      for (Map.Entry<String, String> tag : set.entrySet()) {
        Sql.update(
            c,
            "DELETE FROM cloudtrail_trail_tags"
                + " WHERE account_id = ? AND home_region = ? AND name = ? AND tag_key = ?",
            trail.account().value(),
            trail.homeRegion().name(),
            trail.name(),
            tag.getKey());
        Sql.update(
            c,
            "INSERT INTO cloudtrail_trail_tags (account_id, home_region, name, tag_key, tag_value)"
                + " VALUES (?, ?, ?, ?, ?)",
            trail.account().value(),
            trail.homeRegion().name(),
            trail.name(),
            tag.getKey(),
            tag.getValue());
      }
      long count =
          Sql.count(
              c,
              "SELECT COUNT(*) FROM cloudtrail_trail_tags"
                  + " WHERE account_id = ? AND home_region = ? AND name = ?",
              trail.account().value(),
              trail.homeRegion().name(),
              trail.name());
      if (count > max) {
        throw new TooManyTags();
      }
      return true;
    });
  }

  /** Thrown inside a write to undo it: the trail would have had too many tags. */
  public static final class TooManyTags extends RuntimeException {
    TooManyTags() {
      super("too many tags", null, false, false);
    }
  }
}
