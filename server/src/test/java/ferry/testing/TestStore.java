package ferry.testing;

import ferry.app.DatabaseSettings;
import ferry.app.FerryConfig;
import ferry.store.Database;
import ferry.testdb.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The metadata database of a test's data folder: SQLite in the folder, or with {@code
 * -Dferry.test.db=postgres} a fresh, empty database on the PostgreSQL server {@link TestPostgres}
 * names, one per data folder (a Ferry restarted on the same folder finds its data again).
 *
 * <p>Each database is copied from a template migrated once per test run, so a test does not pay for
 * the migrations; the template itself is migrated by {@link Database#open}, as Ferry does.
 */
public final class TestStore {
  private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();
  private static @Nullable String template;

  private TestStore() {}

  /** Whether the tests run on PostgreSQL. */
  public static boolean postgres() {
    return TestPostgres.requested();
  }

  /** Opens (creating and migrating if needed) the database of a data folder. */
  public static Database open(Path dataDir) {
    if (!postgres()) {
      return Database.openSqlite(dataDir);
    }
    return Database.open(url(dataDir), TestPostgres.user(), TestPostgres.password());
  }

  /** Ferry's default settings on a data folder, with that folder's database. */
  public static FerryConfig config(Path dataDir) {
    FerryConfig defaults = FerryConfig.defaults(dataDir);
    return postgres()
        ? defaults.withDatabase(
            new DatabaseSettings(url(dataDir), TestPostgres.user(), TestPostgres.password()))
        : defaults;
  }

  /** A plain JDBC connection to a data folder's database, for tests that look at its rows. */
  public static Connection connect(Path dataDir) throws SQLException {
    if (!postgres()) {
      return DriverManager.getConnection(
          "jdbc:sqlite:" + dataDir.resolve("ferry.db").toAbsolutePath());
    }
    return DriverManager.getConnection(url(dataDir), TestPostgres.user(), TestPostgres.password());
  }

  /** The tables of a connection's database, Flyway's history left out, by name. */
  public static List<String> tables(Connection connection) throws SQLException {
    String sql =
        postgres()
            ? "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
            : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
    List<String> tables = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        if (!rows.getString(1).equals("flyway_schema_history")) {
          tables.add(rows.getString(1));
        }
      }
    }
    return tables;
  }

  /** The JDBC URL of a data folder's PostgreSQL database, made from the template on first use. */
  public static String url(Path dataDir) {
    String name =
        DATABASES.computeIfAbsent(
            dataDir.toAbsolutePath().normalize(), dir -> TestPostgres.create(template()));
    return TestPostgres.url(name);
  }

  private static synchronized String template() {
    if (template == null) {
      String name = TestPostgres.create("template0");
      Database.open(TestPostgres.url(name), TestPostgres.user(), TestPostgres.password()).close();
      template = name;
    }
    return template;
  }
}
