package ferry.console.web;

/** What a page asked a service for: the answer, or the access-denied panel shown instead of it. */
public sealed interface Outcome<T> {
  record Shown<T>(T shown) implements Outcome<T> {}

  record Denied<T>(Denial denial) implements Outcome<T> {}

  default boolean denied() {
    return this instanceof Denied;
  }

  /** The answer; only for an outcome that is not denied. */
  default T value() {
    if (this instanceof Shown<T> shown) {
      return shown.shown();
    }
    throw new IllegalStateException("A denied outcome has no value");
  }

  /** The denial; only for a denied outcome. */
  default Denial denial() {
    if (this instanceof Denied<T> denied) {
      return denied.denial();
    }
    throw new IllegalStateException("An outcome that was shown has no denial");
  }
}
