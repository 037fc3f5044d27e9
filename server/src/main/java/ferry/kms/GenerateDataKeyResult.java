package ferry.kms;

/** A data key in plaintext and encrypted under the KMS key {@code keyArn}. */
public record GenerateDataKeyResult(String keyArn, byte[] plaintext, byte[] ciphertextBlob) {}
