package ferry.app;

import ferry.store.Database;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where Ferry keeps its metadata: a PostgreSQL database by JDBC URL and login, or SQLite in the
 * data folder when there is no URL.
 */
public record DatabaseSettings(
    @Nullable String jdbcUrl, @Nullable String jdbcUser, @Nullable String jdbcPassword) {

  /** The environment variables that give the address and login when the file does not. */
  public static final String JDBC_URL_VARIABLE = "FERRY_JDBC_URL";

  public static final String JDBC_USER_VARIABLE = "FERRY_JDBC_USER";
  public static final String JDBC_PASSWORD_VARIABLE = "FERRY_JDBC_PASSWORD";

  public static final DatabaseSettings SQLITE = new DatabaseSettings(null, null, null);

  /**
   * Fills in what is left out from {@code FERRY_JDBC_URL}, {@code FERRY_JDBC_USER} and {@code
   * FERRY_JDBC_PASSWORD}, so a password need not be written in a file.
   */
  public DatabaseSettings withEnvironment(Map<String, String> environment) {
    return new DatabaseSettings(
        jdbcUrl != null ? jdbcUrl : environment.get(JDBC_URL_VARIABLE),
        jdbcUser != null ? jdbcUser : environment.get(JDBC_USER_VARIABLE),
        jdbcPassword != null ? jdbcPassword : environment.get(JDBC_PASSWORD_VARIABLE));
  }

  /** Opens this database: PostgreSQL by URL, or SQLite in the data folder. */
  public Database open(Path dataDir) {
    return jdbcUrl == null
        ? Database.openSqlite(dataDir)
        : Database.open(jdbcUrl, jdbcUser, jdbcPassword);
  }

  /** Never the password: settings are printed in errors and logs. */
  @Override
  public String toString() {
    return "DatabaseSettings[jdbcUrl=%s, jdbcUser=%s%s]"
        .formatted(jdbcUrl, jdbcUser, jdbcPassword == null ? "" : ", jdbcPassword=…");
  }
}
