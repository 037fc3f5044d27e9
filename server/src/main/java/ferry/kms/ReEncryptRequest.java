package ferry.kms;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** ReEncrypt's input: decrypt under the source key and context, encrypt under the destination's. */
public record ReEncryptRequest(
    byte[] ciphertextBlob,
    Map<String, String> sourceEncryptionContext,
    @Nullable String sourceKeyId,
    String destinationKeyId,
    Map<String, String> destinationEncryptionContext) {
  public ReEncryptRequest {
    sourceEncryptionContext = Map.copyOf(sourceEncryptionContext);
    destinationEncryptionContext = Map.copyOf(destinationEncryptionContext);
  }
}
