package ferry.store;

/**
 * The store's Flight Recorder events ({@link SqlStatementEvent}, {@link DatabaseCommitEvent}),
 * emitted only when Ferry runs with {@code -Dferry.jfr=true} (and a recording runs). Off, no event
 * class is loaded: loading the first subclass of {@code jdk.jfr.Event} starts the recorder's Java
 * side, over a hundred classes, in every start of Ferry.
 */
final class StoreEvents {
  static final boolean ON = Boolean.getBoolean("ferry.jfr");

  /** A statement being timed. */
  interface Statement {
    /** The statement has executed; what follows is reading its rows. */
    void readingRows();

    /** The statement is done, having read or changed {@code rows} rows. */
    void done(int rows);
  }

  /** A commit being timed. */
  interface Commit {
    void done();
  }

  private static final Statement NO_STATEMENT =
      new Statement() {
        @Override
        public void readingRows() {}

        @Override
        public void done(int rows) {}
      };

  private static final Commit NO_COMMIT = () -> {};

  private StoreEvents() {}

  static Statement statement(String sql) {
    return ON ? SqlStatementEvent.begin(sql) : NO_STATEMENT;
  }

  static Commit commit(int writes, boolean synced) {
    return ON ? DatabaseCommitEvent.begin(writes, synced) : NO_COMMIT;
  }
}
