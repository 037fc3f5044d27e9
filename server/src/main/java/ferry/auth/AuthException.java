package ferry.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/** A request whose signature or credentials do not hold; rendered per wire family by AuthErrors. */
public class AuthException extends RuntimeException {
  private final AuthFailure failure;
  private final Map<String, String> details;

  public AuthException(AuthFailure failure, String message) {
    this(failure, message, Map.of());
  }

  public AuthException(AuthFailure failure, String message, Map<String, String> details) {
    super(message);
    this.failure = failure;
    this.details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  public AuthFailure failure() {
    return failure;
  }

  /** Extra elements for S3's error document, such as StringToSign and CanonicalRequest. */
  public Map<String, String> details() {
    return details;
  }
}
