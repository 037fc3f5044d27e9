package ferry.junit;

import ferry.app.DatabaseSettings;
import ferry.app.FerryConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metadata database of a Ferry a test starts, in-process or as a process: SQLite in its data
 * folder, or with {@code -Dferry.test.db=postgres} a fresh database of its own on a PostgreSQL
 * server, one per data folder, so a Ferry restarted on the same folder finds its data again. The
 * server is {@code ferry.test.jdbcUrl} (default: the cluster {@code bench/scripts/postgres.sh
 * start} runs, 127.0.0.1:55432), with {@code ferry.test.jdbcUser} and {@code
 * ferry.test.jdbcPassword} (default ferry and ferry): the same settings as the server module's
 * tests.
 *
 * <p>The databases are dropped when the JVM ends; those of a run that was killed, by the next run.
 * A server that cannot be reached fails the test: the run asked for PostgreSQL.
 *
 * @param url the JDBC URL of the database
 */
public record TestDatabase(String url, String user, String password) {
  private static final String DB = System.getProperty("ferry.test.db", "sqlite");
  private static final String SERVER =
      System.getProperty("ferry.test.jdbcUrl", "jdbc:postgresql://127.0.0.1:55432/postgres");
  private static final String USER = System.getProperty("ferry.test.jdbcUser", "ferry");
  private static final String PASSWORD = System.getProperty("ferry.test.jdbcPassword", "ferry");
  // ferry_junit_<pid>_<n>: the pid tells a later run whether these are left over from a dead JVM.
  private static final Pattern NAME = Pattern.compile("ferry_junit_(\\d+)_\\d+");
  private static final String PREFIX = "ferry_junit_" + ProcessHandle.current().pid() + "_";
  private static final Map<Path, TestDatabase> DATABASES = new ConcurrentHashMap<>();
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static boolean started;

  /** Whether this run's Ferries keep their metadata on PostgreSQL. */
  public static boolean postgres() {
    return switch (DB) {
      case "sqlite" -> false;
      case "postgres" -> true;
      default -> throw new IllegalStateException("ferry.test.db is sqlite or postgres, not " + DB);
    };
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
      execute("DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)");
    }
  }

  private String name() {
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private static TestDatabase create() {
    firstUse();
    String name = PREFIX + NEXT.incrementAndGet();
    execute(
        "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)",
        "CREATE DATABASE "
            + name
            + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
    int slash = SERVER.lastIndexOf('/');
    int query = SERVER.indexOf('?', slash);
    return new TestDatabase(
        SERVER.substring(0, slash + 1) + name + (query < 0 ? "" : SERVER.substring(query)),
        USER,
        PASSWORD);
  }

  private static synchronized void firstUse() {
    if (started) {
      return;
    }
    started = true;
    dropLeftovers();
    Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropAll, "drop-test-databases"));
  }

  /** Drops the databases of earlier runs whose JVM is gone (killed before its clean-up). */
  private static void dropLeftovers() {
    List<String> stale = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT datname FROM pg_database")) {
      while (rows.next()) {
        Matcher m = NAME.matcher(rows.getString(1));
        if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
          stale.add(rows.getString(1));
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
    for (TestDatabase db : List.copyOf(DATABASES.values())) {
      try {
        execute("DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)");
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
            + "; bench/scripts/postgres.sh start runs one, or name one with -Dferry.test.jdbcUrl,"
            + " -Dferry.test.jdbcUser, -Dferry.test.jdbcPassword): "
            + e.getMessage(),
        e);
  }
}
