package ferry.authz;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the current thread's call answered that CloudTrail logs as its {@code responseElements}, set
 * by the service that made the answer. Only what AWS logs goes here, and never a secret: AssumeRole
 * notes the session's user and access key id, not its secret key or session token.
 */
public final class ResponseElements {
  private static final ThreadLocal<@Nullable Map<String, Object>> CURRENT = new ThreadLocal<>();

  private ResponseElements() {}

  public static void note(Map<String, Object> elements) {
    CURRENT.set(Map.copyOf(elements));
  }

  /** The elements noted since the last take, if any; clears them. */
  public static @Nullable Map<String, Object> take() {
    Map<String, Object> elements = CURRENT.get();
    CURRENT.remove();
    return elements;
  }
}
