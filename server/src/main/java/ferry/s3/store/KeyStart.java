package ferry.s3.store;

/** Where a listing of keys starts: at {@code key} itself, or just after it. */
public record KeyStart(String key, boolean included) {
  public static KeyStart at(String key) {
    return new KeyStart(key, true);
  }

  public static KeyStart after(String key) {
    return new KeyStart(key, false);
  }

  /** This start, or the first key that may start with {@code prefix} when that comes later. */
  KeyStart notBefore(String prefix) {
    return KeyOrder.compare(prefix, key) > 0 ? at(prefix) : this;
  }
}
