package ferry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The guide's policy documents in examples/guide/ at the repository root. */
public final class GuideDocuments {
  private GuideDocuments() {}

  /** A document by its path under examples/guide/, e.g. {@code prod/devkmss3access.json}. */
  public static String read(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("examples/guide"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("No examples/guide above " + Path.of("").toAbsolutePath());
    }
    try {
      return Files.readString(dir.resolve("examples/guide").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
