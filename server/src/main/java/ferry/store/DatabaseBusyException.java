package ferry.store;

/**
 * A request waited its whole time for a pooled connection while the database answered: Ferry is
 * overloaded, not cut off. The request changed nothing and may be sent again.
 */
public final class DatabaseBusyException extends StoreException {
  public DatabaseBusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
