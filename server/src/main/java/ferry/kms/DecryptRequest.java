package ferry.kms;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decrypt's input. The ciphertext names its key; {@code keyId}, when given, must name the same key.
 */
public record DecryptRequest(
    byte[] ciphertextBlob, Map<String, String> encryptionContext, @Nullable String keyId) {
  public DecryptRequest {
    encryptionContext = Map.copyOf(encryptionContext);
  }
}
