package ferry.codepipeline;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The revision a source action read: for S3, the object's version id and ETag, its summary from the
 * {@code codepipeline-artifact-revision-summary} metadata, and when it was written.
 */
public record SourceRevision(
    String actionName,
    String artifactName,
    String revisionId,
    @Nullable String revisionChangeId,
    @Nullable String revisionSummary,
    @Nullable Instant created) {}
