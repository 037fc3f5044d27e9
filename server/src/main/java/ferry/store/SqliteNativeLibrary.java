package ferry.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc's native library, extracted once into the data folder and loaded from there.
 *
 * <p>Left alone, sqlite-jdbc copies its library out of the jar into the temporary folder on every
 * start and, to pick the copy for the platform, runs {@code uname -o} (its Android check) as a
 * child process. Given a library path and name it does neither. The folder is named by
 * sqlite-jdbc's version, so another version extracts its own; a file that does not load makes
 * sqlite-jdbc fall back to its own extraction.
 */
final class SqliteNativeLibrary {
  private static final String PATH = "org.sqlite.lib.path";
  private static final String NAME = "org.sqlite.lib.name";
  private static boolean chosen;

  private SqliteNativeLibrary() {}

  /** Points sqlite-jdbc at the library under {@code dataDir}, extracting it the first time. */
  static synchronized void useFrom(Path dataDir) {
    // The first choice in a JVM holds: sqlite-jdbc loads its library once per JVM.
    if (chosen || System.getProperty(PATH) != null || System.getProperty(NAME) != null) {
      return;
    }
    chosen = true;
    Path library = libraryIn(dataDir);
    if (!Files.isRegularFile(library) && !extract(library)) {
      return;
    }
    System.setProperty(PATH, library.getParent().toString());
    System.setProperty(NAME, library.getFileName().toString());
  }

  /** Where the library of this sqlite-jdbc version lives in a data folder. */
  static Path libraryIn(Path dataDir) {
    return dataDir
        .toAbsolutePath()
        .resolve("lib")
        .resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion())
        .resolve(LibraryLoaderUtil.getNativeLibName());
  }

  /** Copies the platform's library out of the jar, appearing under its name only when complete. */
  static boolean extract(Path library) {
    String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + library.getFileName();
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        return false; // No library for this platform in the jar: sqlite-jdbc searches as usual.
      }
      Files.createDirectories(library.getParent());
      Path partial =
          Files.createTempFile(library.getParent(), library.getFileName().toString(), ".part");
      try {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
      return true;
    } catch (IOException e) {
      return false; // A read-only data folder: sqlite-jdbc extracts to the temporary folder.
    }
  }
}
