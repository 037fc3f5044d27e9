package ferry.codepipeline;

import java.time.Instant;

/** A stage's part in one execution; {@code retryAttempt} counts manual retries. */
public record StageExecution(
    String executionId, String stageName, StageStatus status, int retryAttempt, Instant updated) {}
