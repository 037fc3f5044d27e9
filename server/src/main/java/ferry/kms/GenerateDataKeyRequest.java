package ferry.kms;

import java.util.Map;

/**
 * GenerateDataKey's input: {@code keyId} is a key id, key ARN, alias name or alias ARN; {@code
 * numberOfBytes} from 1 to 1024 (32 for an AES-256 data key).
 */
public record GenerateDataKeyRequest(
    String keyId, Map<String, String> encryptionContext, int numberOfBytes) {
  public GenerateDataKeyRequest {
    encryptionContext = Map.copyOf(encryptionContext);
  }
}
