package ferry.s3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A key the customer sends with a request (SSE-C): 32 bytes for AES256, and the base64 MD5 of them
 * that the response echoes. Only ever held for the request; never stored.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerSideEncryptionCustomerKeys.html">SSE-C</a>
 */
public record CustomerKey(byte[] key, String md5) {
  public static final String ALGORITHM = "AES256";

  /**
   * The key of the three headers {@code <prefix>-algorithm}, {@code <prefix>-key} and {@code
   * <prefix>-key-MD5}, checked as S3 checks them; null when none is sent. SSE-C is refused over
   * plain HTTP, since the key would travel in the clear.
   */
  public static @Nullable CustomerKey parse(
      String prefix,
      @Nullable String algorithm,
      @Nullable String key,
      @Nullable String md5,
      boolean secureTransport) {
    if (algorithm == null && key == null && md5 == null) {
      return null;
    }
    if (!secureTransport) {
      throw S3Errors.invalidRequest(
          "Requests specifying Server Side Encryption with Customer provided keys must be made"
              + " over a secure connection.");
    }
    if (algorithm == null) {
      throw S3Errors.invalidArgument(
          "Requests specifying Server Side Encryption with Customer provided keys must provide a"
              + " valid encryption algorithm.",
          prefix + "-algorithm",
          "null");
    }
    if (!algorithm.trim().equals(ALGORITHM)) {
      throw S3Errors.invalidCustomerKeyAlgorithm();
    }
    if (key == null) {
      throw S3Errors.invalidArgument(
          "Requests specifying Server Side Encryption with Customer provided keys must provide an"
              + " appropriate secret key.",
          prefix + "-key",
          "null");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key.trim());
    } catch (IllegalArgumentException e) {
      bytes = new byte[0];
    }
    if (bytes.length != 32) {
      throw S3Errors.invalidArgument(
          "The secret key was invalid for the specified algorithm.", prefix + "-key", "");
    }
    String computed = md5(bytes);
    if (md5 == null) {
      throw S3Errors.invalidArgument(
          "Requests specifying Server Side Encryption with Customer provided keys must provide the"
              + " client calculated MD5 of the secret key.",
          prefix + "-key-MD5",
          "null");
    }
    if (!md5.trim().equals(computed)) {
      throw S3Errors.invalidArgument(
          "The calculated MD5 hash of the key did not match the hash that was provided.",
          prefix + "-key-MD5",
          md5);
    }
    return new CustomerKey(bytes, computed);
  }

  static String md5(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has MD5", e);
    }
  }

  @Override
  public String toString() {
    return "CustomerKey[md5=" + md5 + "]";
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof CustomerKey that && MessageDigest.isEqual(key, that.key);
  }

  @Override
  public int hashCode() {
    return md5.hashCode();
  }
}
