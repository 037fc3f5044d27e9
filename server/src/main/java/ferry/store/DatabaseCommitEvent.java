package ferry.store;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One transaction of {@link Database#write}, for JDK Flight Recorder: on SQLite a group commit of
 * the writes that queued meanwhile, on PostgreSQL one write (with its runs again after a conflict).
 * Its duration runs from the first write's work to the end of the commit, fsync included when it is
 * synced. A write made from within another write's work keeps its own transaction and is not
 * recorded. Made only with {@code -Dferry.jfr=true} ({@link StoreEvents}).
 */
@Name(DatabaseCommitEvent.NAME)
@Label("Database Commit")
@Category({"Ferry", "Store"})
@Description("A transaction of writes committed together on Ferry's metadata database")
@StackTrace(false)
final class DatabaseCommitEvent extends Event implements StoreEvents.Commit {
  static final String NAME = "ferry.DatabaseCommit";

  @Label("Writes")
  @Description("The writes the transaction held, each in its own savepoint on SQLite")
  int writes;

  @Label("Synced")
  @Description(
      "Whether a write asked for a durable commit: SQLite then fsyncs its log at the commit;"
          + " PostgreSQL commits as its synchronous_commit says")
  boolean synced;

  static DatabaseCommitEvent begin(int writes, boolean synced) {
    var event = new DatabaseCommitEvent();
    event.writes = writes;
    event.synced = synced;
    event.begin();
    return event;
  }

  @Override
  public void done() {
    commit();
  }
}
