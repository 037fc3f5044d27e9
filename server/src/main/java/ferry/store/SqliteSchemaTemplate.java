package ferry.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The database a new SQLite data folder starts from: every migration applied and nothing else, made
 * by the build ({@code server/src/build/SchemaSnapshot.java}) and shipped as a resource. Copying it
 * takes a few milliseconds; Flyway takes most of a second in a fresh JVM (its classes loaded, every
 * script parsed and run). Migrations are plain DDL, the same for every database, so a copy is what
 * they would have made. A copy that lacks a newer script, from a build that skipped the step, is
 * migrated the rest of the way as any older database is.
 */
final class SqliteSchemaTemplate {
  static final String RESOURCE = "db/schema.sqlite";

  private SqliteSchemaTemplate() {}

  /**
   * Makes {@code database}, which does not exist yet, a copy of the shipped schema; false when none
   * is shipped, when the folder's file system cannot link files, or when the file appeared
   * meanwhile: then the database is made as usual.
   */
  static boolean copyTo(Path database) {
    Path folder = database.getParent();
    try (InputStream schema =
        SqliteSchemaTemplate.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (schema == null) {
        return false;
      }
      // Written whole under another name, then linked into place: a process that finds the
      // database, such as a second Ferry started on the same new folder, never finds half of it.
      Path copy = Files.createTempFile(folder, database.getFileName() + ".", ".new");
      try {
        Files.copy(schema, copy, StandardCopyOption.REPLACE_EXISTING);
        Durable.force(copy);
        if (!linked(copy, database)) {
          return false;
        }
      } finally {
        Files.deleteIfExists(copy);
      }
      // Durable as SQLite makes the files it creates, before anything is written to it.
      Durable.force(folder);
      return true;
    } catch (IOException e) {
      throw new StoreException("Cannot create the database " + database + ": " + e.getMessage(), e);
    }
  }

  /**
   * Links {@code copy} in as {@code database}: false if that exists already, or if this folder's
   * file system makes no links (then SQLite creates the database, and a real disk fault shows
   * there).
   */
  private static boolean linked(Path copy, Path database) throws IOException {
    try {
      Files.createLink(database, copy);
      return true;
    } catch (FileSystemException | UnsupportedOperationException e) {
      return false;
    }
  }
}
