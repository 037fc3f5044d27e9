package ferry.events.store;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.events.Delivery;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;

/** Deliveries not yet made, and which node is making each. */
public final class DeliveryRepository {
  private final Database db;

  public DeliveryRepository(Database db) {
    this.db = db;
  }

  /** Stores deliveries; returns once they are durable, so the publisher may be answered. */
  public void insert(List<Delivery> deliveries, Instant now) {
    db.write(c -> {
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO events_deliveries (delivery_id, account_id, region, bus_name,"
                  + " rule_name, target_id, input, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (Delivery d : deliveries) {
          insert.setString(1, d.id());
          insert.setString(2, d.account().value());
          insert.setString(3, d.region().name());
          insert.setString(4, d.bus());
          insert.setString(5, d.rule());
          insert.setString(6, d.targetId());
          insert.setString(7, d.input());
          insert.setLong(8, now.toEpochMilli());
          insert.addBatch();
        }
        insert.executeBatch();
      }
      return null;
    });
  }

  /** Claims a delivery nobody claimed; false if a node already did. */
  public boolean claim(String id, String worker, Instant now) {
    return db.write(c ->
        Sql.update(
            c,
            "UPDATE events_deliveries SET worker = ?, claimed = ? WHERE delivery_id = ? AND"
                + " worker IS NULL",
            worker,
            now,
            id))
        == 1;
  }

  /**
   * Deliveries whose node stopped before making them: never claimed though made before {@code
   * unclaimedBefore}, or claimed before {@code claimedBefore}.
   */
  public List<Delivery> abandoned(Instant unclaimedBefore, Instant claimedBefore) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT delivery_id, account_id, region, bus_name, rule_name, target_id, input FROM"
                + " events_deliveries WHERE (worker IS NULL AND created < ?) OR claimed < ?"
                + " ORDER BY created LIMIT 500",
            row ->
                new Delivery(
                    row.getString(1),
                    AccountId.of(row.getString(2)),
                    Region.of(row.getString(3)),
                    row.getString(4),
                    row.getString(5),
                    row.getString(6),
                    row.getString(7)),
            unclaimedBefore,
            claimedBefore));
  }

  /** Takes over an abandoned delivery; of several nodes trying at once, exactly one succeeds. */
  public boolean takeOver(
      String id, String worker, Instant unclaimedBefore, Instant claimedBefore, Instant now) {
    return db.write(c ->
        Sql.update(
            c,
            "UPDATE events_deliveries SET worker = ?, claimed = ? WHERE delivery_id = ? AND"
                + " ((worker IS NULL AND created < ?) OR claimed < ?)",
            worker,
            now,
            id,
            unclaimedBefore,
            claimedBefore))
        == 1;
  }

  /** The delivery was made (or can never be): it is gone. */
  public void delete(String id) {
    db.write(c -> Sql.update(c, "DELETE FROM events_deliveries WHERE delivery_id = ?", id));
  }
}
