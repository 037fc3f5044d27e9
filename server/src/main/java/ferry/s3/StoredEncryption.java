package ferry.s3;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How an object's bytes are encrypted at rest: the algorithm the client sees ({@code AES256} or
 * {@code aws:kms}), the KMS key ARN for SSE-KMS, and the object's data key encrypted under the
 * server key (SSE-S3), by KMS (SSE-KMS) or under the customer's key (SSE-C), base64.
 *
 * @param customerKeyCheck for SSE-C, the salted HMAC of the customer's key ({@link CustomerKeys});
 *     null otherwise
 * @param context for SSE-KMS, the encryption context the writer added to S3's {@code aws:s3:arn}
 *     (CloudTrail's {@code aws:cloudtrail:arn}); every decryption of the data key needs it again
 */
public record StoredEncryption(
    String algorithm,
    @Nullable String kmsKeyArn,
    String encryptedKey,
    boolean bucketKeyEnabled,
    @Nullable String customerKeyCheck,
    Map<String, String> context) {

  public StoredEncryption {
    context = Map.copyOf(context);
  }

  public StoredEncryption(
      String algorithm,
      @Nullable String kmsKeyArn,
      String encryptedKey,
      boolean bucketKeyEnabled,
      @Nullable String customerKeyCheck) {
    this(algorithm, kmsKeyArn, encryptedKey, bucketKeyEnabled, customerKeyCheck, Map.of());
  }

  public StoredEncryption(
      String algorithm, @Nullable String kmsKeyArn, String encryptedKey, boolean bucketKeyEnabled) {
    this(algorithm, kmsKeyArn, encryptedKey, bucketKeyEnabled, null);
  }

  public boolean isKms() {
    return algorithm.equals(ServerSideEncryption.AWS_KMS);
  }

  /** Whether the data key is wrapped under a key the customer provides (SSE-C). */
  public boolean isCustomerKey() {
    return customerKeyCheck != null;
  }
}
