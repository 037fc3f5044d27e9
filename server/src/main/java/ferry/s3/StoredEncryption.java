package ferry.s3;

import org.jspecify.annotations.Nullable;

/**
 * How an object's bytes are encrypted at rest: the algorithm the client sees ({@code AES256} or
 * {@code aws:kms}), the KMS key ARN for SSE-KMS, and the object's data key encrypted under the
 * server key (SSE-S3) or by KMS (SSE-KMS), base64.
 */
public record StoredEncryption(
    String algorithm, @Nullable String kmsKeyArn, String encryptedKey, boolean bucketKeyEnabled) {

  public boolean isKms() {
    return algorithm.equals(ServerSideEncryption.AWS_KMS);
  }
}
