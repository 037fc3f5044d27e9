package ferry.store;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one row of a result set into a value. */
@FunctionalInterface
public interface RowMapper<T> {
  T map(ResultSet row) throws SQLException;
}
