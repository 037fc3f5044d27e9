package ferry.store;

/** The database or the blob folder failed; the request fails with an internal error. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
