package ferry.kms.store;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.kms.KmsAlias;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** KMS aliases in the metadata database, unique per account and region. */
public final class AliasRepository {
  private static final String COLUMNS =
      "account_id, region, alias_name, key_id, created, last_updated";

  private final Database db;

  public AliasRepository(Database db) {
    this.db = db;
  }

  public Optional<KmsAlias> find(AccountId account, Region region, String name) {
    return db.read(c -> find(c, account, region, name));
  }

  static Optional<KmsAlias> find(Connection c, AccountId account, Region region, String name)
      throws SQLException {
    return Sql.one(
        c,
        "SELECT "
            + COLUMNS
            + " FROM kms_aliases WHERE account_id = ? AND region = ?"
            + " AND alias_name = ?",
        AliasRepository::map,
        account.value(),
        region.name(),
        name);
  }

  /** Inserts the alias unless the name is taken; returns whether it did. */
  public boolean insertIfAbsent(KmsAlias alias) {
    return db.write(c -> {
      if (find(c, alias.account(), alias.region(), alias.name()).isPresent()) {
        return false;
      }
      insert(c, alias);
      return true;
    });
  }

  static void insert(Connection c, KmsAlias alias) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO kms_aliases (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
        alias.account().value(),
        alias.region().name(),
        alias.name(),
        alias.targetKeyId(),
        alias.created(),
        alias.lastUpdated());
  }

  public boolean updateTarget(
      AccountId account, Region region, String name, String keyId, Instant now) {
    return db.write(c ->
        Sql.update(
            c,
            "UPDATE kms_aliases SET key_id = ?, last_updated = ? WHERE account_id = ?"
                + " AND region = ? AND alias_name = ?",
            keyId,
            now,
            account.value(),
            region.name(),
            name))
        == 1;
  }

  public boolean delete(AccountId account, Region region, String name) {
    return db.write(c ->
        Sql.update(
            c,
            "DELETE FROM kms_aliases WHERE account_id = ? AND region = ? AND alias_name = ?",
            account.value(),
            region.name(),
            name))
        == 1;
  }

  /**
   * Up to {@code limit} aliases of an account and region, by name after {@code marker}; only those
   * of {@code keyId} when it is given.
   */
  public List<KmsAlias> list(
      AccountId account,
      Region region,
      @Nullable String keyId,
      @Nullable String marker,
      int limit) {
    return db.read(c ->
        keyId == null
            ? Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM kms_aliases WHERE account_id = ? AND region = ?"
                    + " AND alias_name > ? ORDER BY alias_name LIMIT "
                    + limit,
                AliasRepository::map,
                account.value(),
                region.name(),
                marker == null ? "" : marker)
            : Sql.list(
                c,
                "SELECT "
                    + COLUMNS
                    + " FROM kms_aliases WHERE account_id = ? AND region = ?"
                    + " AND key_id = ? AND alias_name > ? ORDER BY alias_name LIMIT "
                    + limit,
                AliasRepository::map,
                account.value(),
                region.name(),
                keyId,
                marker == null ? "" : marker));
  }

  private static KmsAlias map(ResultSet row) throws SQLException {
    return new KmsAlias(
        AccountId.of(row.getString("account_id")),
        Region.of(row.getString("region")),
        row.getString("alias_name"),
        row.getString("key_id"),
        Objects.requireNonNull(Sql.instant(row, "created")),
        Objects.requireNonNull(Sql.instant(row, "last_updated")));
  }
}
