package ferry.codepipeline;

import org.jspecify.annotations.Nullable;

/** Where a pipeline keeps its artifacts: an S3 bucket, optionally with a KMS key for SSE-KMS. */
public record ArtifactStore(String type, String location, @Nullable EncryptionKey encryptionKey) {}
