package ferry.authz.store;

import ferry.authz.DecisionLog.Explained;
import ferry.authz.DecisionStore;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Decisions as every node sharing the database reads them. */
public final class DecisionRepository implements DecisionStore {
  private static final String COLUMNS =
      "decision_id, decided, principal, action, resource, allowed, message, explanation";

  private final Database db;

  public DecisionRepository(Database db) {
    this.db = db;
  }

  /**
   * Stores decisions in one write that survives Ferry being killed once it returns; a decision
   * stored already (a retried batch) is kept as it was.
   */
  @Override
  public void insert(List<Explained> decisions) {
    if (decisions.isEmpty()) {
      return;
    }
    db.writeCrashSafe(c -> {
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO authz_decisions ("
                  + COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (decision_id) DO NOTHING")) {
        for (Explained d : decisions) {
          insert.setString(1, d.id());
          insert.setLong(2, d.time().toEpochMilli());
          insert.setString(3, d.principal());
          insert.setString(4, d.action());
          insert.setString(5, d.resource());
          insert.setInt(6, d.allowed() ? 1 : 0);
          insert.setString(7, d.message());
          insert.setString(8, d.explanation());
          insert.addBatch();
        }
        insert.executeBatch();
      }
      return null;
    });
  }

  @Override
  public Optional<Explained> find(String id) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT " + COLUMNS + " FROM authz_decisions WHERE decision_id = ?",
            DecisionRepository::explained,
            id));
  }

  /** The last {@code count} decisions of every node, newest last. */
  @Override
  public List<Explained> last(int count) {
    List<Explained> newestFirst =
        db.read(c ->
            Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM authz_decisions ORDER BY decided DESC, decision_id DESC LIMIT ?",
                DecisionRepository::explained,
                count));
    return newestFirst.reversed();
  }

  /** Removes decisions made before {@code cutoff}; returns how many. */
  @Override
  public int removeBefore(Instant cutoff) {
    return db.writeCrashSafe(
        c -> Sql.update(c, "DELETE FROM authz_decisions WHERE decided < ?", cutoff));
  }

  private static Explained explained(ResultSet row) throws SQLException {
    return new Explained(
        row.getString("decision_id"),
        Objects.requireNonNull(Sql.instant(row, "decided")),
        row.getString("principal"),
        row.getString("action"),
        row.getString("resource"),
        Sql.bool(row, "allowed"),
        row.getString("message"),
        row.getString("explanation"));
  }
}
