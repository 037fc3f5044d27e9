package ferry.testing;

import ferry.app.DatabaseSettings;
import ferry.app.FerryConfig;
import ferry.store.Database;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The metadata database of a test's data folder: SQLite in the folder, or with {@code
 * -Dferry.test.db=postgres} a fresh, empty database on a PostgreSQL server, one per data folder (a
 * Ferry restarted on the same folder finds its data again). The server is {@code
 * ferry.test.jdbcUrl} (default: the cluster {@code bench/scripts/postgres.sh start} runs), with
 * {@code ferry.test.jdbcUser} and {@code ferry.test.jdbcPassword}.
 *
 * <p>Each database is copied from a template migrated once per test run, so a test does not pay for
 * the migrations; the template itself is migrated by {@link Database#open}, as Ferry does.
 */
public final class TestStore {
  private static final String DB = System.getProperty("ferry.test.db", "sqlite");
  private static final String SERVER =
      System.getProperty("ferry.test.jdbcUrl", "jdbc:postgresql://127.0.0.1:55432/postgres");
  private static final String USER = System.getProperty("ferry.test.jdbcUser", "ferry");
  private static final String PASSWORD = System.getProperty("ferry.test.jdbcPassword", "ferry");
  // Databases of this test run start with it, so runs sharing a server never meet.
  private static final String PREFIX = "ferry_" + ProcessHandle.current().pid() + "_";
  private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static @Nullable String template;

  private TestStore() {}

  /** Whether the tests run on PostgreSQL. */
  public static boolean postgres() {
    return switch (DB) {
      case "sqlite" -> false;
      case "postgres" -> true;
      default -> throw new IllegalStateException("ferry.test.db is sqlite or postgres, not " + DB);
    };
  }

  /** Opens (creating and migrating if needed) the database of a data folder. */
  public static Database open(Path dataDir) {
    if (!postgres()) {
      return Database.openSqlite(dataDir);
    }
    return Database.open(url(dataDir), USER, PASSWORD);
  }

  /** Ferry's default settings on a data folder, with that folder's database. */
  public static FerryConfig config(Path dataDir) {
    FerryConfig defaults = FerryConfig.defaults(dataDir);
    return postgres()
        ? defaults.withDatabase(new DatabaseSettings(url(dataDir), USER, PASSWORD))
        : defaults;
  }

  /** A plain JDBC connection to a data folder's database, for tests that look at its rows. */
  public static Connection connect(Path dataDir) throws SQLException {
    if (!postgres()) {
      return DriverManager.getConnection(
          "jdbc:sqlite:" + dataDir.resolve("ferry.db").toAbsolutePath());
    }
    return DriverManager.getConnection(url(dataDir), USER, PASSWORD);
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
            dataDir.toAbsolutePath().normalize(),
            dir -> create(PREFIX + NEXT.incrementAndGet(), template()));
    return urlOf(name);
  }

  private static synchronized String template() {
    if (template == null) {
      String name = PREFIX + "template";
      dropLeftovers();
      create(name, "template0");
      Database.open(urlOf(name), USER, PASSWORD).close();
      Runtime.getRuntime().addShutdownHook(new Thread(TestStore::dropAll, "drop-test-databases"));
      template = name;
    }
    return template;
  }

  private static String create(String name, String from) {
    execute(
        "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)",
        "CREATE DATABASE "
            + name
            + " TEMPLATE "
            + from
            + " ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
    return name;
  }

  private static String urlOf(String database) {
    int slash = SERVER.lastIndexOf('/');
    int query = SERVER.indexOf('?', slash);
    return SERVER.substring(0, slash + 1) + database + (query < 0 ? "" : SERVER.substring(query));
  }

  /** Drops the databases of earlier test runs whose JVM is gone (killed before its clean-up). */
  private static void dropLeftovers() {
    List<String> stale = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT datname FROM pg_database")) {
      while (rows.next()) {
        String name = rows.getString(1);
        String[] parts = name.split("_");
        if (parts.length == 3 && parts[0].equals("ferry") && parts[1].matches("\\d+")) {
          long pid = Long.parseLong(parts[1]);
          if (ProcessHandle.of(pid).isEmpty()) {
            stale.add(name);
          }
        }
      }
    } catch (SQLException e) {
      throw unreachable(e);
    }
    for (String name : stale) {
      execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  private static void dropAll() {
    List<String> names = new ArrayList<>(DATABASES.values());
    if (template != null) {
      names.add(template);
    }
    for (String name : names) {
      try {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      } catch (RuntimeException e) {
        // The next run drops what is left (dropLeftovers).
      }
    }
  }

  private static void execute(String... statements) {
    try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw unreachable(e);
    }
  }

  private static IllegalStateException unreachable(SQLException e) {
    return new IllegalStateException(
        "-Dferry.test.db=postgres needs a PostgreSQL server at "
            + SERVER
            + " (user "
            + USER
            + "; bench/scripts/postgres.sh start runs one): "
            + e.getMessage(),
        e);
  }
}
