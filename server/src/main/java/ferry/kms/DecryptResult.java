package ferry.kms;

/** Decrypt's output: the plaintext and the ARN of the key that decrypted it. */
public record DecryptResult(String keyArn, byte[] plaintext) {}
