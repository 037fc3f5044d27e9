package ferry.s3;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * SSE-C at rest: an object's random data key is kept wrapped (AES-256-GCM) under the customer's
 * key, and the customer's key itself only as a randomly salted HMAC, as S3 documents, to tell a
 * wrong key from a right one. Without the key neither the data key nor the bytes can be read.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerSideEncryptionCustomerKeys.html">SSE-C</a>
 */
final class CustomerKeys {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SALT = 16;

  private CustomerKeys() {}

  /** What is stored to recognise {@code key} later: base64 of a random salt and HMAC(salt, key). */
  static String check(CustomerKey key) {
    byte[] salt = new byte[SALT];
    RANDOM.nextBytes(salt);
    return Base64.getEncoder()
        .encodeToString(ByteBuffer.allocate(SALT + 32).put(salt).put(hmac(salt, key)).array());
  }

  static boolean matches(String check, CustomerKey key) {
    byte[] stored = Base64.getDecoder().decode(check);
    byte[] salt = java.util.Arrays.copyOf(stored, SALT);
    byte[] mac = java.util.Arrays.copyOfRange(stored, SALT, stored.length);
    return MessageDigest.isEqual(mac, hmac(salt, key));
  }

  /**
   * The key sent must be the key the object was stored with: an SSE-C object is not read without it
   * (400), nor with another (403); a key sent for an object stored otherwise is refused (400).
   */
  static void verify(@Nullable StoredEncryption stored, @Nullable CustomerKey key) {
    String check = stored == null ? null : stored.customerKeyCheck();
    if (check == null) {
      if (key != null) {
        throw S3Errors.invalidRequest(
            "The encryption parameters are not applicable to this object.");
      }
      return;
    }
    if (key == null) {
      throw S3Errors.invalidRequest(
          "The object was stored using a form of Server Side Encryption. The correct parameters"
              + " must be provided to retrieve the object.");
    }
    if (!matches(check, key)) {
      throw S3Errors.accessDenied(
          "Access Denied: the customer-provided key (SSE-C) is not the key the object was stored"
              + " with");
    }
  }

  static String wrap(CustomerKey key, byte[] dataKey) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(key.key(), "AES"),
          new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(dataKey);
      return Base64.getEncoder()
          .encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is in every JDK", e);
    }
  }

  /** The data key, once {@link #verify} accepted {@code key}. */
  static byte[] unwrap(CustomerKey key, String wrapped) {
    byte[] bytes = Base64.getDecoder().decode(wrapped);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(key.key(), "AES"),
          new GCMParameterSpec(128, bytes, 0, 12));
      return cipher.doFinal(bytes, 12, bytes.length - 12);
    } catch (javax.crypto.AEADBadTagException e) {
      throw S3Errors.accessDenied(
          "Access Denied: the customer-provided key (SSE-C) is not the key the object was stored"
              + " with");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is in every JDK", e);
    }
  }

  private static byte[] hmac(byte[] salt, CustomerKey key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      return mac.doFinal(key.key());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is in every JDK", e);
    }
  }
}
