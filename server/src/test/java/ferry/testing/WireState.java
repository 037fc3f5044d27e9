package ferry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Everything a Ferry data folder stores, as one comparable text: every row of every table of its
 * database and the path, size and SHA-256 of every blob. Two equal snapshots mean nothing stored
 * changed in between.
 */
public final class WireState implements AutoCloseable {
  private final Path dataDir;
  private final Connection db;

  /** Each table's rows ordered by every column, prepared once: the planning is most of the cost. */
  private final Map<String, PreparedStatement> everyRow = new HashMap<>();

  /** Opens one connection to the data folder's database for all of this state's snapshots. */
  public WireState(Path dataDir) {
    this.dataDir = dataDir;
    try {
      this.db = TestStore.connect(dataDir);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot open the database of " + dataDir, e);
    }
  }

  public String snapshot() {
    return rows() + blobs();
  }

  private String rows() {
    StringBuilder out = new StringBuilder();
    try {
      // The CloudTrail event history and the decision log record every call, refused ones too, by
      // design (and in the background, so their rows may land while a snapshot is taken).
      List<String> tables =
          TestStore.tables(db).stream()
              .filter(name -> !name.startsWith("cloudtrail") && !name.equals("authz_decisions"))
              .toList();
      for (String table : tables) {
        out.append("table ").append(table).append('\n');
        try (ResultSet rs = everyRow(table).executeQuery()) {
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
      throw new IllegalStateException("Cannot read the database of " + dataDir, e);
    }
    return out.toString();
  }

  private PreparedStatement everyRow(String table) throws SQLException {
    PreparedStatement statement = everyRow.get(table);
    if (statement == null) {
      int columns;
      try (Statement s = db.createStatement();
          ResultSet none = s.executeQuery("SELECT * FROM \"" + table + "\" LIMIT 0")) {
        columns = none.getMetaData().getColumnCount();
      }
      // Ordered by every column: PostgreSQL returns rows in no particular order after an update.
      String order =
          IntStream.rangeClosed(1, columns)
              .mapToObj(String::valueOf)
              .collect(Collectors.joining(", "));
      statement = db.prepareStatement("SELECT * FROM \"" + table + "\" ORDER BY " + order);
      everyRow.put(table, statement);
    }
    return statement;
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

  @Override
  public void close() throws SQLException {
    db.close();
  }
}
