package ferry.app;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * The data folder cannot be made or written: a full or read-only disk, a file in its place, no
 * rights. A start that meets one says so in one line instead of failing wherever it first wrote.
 */
public final class DataFolderException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Written and removed at each start: a disk too full for it is too full for Ferry. */
  private static final String PROBE = ".ferry-write-check";

  private static final int PROBE_BYTES = 4096;

  /** SQLite's result codes for a full disk, a read-only file, a file it cannot open, and I/O. */
  private static final int SQLITE_READONLY = 8;

  private static final int SQLITE_IOERR = 10;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_CANTOPEN = 14;

  private DataFolderException(Path folder, String problem, Throwable cause) {
    super("the data folder " + folder + " " + problem, cause);
  }

  /** Makes the folder if it is missing and checks that a block can be written into it. */
  static void prepare(Path folder) throws DataFolderException {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new DataFolderException(
          folder, "is a file, not a folder", new IOException(folder + " is a file"));
    }
    try {
      Files.createDirectories(folder);
      Path probe = folder.resolve(PROBE);
      try {
        Files.write(probe, new byte[PROBE_BYTES]);
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException e) {
      DataFolderException explained = explain(folder, e, true);
      throw explained != null
          ? explained
          : new DataFolderException(folder, "cannot be written: " + e.getMessage(), e);
    }
  }

  /**
   * The data folder problem behind a failed start, or null when it was something else.
   *
   * @param sqlite whether the metadata database is SQLite in the folder, whose result codes then
   *     speak of the folder's disk
   */
  static @Nullable DataFolderException explain(Path folder, Throwable failure, boolean sqlite) {
    int depth = 0;
    for (Throwable cause = failure; cause != null && depth < 20; cause = cause.getCause()) {
      depth++;
      if (cause instanceof DataFolderException known) {
        return known;
      }
      String message = String.valueOf(cause.getMessage());
      if (cause instanceof FileSystemException file && file.getReason() != null) {
        message = file.getReason();
      }
      if (cause instanceof IOException && message.contains("No space left on device")) {
        return full(folder, cause);
      }
      if (cause instanceof IOException && message.contains("Read-only file system")) {
        return readOnly(folder, cause);
      }
      if (cause instanceof AccessDeniedException) {
        return new DataFolderException(folder, "cannot be written: permission denied", cause);
      }
      if (cause instanceof FileSystemException) {
        return new DataFolderException(folder, "cannot be written: " + message, cause);
      }
      if (sqlite && cause instanceof SQLException sql) {
        switch (sql.getErrorCode()) {
          case SQLITE_FULL -> {
            return full(folder, cause);
          }
          case SQLITE_READONLY -> {
            return readOnly(folder, cause);
          }
          case SQLITE_IOERR, SQLITE_CANTOPEN -> {
            return new DataFolderException(folder, "cannot be written: " + sql.getMessage(), cause);
          }
          default -> {}
        }
      }
    }
    return null;
  }

  private static DataFolderException full(Path folder, Throwable cause) {
    return new DataFolderException(folder, "is on a full disk", cause);
  }

  private static DataFolderException readOnly(Path folder, Throwable cause) {
    return new DataFolderException(folder, "is on a read-only file system", cause);
  }
}
