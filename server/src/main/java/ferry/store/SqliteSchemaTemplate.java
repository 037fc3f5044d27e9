package ferry.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * A new SQLite database with every migration applied and nothing else, kept for the life of the
 * process once one has been made, and copied to make the next ones. A process that creates many
 * data folders (tests, the JUnit extension's Ferry for each test class) migrates once: copying and
 * syncing the file takes a few milliseconds, running the scripts tens of them. Migrations are plain
 * DDL, the same for every database, so a copy is what they would have made.
 */
final class SqliteSchemaTemplate {
  private static @Nullable Path template;

  private SqliteSchemaTemplate() {}

  /**
   * Makes {@code database}, which does not exist yet, a copy of the template; false when there is
   * no template yet (or the file appeared meanwhile), and the database is made as usual.
   */
  static synchronized boolean copyTo(Path database) {
    if (template == null) {
      return false;
    }
    try {
      Files.copy(template, database);
      // Durable as SQLite makes the files it creates, before anything is written to it.
      Durable.force(database);
      Durable.force(database.getParent());
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new StoreException("Cannot create the database " + database + ": " + e.getMessage(), e);
    }
  }

  /**
   * Keeps a copy of {@code database}, new and just migrated, as the template, unless there is one.
   * A template that cannot be made only means the next database is migrated too.
   */
  static synchronized void keep(Path database) {
    if (template != null) {
      return;
    }
    Path copy = null;
    try {
      copy = Files.createTempFile("ferry-schema-", ".db");
      copy.toFile().deleteOnExit();
      // A consistent copy whatever the write-ahead log holds, written by SQLite itself.
      try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database);
          var statement = connection.prepareStatement("VACUUM INTO ?")) {
        statement.setString(1, copy.toString());
        statement.execute();
      }
      template = copy;
    } catch (IOException | SQLException e) {
      deleteQuietly(copy);
    }
  }

  /** Whether a template is kept; for tests. */
  static synchronized boolean kept() {
    return template != null;
  }

  private static void deleteQuietly(@Nullable Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // A temp file left behind; deleteOnExit still removes it.
      }
    }
  }
}
