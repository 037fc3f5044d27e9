package ferry.events.store;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.events.EventBus;
import ferry.events.Tag;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Custom event buses, and the tags of buses and rules, in the metadata database. */
public final class EventBusRepository {
  private static final String COLUMNS = "account_id, region, name, description, created, updated";

  private final Database db;

  public EventBusRepository(Database db) {
    this.db = db;
  }

  public Optional<EventBus> find(AccountId account, Region region, String name) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT "
                + COLUMNS
                + " FROM events_buses WHERE account_id = ? AND region = ? AND name = ?",
            EventBusRepository::bus,
            account.value(),
            region.name(),
            name));
  }

  /** Stores a new bus with its tags; false if one of that name exists. */
  public boolean insert(EventBus bus, List<Tag> tags) {
    return db.write(c -> {
      long existing =
          Sql.count(
              c,
              "SELECT COUNT(*) FROM events_buses WHERE account_id = ? AND region = ? AND name = ?",
              bus.account().value(),
              bus.region().name(),
              bus.name());
      if (existing > 0) {
        return false;
      }
      Sql.update(
          c,
          "INSERT INTO events_buses (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
          bus.account().value(),
          bus.region().name(),
          bus.name(),
          bus.description(),
          bus.created(),
          bus.updated());
      Sql.update(c, "DELETE FROM events_tags WHERE arn = ?", bus.arn());
      putTags(c, bus.arn(), tags);
      return true;
    });
  }

  public List<EventBus> list(AccountId account, Region region) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT "
                + COLUMNS
                + " FROM events_buses WHERE account_id = ? AND region = ?"
                + " ORDER BY name",
            EventBusRepository::bus,
            account.value(),
            region.name()));
  }

  /** Deletes a bus and its tags. */
  public void delete(EventBus bus) {
    db.write(c -> {
      Sql.update(c, "DELETE FROM events_tags WHERE arn = ?", bus.arn());
      return Sql.update(
          c,
          "DELETE FROM events_buses WHERE account_id = ? AND region = ? AND name = ?",
          bus.account().value(),
          bus.region().name(),
          bus.name());
    });
  }

  // ---- tags ----

  public List<Tag> tags(String arn) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT tag_key, tag_value FROM events_tags WHERE arn = ? ORDER BY seq",
            row -> new Tag(row.getString(1), row.getString(2)),
            arn));
  }

  /**
   * Adds or replaces tags by key; false, storing nothing, if the resource would pass {@code max}.
   */
  public boolean tag(String arn, List<Tag> tags, int max) {
    return db.write(c -> {
      // The count against the limit and the write are one writer's at a time, per resource.
      db.dialect().lock(c, "events_tags/" + arn);
      Set<String> keys =
          new HashSet<>(
              Sql.list(
                  c,
                  "SELECT tag_key FROM events_tags WHERE arn = ?",
                  row -> row.getString(1),
                  arn));
      tags.forEach(t -> keys.add(t.key()));
      if (keys.size() > max) {
        return false;
      }
      putTags(c, arn, tags);
      return true;
    });
  }

  public void untag(String arn, List<String> keys) {
    db.write(c -> {
      for (String key : keys) {
        Sql.update(c, "DELETE FROM events_tags WHERE arn = ? AND tag_key = ?", arn, key);
      }
      return null;
    });
  }

  public void deleteTags(String arn) {
    db.write(c -> Sql.update(c, "DELETE FROM events_tags WHERE arn = ?", arn));
  }

  private void putTags(java.sql.Connection c, String arn, List<Tag> tags) throws SQLException {
    // seq orders one resource's tags; its next value is read, then written: one writer at a time.
    db.dialect().lock(c, "events_tags/" + arn);
    long seq = Sql.count(c, "SELECT COALESCE(MAX(seq), 0) FROM events_tags WHERE arn = ?", arn);
    for (Tag tag : tags) {
      int updated =
          Sql.update(
              c,
              "UPDATE events_tags SET tag_value = ? WHERE arn = ? AND tag_key = ?",
              tag.value(),
              arn,
              tag.key());
      if (updated == 0) {
        Sql.update(
            c,
            "INSERT INTO events_tags (arn, tag_key, tag_value, seq) VALUES (?, ?, ?, ?)",
            arn,
            tag.key(),
            tag.value(),
            ++seq);
      }
    }
  }

  private static EventBus bus(ResultSet row) throws SQLException {
    return new EventBus(
        AccountId.of(row.getString("account_id")),
        Region.of(row.getString("region")),
        row.getString("name"),
        row.getString("description"),
        Objects.requireNonNull(Sql.instant(row, "created"), "created"),
        Objects.requireNonNull(Sql.instant(row, "updated"), "updated"));
  }
}
