package ferry.testdb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database a test run keeps Ferry's metadata in ({@code -Dferry.test.db}: {@code sqlite}, the
 * default, or {@code postgres}), and the databases a run makes on the PostgreSQL server: {@code
 * ferry.test.jdbcUrl} (default: the cluster {@code bench/scripts/postgres.sh start} runs,
 * 127.0.0.1:55432), with {@code ferry.test.jdbcUser} and {@code ferry.test.jdbcPassword} (default
 * ferry and ferry).
 *
 * <p>A database made here outlives its JVM, unless its user drops it: the server's suite makes a
 * few hundred in each test JVM, and dropping them at exit took longer than Surefire waits for a JVM
 * to end (30 s), after which it killed the JVM. A later run drops those of JVMs that have ended, in
 * the background from its first database on; the cluster {@code bench/scripts/postgres.sh} runs is
 * removed with them when it stops. A server that cannot be reached fails the test: the run asked
 * for PostgreSQL.
 */
public final class TestPostgres {
  private static final String DB = System.getProperty("ferry.test.db", "sqlite");
  private static final String SERVER =
      System.getProperty("ferry.test.jdbcUrl", "jdbc:postgresql://127.0.0.1:55432/postgres");
  private static final String USER = System.getProperty("ferry.test.jdbcUser", "ferry");
  private static final String PASSWORD = System.getProperty("ferry.test.jdbcPassword", "ferry");
  // ferry_test_<pid>_<n>: the pid tells a later run whether these are left over from a dead JVM.
  private static final Pattern NAME = Pattern.compile("ferry_test_(\\d+)_\\d+");
  private static final String PREFIX = "ferry_test_" + ProcessHandle.current().pid() + "_";
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static boolean started;

  private TestPostgres() {}

  /** Whether this run keeps Ferry's metadata on PostgreSQL. */
  public static boolean requested() {
    return switch (DB) {
      case "sqlite" -> false;
      case "postgres" -> true;
      default -> throw new IllegalStateException("ferry.test.db is sqlite or postgres, not " + DB);
    };
  }

  public static String user() {
    return USER;
  }

  public static String password() {
    return PASSWORD;
  }

  /**
   * Makes a fresh database, a copy of {@code template} ({@code template0} for an empty one), and
   * answers its name.
   */
  public static String create(String template) {
    firstUse();
    String name = PREFIX + NEXT.incrementAndGet();
    execute(
        "CREATE DATABASE "
            + name
            + " TEMPLATE "
            + template
            + " ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
    return name;
  }

  /** The JDBC URL of a database on the server, with the server URL's parameters. */
  public static String url(String database) {
    int slash = SERVER.lastIndexOf('/');
    int query = SERVER.indexOf('?', slash);
    return SERVER.substring(0, slash + 1) + database + (query < 0 ? "" : SERVER.substring(query));
  }

  /** Drops a database made here, its connections closed first. */
  public static void drop(String database) {
    execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  private static synchronized void firstUse() {
    if (started) {
      return;
    }
    started = true;
    List<String> leftovers = leftovers();
    Thread.ofPlatform()
        .name("drop-test-databases")
        .daemon()
        .start(() -> {
          for (String name : leftovers) {
            try {
              drop(name);
            } catch (RuntimeException e) {
              // The next run tries again.
            }
          }
        });
  }

  /** The databases of test JVMs that have ended. */
  private static List<String> leftovers() {
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
    return stale;
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute(sql);
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
