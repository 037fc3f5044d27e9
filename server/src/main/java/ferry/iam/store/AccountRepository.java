package ferry.iam.store;

import ferry.aws.AccountId;
import ferry.iam.Account;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The accounts Ferry hosts. */
public final class AccountRepository {
  private final Database db;

  public AccountRepository(Database db) {
    this.db = db;
  }

  public Optional<Account> find(AccountId id) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT id, name, created FROM accounts WHERE id = ?",
            AccountRepository::map,
            id.value()));
  }

  public List<Account> list() {
    return db.read(c ->
        Sql.list(c, "SELECT id, name, created FROM accounts ORDER BY id", AccountRepository::map));
  }

  /** Adds the account unless one with that id exists; returns the stored account. */
  public Account insertIfAbsent(Account account) {
    return db.write(c -> {
      Optional<Account> existing =
          Sql.one(
              c,
              "SELECT id, name, created FROM accounts WHERE id = ?",
              AccountRepository::map,
              account.id().value());
      if (existing.isPresent()) {
        return existing.get();
      }
      Sql.update(
          c,
          "INSERT INTO accounts (id, name, created) VALUES (?, ?, ?)",
          account.id().value(),
          account.name(),
          account.created());
      return account;
    });
  }

  private static Account map(ResultSet row) throws SQLException {
    return new Account(
        AccountId.of(row.getString("id")),
        row.getString("name"),
        Instant.ofEpochMilli(row.getLong("created")));
  }
}
