package ferry.kms;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.jspecify.annotations.Nullable;

/** AES-256-GCM with a 96-bit random IV and a 128-bit tag, as KMS uses for symmetric keys. */
public final class Aes256Gcm {
  public static final int KEY_BYTES = 32;
  public static final int IV_BYTES = 12;
  public static final int TAG_BYTES = 16;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Aes256Gcm() {}

  public static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** The ciphertext with its tag appended. */
  public static byte[] seal(SecretKey key, byte[] iv, byte[] aad, byte[] plaintext) {
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
      cipher.updateAAD(aad);
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  /**
   * Writes the ciphertext and its tag ({@code plaintext.length + TAG_BYTES} bytes) into {@code out}
   * at {@code offset}, so a caller can frame it without another copy.
   */
  public static void sealInto(
      SecretKey key, byte[] iv, byte[] aad, byte[] plaintext, byte[] out, int offset) {
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
      cipher.updateAAD(aad);
      cipher.doFinal(plaintext, 0, plaintext.length, out, offset);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  /** The plaintext, or null when the tag does not verify (altered bytes, wrong key or AAD). */
  public static byte @Nullable [] open(SecretKey key, byte[] iv, byte[] aad, byte[] sealed) {
    return open(key, iv, aad, sealed, 0, sealed.length);
  }

  /** Like {@link #open(SecretKey, byte[], byte[], byte[])}, on a slice of {@code input}. */
  public static byte @Nullable [] open(
      SecretKey key, byte[] iv, byte[] aad, byte[] input, int offset, int length) {
    if (length < TAG_BYTES) {
      return null;
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
      cipher.updateAAD(aad);
      return cipher.doFinal(input, offset, length);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }
}
