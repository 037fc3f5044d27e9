package ferry.cloudtrail;

import org.jspecify.annotations.Nullable;

/** CreateTrail's members that Ferry serves; the others are refused by the wire binding. */
public record CreateTrailRequest(
    String name,
    String bucket,
    @Nullable String prefix,
    boolean includeGlobalServiceEvents,
    boolean multiRegion) {}
