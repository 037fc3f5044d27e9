package ferry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Plain JDBC statements with positional arguments. Instants are stored as epoch milliseconds and
 * booleans as 0 or 1, so the same SQL runs on SQLite and PostgreSQL.
 */
public final class Sql {
  private Sql() {}

  public static int update(Connection connection, String sql, @Nullable Object... args)
      throws SQLException {
    StoreEvents.Statement event = StoreEvents.statement(sql);
    PreparedStatement statement = StatementCache.prepare(connection, sql);
    boolean ok = false;
    int changed = 0;
    try {
      bind(statement, args);
      changed = statement.executeUpdate();
      ok = true;
      return changed;
    } finally {
      StatementCache.release(connection, sql, statement, ok);
      event.done(changed);
    }
  }

  public static <T> List<T> list(
      Connection connection, String sql, RowMapper<T> mapper, @Nullable Object... args)
      throws SQLException {
    StoreEvents.Statement event = StoreEvents.statement(sql);
    PreparedStatement statement = StatementCache.prepare(connection, sql);
    boolean ok = false;
    List<T> result = new ArrayList<>();
    try {
      bind(statement, args);
      try (ResultSet rows = statement.executeQuery()) {
        event.readingRows();
        while (rows.next()) {
          result.add(mapper.map(rows));
        }
      }
      ok = true;
      return result;
    } finally {
      StatementCache.release(connection, sql, statement, ok);
      event.done(result.size());
    }
  }

  public static <T> Optional<T> one(
      Connection connection, String sql, RowMapper<T> mapper, @Nullable Object... args)
      throws SQLException {
    List<T> rows = list(connection, sql, mapper, args);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
  }

  public static long count(Connection connection, String sql, @Nullable Object... args)
      throws SQLException {
    return one(connection, sql, row -> row.getLong(1), args).orElse(0L);
  }

  public static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
    long millis = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  public static boolean bool(ResultSet row, String column) throws SQLException {
    return row.getInt(column) != 0;
  }

  private static void bind(PreparedStatement statement, @Nullable Object... args)
      throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object arg = args[i];
      int index = i + 1;
      switch (arg) {
        // NULL, not VARCHAR: PostgreSQL takes an untyped null for a column of any type.
        case null -> statement.setNull(index, Types.NULL);
        case Instant instant -> statement.setLong(index, instant.toEpochMilli());
        case Boolean flag -> statement.setInt(index, flag ? 1 : 0);
        case Enum<?> value -> statement.setString(index, value.name());
        case byte[] bytes -> statement.setBytes(index, bytes);
        default -> statement.setObject(index, arg);
      }
    }
  }
}
