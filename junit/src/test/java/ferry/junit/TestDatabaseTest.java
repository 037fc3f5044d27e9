package ferry.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ferry.app.DatabaseSettings;
import ferry.app.FerryConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

class TestDatabaseTest {
  @TempDir Path dir;

  @Test
  void onSqlite_nothingChanges() {
    assumeTrue(!TestDatabase.postgres(), "SQLite only: the default");
    FerryConfig defaults = FerryConfig.defaults(dir);

    assertThat(TestDatabase.of(dir)).isEmpty();
    assertThat(TestDatabase.config(defaults)).isEqualTo(defaults);
    assertThat(TestDatabase.environment(dir)).isEmpty();
  }

  @Test
  void onPostgres_eachDataFolderHasItsOwnDatabase_keptUntilDropped() throws Exception {
    assumeTrue(TestDatabase.postgres(), "PostgreSQL only: run with -Dferry.test.db=postgres");
    TestDatabase first = TestDatabase.of(dir.resolve("a")).orElseThrow();
    TestDatabase second = TestDatabase.of(dir.resolve("b")).orElseThrow();

    assertThat(TestDatabase.of(dir.resolve("a/../a"))).contains(first);
    assertThat(second.url()).isNotEqualTo(first.url());
    assertThat(TestDatabase.config(FerryConfig.defaults(dir.resolve("a"))).database().jdbcUrl())
        .isEqualTo(first.url());
    assertThat(TestDatabase.environment(dir.resolve("a")))
        .containsEntry(DatabaseSettings.JDBC_URL_VARIABLE, first.url())
        .containsEntry(DatabaseSettings.JDBC_USER_VARIABLE, first.user())
        .containsEntry(DatabaseSettings.JDBC_PASSWORD_VARIABLE, first.password());
    assertThat(exists(first)).isTrue();

    TestDatabase.drop(dir.resolve("a"));

    assertThat(exists(first)).isFalse();
    assertThat(exists(second)).isTrue();
    TestDatabase.drop(dir.resolve("b"));
  }

  @Test
  void onPostgres_localFerryKeepsItsRowsThere_andClosingDropsIt() throws Exception {
    assumeTrue(TestDatabase.postgres(), "PostgreSQL only: run with -Dferry.test.db=postgres");
    TestDatabase db;
    try (LocalFerry ferry = LocalFerry.start()) {
      S3Client s3 = ferry.account("dev").s3();
      s3.createBucket(b -> b.bucket("in-postgres"));
      db = TestDatabase.of(ferry.dataDir()).orElseThrow();
      try (Connection c = TestDatabase.connect(ferry.dataDir());
          Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT name FROM s3_buckets")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("in-postgres");
      }
    }

    assertThat(exists(db)).isFalse();
  }

  private static boolean exists(TestDatabase db) throws SQLException {
    String name = db.url().substring(db.url().lastIndexOf('/') + 1);
    String server = db.url().substring(0, db.url().lastIndexOf('/') + 1) + "postgres";
    try (Connection c = DriverManager.getConnection(server, db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
      return rows.next();
    }
  }
}
