package ferry.kms;

/** Encrypt's output: the ciphertext and the ARN of the key that made it. */
public record EncryptResult(String keyArn, byte[] ciphertextBlob) {}
