package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSchemaTemplateTest {
  @TempDir Path first;
  @TempDir Path second;
  @TempDir Path third;

  @Test
  void theSecondNewDatabaseOfAProcess_isKept_andTheThird_isItsSchemaWithNoneOfTheirRows()
      throws Exception {
    SqliteSchemaTemplate.forget();
    try (Database one = Database.openSqlite(first)) {
      insertAccount(one, "dev");
    }
    // One database is what a server makes in its life: no template for it.
    assertThat(SqliteSchemaTemplate.kept()).isFalse();
    try (Database two = Database.openSqlite(second)) {
      insertAccount(two, "prod");
    }
    assertThat(SqliteSchemaTemplate.kept()).isTrue();
    try (var files = Files.list(second)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("the template is held in memory; its copy on disk is deleted at once")
          .noneMatch(name -> name.contains("template"));
    }

    Database.openSqlite(third).close();

    try (Connection migrated = connect(first);
        Connection copied = connect(third)) {
      assertThat(schema(copied)).isEqualTo(schema(migrated)).isNotEmpty();
      assertThat(Migrations.allApplied(copied)).isTrue();
      assertThat(rows(copied, "SELECT name FROM accounts")).isEmpty();
      assertThat(rows(migrated, "SELECT name FROM accounts")).containsExactly("dev");
      assertThat(rows(copied, "PRAGMA journal_mode")).containsExactly("wal");
    }
  }

  private static void insertAccount(Database db, String name) {
    db.write(c ->
        Sql.update(
            c,
            "INSERT INTO accounts (id, name, created) VALUES (?, ?, 0)",
            name.equals("dev") ? "111111111111" : "222222222222",
            name));
  }

  private static Connection connect(Path dataDir) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("ferry.db"));
  }

  private static List<String> schema(Connection connection) throws SQLException {
    return rows(
        connection,
        "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master ORDER BY 1");
  }

  private static List<String> rows(Connection connection, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
