package ferry.kms;

import java.util.Map;

/** Encrypt's input: up to 4096 bytes under a key, bound to an encryption context. */
public record EncryptRequest(
    String keyId, byte[] plaintext, Map<String, String> encryptionContext) {
  public EncryptRequest {
    encryptionContext = Map.copyOf(encryptionContext);
  }
}
