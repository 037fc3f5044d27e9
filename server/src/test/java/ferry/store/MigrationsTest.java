package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
  @TempDir Path data;

  @Test
  void shipped_namesEveryScriptInTheMigrationFolder() throws Exception {
    Path folder = Path.of(getClass().getClassLoader().getResource("db/migration").toURI());
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(Migrations.shipped())
          .contains("V1__iam_accounts.sql")
          .containsExactlyInAnyOrderElementsOf(
              files.map(path -> path.getFileName().toString()).toList());
    }
  }

  /**
   * The same scripts migrate SQLite and PostgreSQL (an applied script is never edited: its checksum
   * is in every data folder), so each is written in the SQL both share.
   */
  @Test
  void everyScript_isWrittenInTheSqlSqliteAndPostgresqlShare() throws Exception {
    Pattern sqliteOnly =
        Pattern.compile(
            "\\b(BLOB|AUTOINCREMENT|WITHOUT\\s+ROWID|PRAGMA|GLOB|INSERT\\s+OR|REPLACE\\s+INTO"
                + "|STRFTIME|DATETIME|ROWID|COLLATE\\s+NOCASE|IFNULL)\\b",
            Pattern.CASE_INSENSITIVE);
    Path folder = Path.of(getClass().getClassLoader().getResource("db/migration").toURI());
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        String sql = Files.readString(file).replaceAll("--[^\\n]*", "");
        Matcher m = sqliteOnly.matcher(sql);
        while (m.find()) {
          found.add(file.getFileName() + ": " + m.group());
        }
      }
    }
    assertThat(found).as("SQLite-only SQL in a migration").isEmpty();
  }

  @Test
  void allApplied_onlyOnceFlywayHasRunEveryScript() throws Exception {
    String url = "jdbc:sqlite:" + data.resolve("ferry.db");
    try (Connection fresh = DriverManager.getConnection(url)) {
      assertThat(Migrations.allApplied(fresh)).isFalse();
    }

    Database.openSqlite(data).close();

    try (Connection migrated = DriverManager.getConnection(url)) {
      assertThat(Migrations.allApplied(migrated)).isTrue();
      try (Statement s = migrated.createStatement()) {
        s.execute(
            "UPDATE flyway_schema_history SET success = 0 WHERE script = 'V62__codepipeline_tags.sql'");
      }
      assertThat(Migrations.allApplied(migrated)).isFalse();
      try (Statement s = migrated.createStatement()) {
        s.execute("DELETE FROM flyway_schema_history WHERE script = 'V62__codepipeline_tags.sql'");
      }
      assertThat(Migrations.allApplied(migrated)).isFalse();
    }
  }

  @Test
  void open_withEveryScriptApplied_keepsTheSchemaAsItIs() {
    Database.openSqlite(data).close();

    try (Database again = Database.openSqlite(data)) {
      int scripts =
          again.read(c -> {
            try (Statement s = c.createStatement();
                var rows = s.executeQuery("SELECT count(*) FROM flyway_schema_history")) {
              rows.next();
              return rows.getInt(1);
            }
          });
      assertThat(scripts).isEqualTo(Migrations.shipped().size());
    }
  }

  /**
   * V49 makes a part refer to its upload. The rows of parts whose upload an abort or a completion
   * removed while they were recorded (possible before it) are not kept.
   */
  @Test
  void v49_keepsOnlyTheParts_ofUploadsThatExist() throws Exception {
    String url = "jdbc:sqlite:" + data.resolve("ferry.db");
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:" + Migrations.LOCATION)
        .target("48")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO s3_buckets (name, account_id, region, created)"
              + " VALUES ('b', '111111111111', 'us-east-1', 0)");
      s.execute(
          "INSERT INTO s3_uploads (upload_id, bucket, object_key, initiator_arn, owner_account,"
              + " initiated) VALUES ('going-on', 'b', 'k', 'arn:aws:iam::111111111111:root',"
              + " '111111111111', 0)");
      s.execute(
          "INSERT INTO s3_parts (upload_id, part_number, segment_id, size, etag, checksum, blob_id,"
              + " created) VALUES ('going-on', 1, 7, 5, 'etag1', 'crc', 'blob1', 11),"
              + " ('aborted', 1, 0, 5, 'etag2', NULL, 'blob2', 12)");
    }

    Database.openSqlite(data).close();

    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      try (ResultSet rows = s.executeQuery("SELECT * FROM s3_parts")) {
        assertThat(rows.next()).isTrue();
        assertThat(
                List.of(
                    rows.getString("upload_id"),
                    rows.getString("part_number"),
                    rows.getString("segment_id"),
                    rows.getString("size"),
                    rows.getString("etag"),
                    rows.getString("checksum"),
                    rows.getString("blob_id"),
                    rows.getString("created")))
            .containsExactly("going-on", "1", "7", "5", "etag1", "crc", "blob1", "11");
        assertThat(rows.next()).isFalse();
      }
      try (ResultSet reference = s.executeQuery("PRAGMA foreign_key_list(s3_parts)")) {
        assertThat(reference.next()).isTrue();
        assertThat(reference.getString("table")).isEqualTo("s3_uploads");
        assertThat(reference.getString("from")).isEqualTo("upload_id");
      }
    }
  }
}
