package ferry.codepipeline;

/** An artifact store's KMS key: a key id, key ARN or alias ARN, as given. */
public record EncryptionKey(String id, String type) {}
