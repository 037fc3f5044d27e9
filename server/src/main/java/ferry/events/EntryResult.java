package ferry.events;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one entry of PutEvents, PutTargets or RemoveTargets: an event id or target id on
 * success, an error code and message on failure.
 */
public record EntryResult(
    @Nullable String id, @Nullable String errorCode, @Nullable String errorMessage) {

  public static EntryResult ok(String id) {
    return new EntryResult(id, null, null);
  }

  public static EntryResult failed(@Nullable String id, String code, String message) {
    return new EntryResult(id, code, message);
  }

  public boolean isFailed() {
    return errorCode != null;
  }
}
