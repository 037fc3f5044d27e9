package ferry.auth;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SigV4's derived signing keys, {@code HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service),
 * "aws4_request")}, cached per secret and scope since a key serves a whole day.
 */
public final class SigningKeys {
  private static final int MAX_CACHED = 4096;
  private final ConcurrentHashMap<String, byte[]> cache = new ConcurrentHashMap<>();

  public byte[] derive(String secret, CredentialScope scope) {
    String cacheKey = secret + "\n" + scope.scope();
    byte[] key = cache.get(cacheKey);
    if (key == null) {
      byte[] date = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scope.date());
      byte[] region = hmac(date, scope.region());
      byte[] service = hmac(region, scope.service());
      key = hmac(service, "aws4_request");
      if (cache.size() > MAX_CACHED) {
        cache.clear();
      }
      cache.put(cacheKey, key);
    }
    return key;
  }

  public static byte[] hmac(byte[] key, String data) {
    return hmac(key, data.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  static byte[] hmac(byte[] key, byte[] data, String algorithm) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      return mac.doFinal(data);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("Every JDK has " + algorithm, e);
    }
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  public static String sha256Hex(byte[] bytes) {
    return hex(sha256().digest(bytes));
  }

  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  /** Compares two signatures in time that does not depend on where they differ. */
  public static boolean same(String expected, String given) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
  }
}
