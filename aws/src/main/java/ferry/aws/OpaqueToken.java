package ferry.aws;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random base64url text for ids a client passes back (upload ids, grant tokens). It never starts
 * with '-': the aws CLI reads {@code --upload-id -hJVd…} as options, so one id in 64 would be
 * unusable from a shell.
 */
public final class OpaqueToken {
  private static final SecureRandom RANDOM = new SecureRandom();

  private OpaqueToken() {}

  /** {@code bytes} random bytes in base64url without padding. */
  public static String of(int bytes) {
    byte[] random = new byte[bytes];
    String text;
    do {
      RANDOM.nextBytes(random);
      text = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    } while (text.startsWith("-"));
    return text;
  }
}
