package ferry.s3.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server key of SSE-S3: 256 random bits in a file of the data folder, made on first use. It
 * wraps each object's data key (AES-GCM), so the key file and the blobs together are needed to read
 * an object.
 */
public final class ServerKey {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKeySpec key;

  private ServerKey(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  public static ServerKey inFile(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "key", ".tmp");
        try {
          Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // Not a POSIX file system: the data folder's own permissions protect the key.
        }
        Files.write(temp, fresh);
        try {
          // A link, not a rename (which replaces): of two nodes starting on one data folder at
          // once, the first link wins and both then read the same key.
          Files.createLink(file, temp);
        } catch (FileAlreadyExistsException lost) {
          // Another node made the key first; it is the one to use.
        } finally {
          Files.deleteIfExists(temp);
        }
      }
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length != 32) {
        throw new IllegalStateException("The S3 server key " + file + " is not 32 bytes");
      }
      return new ServerKey(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh random data key. */
  public static byte[] newDataKey() {
    byte[] dataKey = new byte[32];
    RANDOM.nextBytes(dataKey);
    return dataKey;
  }

  /** The data key encrypted under the server key: base64 of nonce and ciphertext. */
  public String wrap(byte[] dataKey) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(dataKey);
      return Base64.getEncoder()
          .encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is in every JDK", e);
    }
  }

  public byte[] unwrap(String wrapped) {
    try {
      byte[] bytes = Base64.getDecoder().decode(wrapped);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, 12));
      return cipher.doFinal(bytes, 12, bytes.length - 12);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "An object's data key does not decrypt under the server key", e);
    }
  }
}
