import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Build step (server/pom.xml): writes the migration scripts' file names, one a line, beside them in
 * the build output, so that a start reads 33 names instead of listing the runnable jar's entries.
 * Usage: java MigrationIndex.java FOLDER INDEX
 */
class MigrationIndex {
  public static void main(String[] args) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(args[0]))) {
      var names =
          files.map(path -> path.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted();
      Path index = Path.of(args[1]);
      Files.createDirectories(index.getParent());
      Files.write(index, (Iterable<String>) names::iterator);
    }
  }
}
