package ferry.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The migration scripts Ferry ships in {@code db/migration}, and whether a database has them all.
 * Asking costs one query and a listing; asking Flyway costs its classpath scan, plugin discovery
 * and validation, about a third of an empty start.
 */
final class Migrations {
  static final String LOCATION = "db/migration";

  /** One script's file name a line, written by the build (server/pom.xml). */
  private static final String INDEX = "db/migration.index";

  private Migrations() {}

  /** Whether Flyway's schema history holds every shipped script as applied successfully. */
  static boolean allApplied(Connection connection) {
    Set<String> applied = new HashSet<>();
    try (Statement s = connection.createStatement();
        ResultSet rows = s.executeQuery("SELECT script, success FROM flyway_schema_history")) {
      while (rows.next()) {
        if (rows.getBoolean(2)) {
          applied.add(rows.getString(1));
        }
      }
    } catch (SQLException noHistoryYet) {
      return false;
    }
    Set<String> shipped = shipped();
    return !shipped.isEmpty() && applied.containsAll(shipped);
  }

  /**
   * The file names of the shipped scripts: from the index the build writes beside them, else from a
   * listing of the jar or folder that holds them.
   */
  static Set<String> shipped() {
    try (InputStream index = Migrations.class.getClassLoader().getResourceAsStream(INDEX)) {
      if (index != null) {
        return new String(index.readAllBytes(), StandardCharsets.UTF_8)
            .lines()
            .filter(name -> name.endsWith(".sql"))
            .collect(Collectors.toSet());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    URL location = Migrations.class.getClassLoader().getResource(LOCATION);
    if (location == null) {
      return Set.of();
    }
    try {
      if (location.openConnection() instanceof JarURLConnection jar) {
        // The class loader has this jar open already: the JDK shares its index of entries.
        try (JarFile file = new JarFile(Path.of(jar.getJarFileURL().toURI()).toFile())) {
          String prefix = LOCATION + "/";
          return file.stream()
              .map(JarEntry::getName)
              .filter(name -> name.startsWith(prefix) && name.endsWith(".sql"))
              .map(name -> name.substring(prefix.length()))
              .filter(name -> !name.contains("/"))
              .collect(Collectors.toSet());
        }
      }
      try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
        return files
            .map(path -> path.getFileName().toString())
            .filter(name -> name.endsWith(".sql"))
            .collect(Collectors.toSet());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Set.of();
    }
  }
}
