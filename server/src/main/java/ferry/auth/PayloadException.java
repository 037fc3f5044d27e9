package ferry.auth;

import java.io.IOException;

/**
 * A body that fails its signature or framing while it streams. It is an IOException so that it
 * travels through stream copies; the HTTP layer unwraps the {@link AuthException} it carries.
 */
public final class PayloadException extends IOException {
  private final AuthException failure;

  public PayloadException(AuthException failure) {
    super(failure.getMessage(), failure);
    this.failure = failure;
  }

  public AuthException failure() {
    return failure;
  }
}
