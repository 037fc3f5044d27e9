package ferry.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh PostgreSQL database for an end-to-end test, on the server {@code ferry.test.jdbcUrl}
 * names (default: the cluster {@code bench/scripts/postgres.sh start} runs, user and password
 * ferry). Without a reachable server the test is skipped with a message in a local run; in CI
 * ({@code CI} set, or {@code -Dferry.test.requirePostgres=true}) it fails instead.
 */
record PostgresDatabase(String url, String user, String password) implements AutoCloseable {
  private static final String SERVER =
      System.getProperty("ferry.test.jdbcUrl", "jdbc:postgresql://127.0.0.1:55432/postgres");
  private static final String USER = System.getProperty("ferry.test.jdbcUser", "ferry");
  private static final String PASSWORD = System.getProperty("ferry.test.jdbcPassword", "ferry");

  static PostgresDatabase create(String purpose) {
    String name = "ferry_e2e_" + purpose + "_" + ProcessHandle.current().pid();
    try {
      execute(
          "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)",
          "CREATE DATABASE "
              + name
              + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
    } catch (SQLException e) {
      String message =
          "No PostgreSQL at "
              + SERVER
              + " (user "
              + USER
              + "): "
              + e.getMessage()
              + ". Start one with bench/scripts/postgres.sh start, or name one with"
              + " -Dferry.test.jdbcUrl, -Dferry.test.jdbcUser, -Dferry.test.jdbcPassword";
      if (System.getenv("CI") != null || Boolean.getBoolean("ferry.test.requirePostgres")) {
        throw new IllegalStateException(message, e);
      }
      // A class skipped in its @BeforeAll has no test case to carry the reason: say it here too.
      System.err.println("[skipped] " + purpose + " on PostgreSQL: " + message);
      Assumptions.abort(message);
    }
    int slash = SERVER.lastIndexOf('/');
    return new PostgresDatabase(SERVER.substring(0, slash + 1) + name, USER, PASSWORD);
  }

  private String name() {
    return url.substring(url.lastIndexOf('/') + 1);
  }

  @Override
  public void close() throws SQLException {
    execute("DROP DATABASE IF EXISTS " + name() + " WITH (FORCE)");
  }

  private static void execute(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVER, USER, PASSWORD);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
