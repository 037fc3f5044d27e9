package ferry.iam;

import java.security.SecureRandom;

/**
 * New access key ids and secrets in AWS's shapes: AKIA/ASIA + 16 base32 characters, 40-char
 * secrets.
 */
public final class AccessKeys {
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String SECRET_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final SecureRandom RANDOM = new SecureRandom();

  private AccessKeys() {}

  /** A long-term key id ({@code AKIA…}). */
  public static String newLongTermId() {
    return "AKIA" + random(BASE32, 16);
  }

  /** A temporary key id from STS ({@code ASIA…}). */
  public static String newTemporaryId() {
    return "ASIA" + random(BASE32, 16);
  }

  public static String newSecret() {
    return random(SECRET_CHARS, 40);
  }

  /** A unique id with an IAM prefix such as AIDA (users), AROA (roles), ANPA (policies). */
  public static String newUniqueId(String prefix) {
    return prefix + random(BASE32, 17);
  }

  static String random(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
