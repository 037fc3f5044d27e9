package ferry.cloudtrail.store;

/**
 * Calls recorded but whose events are not yet in the event history. A reader of the history waits
 * for them first, so an answered call's event is always found.
 */
@FunctionalInterface
public interface PendingEvents {
  /** Nothing is pending: events are written as they are recorded. */
  PendingEvents NONE = () -> {};

  /** Returns once every call recorded before this call has its events in the history. */
  void settle();
}
