package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSchemaTemplateTest {
  private static final String HISTORY =
      "SELECT script || ' ' || installed_on FROM flyway_schema_history ORDER BY installed_rank";

  @TempDir Path dataDir;
  @TempDir Path scratch;

  @Test
  void aNewDatabase_isACopyOfTheShippedSchema_whichIsWhatTheScriptsMake() throws Exception {
    Path shipped = scratch.resolve("shipped.db");
    try (InputStream schema =
        getClass().getClassLoader().getResourceAsStream(SqliteSchemaTemplate.RESOURCE)) {
      assertThat(schema).as("the build's schema snapshot").isNotNull();
      Files.copy(schema, shipped);
    }
    Path byScripts = scratch.resolve("scripts.db");
    Flyway.configure()
        .dataSource("jdbc:sqlite:" + byScripts, null, null)
        .locations("classpath:" + Migrations.LOCATION)
        .outOfOrder(true)
        .load()
        .migrate();

    Database.openSqlite(dataDir).close();

    try (Connection made = connect(dataDir.resolve("ferry.db"));
        Connection snapshot = connect(shipped);
        Connection scripts = connect(byScripts)) {
      assertThat(schema(made)).isEqualTo(schema(scripts)).isNotEmpty();
      assertThat(Migrations.allApplied(made)).isTrue();
      // Copied, not migrated again: the history is the build's, to the second.
      assertThat(rows(made, HISTORY)).isEqualTo(rows(snapshot, HISTORY));
      assertThat(rows(made, "SELECT COUNT(*) FROM accounts")).containsExactly("0");
      assertThat(rows(made, "PRAGMA journal_mode")).containsExactly("wal");
    }
  }

  /**
   * A zip file system makes no hard links, as some network and FAT file systems do not: the copy is
   * given up, its temp file removed, and SQLite creates the database itself.
   */
  @Test
  void aFileSystemWithoutLinks_getsNoCopy_andKeepsNoTempFile() throws Exception {
    try (FileSystem noLinks =
        FileSystems.newFileSystem(scratch.resolve("folder.zip"), Map.of("create", "true"))) {
      Path folder = Files.createDirectory(noLinks.getPath("/data"));

      assertThat(SqliteSchemaTemplate.copyTo(folder.resolve("ferry.db"))).isFalse();

      try (Stream<Path> left = Files.list(folder)) {
        assertThat(left).isEmpty();
      }
    }
  }

  @Test
  void concurrentCopies_intoOneFolder_leaveOneWholeDatabase_andNoOtherFile() throws Exception {
    Path database = dataDir.resolve("ferry.db");
    int racers = 8;
    var start = new CountDownLatch(1);
    List<Future<Boolean>> copied = new ArrayList<>();
    try (var threads = Executors.newFixedThreadPool(racers)) {
      for (int i = 0; i < racers; i++) {
        copied.add(
            threads.submit(() -> {
              start.await();
              boolean made = SqliteSchemaTemplate.copyTo(database);
              // Whoever finds the file, made or not, finds all of it.
              try (Connection found = connect(database)) {
                assertThat(Migrations.allApplied(found)).isTrue();
              }
              return made;
            }));
      }
      start.countDown();
      int made = 0;
      for (Future<Boolean> racer : copied) {
        made += racer.get() ? 1 : 0;
      }
      assertThat(made).isEqualTo(1);
    }
    try (var files = Files.list(dataDir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .filteredOn(name -> !name.startsWith("ferry.db-"))
          .containsExactly("ferry.db");
    }
  }

  private static Connection connect(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
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
