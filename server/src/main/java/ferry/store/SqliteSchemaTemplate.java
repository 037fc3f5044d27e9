package ferry.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

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
   * is shipped (or the file appeared meanwhile), and the database is made as usual.
   */
  static boolean copyTo(Path database) {
    try (InputStream schema =
        SqliteSchemaTemplate.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (schema == null) {
        return false;
      }
      Files.copy(schema, database);
      // Durable as SQLite makes the files it creates, before anything is written to it.
      Durable.force(database);
      Durable.force(database.getParent());
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(database);
      } catch (IOException ignored) {
        // The message below names the file.
      }
      throw new StoreException("Cannot create the database " + database + ": " + e.getMessage(), e);
    }
  }
}
