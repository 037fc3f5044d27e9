package ferry.store;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One statement run through {@link Sql}, for JDK Flight Recorder: its SQL, how many rows it read or
 * changed, and of its duration the part spent reading rows into objects. Made only with {@code
 * -Dferry.jfr=true} ({@link StoreEvents}), written only while a recording runs. {@code
 * ferry.bench.SqlCosts} sums a recording by statement.
 */
@Name(SqlStatementEvent.NAME)
@Label("SQL Statement")
@Category({"Ferry", "Store"})
@Description("A statement run on Ferry's metadata database")
@StackTrace(false)
final class SqlStatementEvent extends Event implements StoreEvents.Statement {
  static final String NAME = "ferry.SqlStatement";

  @Label("SQL")
  String sql;

  @Label("Rows")
  @Description("The rows a query read, or the rows an update changed")
  int rows;

  @Label("Reading Rows")
  @Description("The part of the duration spent reading the rows into objects")
  @Timespan(Timespan.NANOSECONDS)
  long reading;

  private transient long readingFrom;

  static SqlStatementEvent begin(String sql) {
    var event = new SqlStatementEvent();
    event.sql = sql;
    event.begin();
    return event;
  }

  @Override
  public void readingRows() {
    if (isEnabled()) {
      readingFrom = System.nanoTime();
    }
  }

  @Override
  public void done(int rows) {
    if (shouldCommit()) {
      this.rows = rows;
      if (readingFrom != 0) {
        reading = System.nanoTime() - readingFrom;
      }
      commit();
    }
  }
}
