package ferry.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * A new SQLite database with every migration applied and nothing else, kept for the life of the
 * process, and copied to make the next ones. A process that creates many data folders (tests, the
 * JUnit extension's Ferry for each test class) migrates twice: copying and syncing the file takes a
 * few milliseconds, running the scripts tens of them. Migrations are plain DDL, the same for every
 * database, so a copy is what they would have made.
 *
 * <p>The template is the bytes of a database file, held in memory: a temp file would outlive a
 * {@code kill -9} (verify runs left them behind, from killed servers and test forks). It is kept
 * from the second database a process migrates, not the first: a server makes one database in its
 * life and has no use for it.
 */
final class SqliteSchemaTemplate {
  private static byte @Nullable [] template;
  private static int migrated;

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
      Files.write(database, template, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      // Durable as SQLite makes the files it creates, before anything is written to it.
      Durable.force(database);
      Durable.force(database.getParent());
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      deleteQuietly(database);
      throw new StoreException("Cannot create the database " + database + ": " + e.getMessage(), e);
    }
  }

  /**
   * Keeps a copy of {@code database}, new and just migrated, as the template when it is the second
   * such database of the process and there is none yet. A template that cannot be made only means
   * the next database is migrated too.
   */
  static synchronized void keep(Path database) {
    if (template != null || ++migrated < 2) {
      return;
    }
    // Next to the database, in the folder being made, not in the shared temp folder; read back and
    // deleted at once.
    Path copy = database.resolveSibling(database.getFileName() + ".template");
    try {
      // A consistent copy whatever the write-ahead log holds, written by SQLite itself.
      try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database);
          var statement = connection.prepareStatement("VACUUM INTO ?")) {
        statement.setString(1, copy.toString());
        statement.execute();
      }
      template = Files.readAllBytes(copy);
    } catch (IOException | SQLException e) {
      // No template: the next database is migrated too.
    } finally {
      deleteQuietly(copy);
    }
  }

  /** Whether a template is kept; for tests. */
  static synchronized boolean kept() {
    return template != null;
  }

  /** Forgets the template and the databases migrated, as a new process would; for tests. */
  static synchronized void forget() {
    template = null;
    migrated = 0;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // Left in the data folder, where nothing reads it.
    }
  }
}
