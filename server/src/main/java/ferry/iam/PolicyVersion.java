package ferry.iam;

import java.time.Instant;

/** One version of a managed policy, {@code v1}, {@code v2} …; one of them is the default. */
public record PolicyVersion(
    String versionId, String document, boolean isDefault, Instant created) {}
