package ferry.cloudtrail;

import org.jspecify.annotations.Nullable;

/** UpdateTrail's members that Ferry serves; null leaves a setting as it is. */
public record UpdateTrailRequest(
    String name,
    @Nullable String bucket,
    @Nullable String prefix,
    @Nullable Boolean includeGlobalServiceEvents,
    @Nullable Boolean multiRegion) {}
