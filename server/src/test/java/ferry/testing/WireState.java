package ferry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything a Ferry data folder stores, as one comparable text: every row of every table of its
 * database and the path, size and SHA-256 of every blob. Two equal snapshots mean nothing stored
 * changed in between.
 */
public final class WireState {
  private final Path dataDir;

  public WireState(Path dataDir) {
    this.dataDir = dataDir;
  }

  public String snapshot() {
    return rows() + blobs();
  }

  private String rows() {
    StringBuilder out = new StringBuilder();
    String url = "jdbc:sqlite:" + dataDir.resolve("ferry.db").toAbsolutePath();
    try (Connection db = DriverManager.getConnection(url);
        Statement statement = db.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          statement.executeQuery(
              // The CloudTrail event history records every call, refused ones too, by design.
              "SELECT name FROM sqlite_master WHERE type = 'table'"
                  + " AND name NOT LIKE 'cloudtrail%' ORDER BY name")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        out.append("table ").append(table).append('\n');
        try (ResultSet rs = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              Object value = rs.getObject(i);
              out.append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value)
                  .append(i < columns ? " | " : "\n");
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read " + url, e);
    }
    return out.toString();
  }

  private String blobs() {
    Path root = dataDir.resolve("blobs");
    if (!Files.isDirectory(root)) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        byte[] bytes = Files.readAllBytes(file);
        out.append("blob ")
            .append(root.relativize(file))
            .append(' ')
            .append(bytes.length)
            .append(' ')
            .append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
            .append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
