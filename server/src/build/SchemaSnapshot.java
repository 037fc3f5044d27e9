import ferry.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Build step (server/pom.xml): writes a SQLite database with every migration applied and nothing
 * else, which each new data folder's database starts as a copy of ({@code SqliteSchemaTemplate}).
 * Usage: java -classpath SERVER_CLASSPATH SchemaSnapshot.java FILE
 */
class SchemaSnapshot {
  // Held, so that the level stays set: Flyway would log each script to the build's output.
  private static final Logger FLYWAY = Logger.getLogger("org.flywaydb");

  public static void main(String[] args) throws Exception {
    FLYWAY.setLevel(Level.WARNING);
    Path snapshot = Path.of(args[0]);
    // Else the database below would start as a copy of the last build's.
    Files.deleteIfExists(snapshot);
    Path folder = Files.createTempDirectory("ferry-schema-");
    try {
      Database.openSqlite(folder).close();
      // A consistent copy whatever the write-ahead log holds, written by SQLite itself.
      try (var connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("ferry.db"));
          var statement = connection.prepareStatement("VACUUM INTO ?")) {
        statement.setString(1, snapshot.toString());
        statement.execute();
      }
    } finally {
      delete(folder);
    }
  }

  private static void delete(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
