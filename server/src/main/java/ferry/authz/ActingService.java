package ferry.authz;

import org.jspecify.annotations.Nullable;

/**
 * The AWS service that makes the calls of the current thread with a principal's credentials, such
 * as the pipeline engine acting as {@code codepipeline.amazonaws.com}: CloudTrail's {@code
 * invokedBy}. It does not change authorization: a service role's calls are not {@code
 * aws:ViaAWSService}.
 */
public final class ActingService {
  private static final ThreadLocal<@Nullable String> CURRENT = new ThreadLocal<>();

  private ActingService() {}

  /** Makes {@code service} the acting one; returns the one before, for {@link #restore}. */
  public static @Nullable String enter(String service) {
    String outer = CURRENT.get();
    CURRENT.set(service);
    return outer;
  }

  public static void restore(@Nullable String outer) {
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
  }

  public static @Nullable String current() {
    return CURRENT.get();
  }
}
