package ferry.kms;

/** ReEncrypt's output. */
public record ReEncryptResult(String sourceKeyArn, String keyArn, byte[] ciphertextBlob) {}
