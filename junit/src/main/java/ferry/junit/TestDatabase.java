package ferry.junit;

import ferry.app.DatabaseSettings;
import ferry.app.FerryConfig;
import ferry.testdb.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metadata database of a Ferry a test starts, in-process or as a process: SQLite in its data
 * folder, or with {@code -Dferry.test.db=postgres} a fresh database of its own on the PostgreSQL
 * server {@link TestPostgres} names (the same settings as the server module's tests), one per data
 * folder, so a Ferry restarted on the same folder finds its data again.
 *
 * <p>A database is dropped by {@link #drop} once its Ferry has stopped for good; the others outlive
 * the JVM, and a later run drops them ({@link TestPostgres}). A server that cannot be reached fails
 * the test: the run asked for PostgreSQL.
 *
 * @param url the JDBC URL of the database
 */
public record TestDatabase(String url, String user, String password) {
  private static final Map<Path, TestDatabase> DATABASES = new ConcurrentHashMap<>();

  /** Whether this run's Ferries keep their metadata on PostgreSQL. */
  public static boolean postgres() {
    return TestPostgres.requested();
  }

  /** The PostgreSQL database of a data folder, created on first use; empty on SQLite. */
  public static Optional<TestDatabase> of(Path dataDir) {
    if (!postgres()) {
      return Optional.empty();
    }
    return Optional.of(
        DATABASES.computeIfAbsent(dataDir.toAbsolutePath().normalize(), dir -> create()));
  }

  /** The settings with their data folder's database: unchanged on SQLite. */
  public static FerryConfig config(FerryConfig config) {
    return of(config.dataDir())
        .map(db -> config.withDatabase(new DatabaseSettings(db.url(), db.user(), db.password())))
        .orElse(config);
  }

  /**
   * The environment that points {@code ferry serve} (or {@code ferry demo}) on a data folder at its
   * database: {@code FERRY_JDBC_URL}, {@code FERRY_JDBC_USER}, {@code FERRY_JDBC_PASSWORD}. A
   * configuration file's own {@code jdbcUrl} still wins, as for any user. Empty on SQLite.
   */
  public static Map<String, String> environment(Path dataDir) {
    return of(dataDir)
        .map(db ->
            Map.of(
                DatabaseSettings.JDBC_URL_VARIABLE, db.url(),
                DatabaseSettings.JDBC_USER_VARIABLE, db.user(),
                DatabaseSettings.JDBC_PASSWORD_VARIABLE, db.password()))
        .orElse(Map.of());
  }

  /** A plain JDBC connection to a data folder's database, for a test that reads Ferry's rows. */
  public static Connection connect(Path dataDir) throws SQLException {
    Optional<TestDatabase> db = of(dataDir);
    if (db.isEmpty()) {
      return DriverManager.getConnection(
          "jdbc:sqlite:" + dataDir.resolve("ferry.db").toAbsolutePath());
    }
    return DriverManager.getConnection(db.get().url(), db.get().user(), db.get().password());
  }

  /** Drops a data folder's database, once its Ferry has stopped for good. */
  public static void drop(Path dataDir) {
    TestDatabase db = DATABASES.remove(dataDir.toAbsolutePath().normalize());
    if (db != null) {
      TestPostgres.drop(db.name());
    }
  }

  private String name() {
    String path = url.substring(url.lastIndexOf('/') + 1);
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static TestDatabase create() {
    return new TestDatabase(
        TestPostgres.url(TestPostgres.create("template0")),
        TestPostgres.user(),
        TestPostgres.password());
  }
}
