package ferry.cloudformation;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One event of a stack: a resource's (or the stack's own) status change, with the reason. */
public record StackEvent(
    String eventId,
    String stackId,
    String stackName,
    String logicalId,
    @Nullable String physicalId,
    String type,
    Instant timestamp,
    String status,
    @Nullable String statusReason,
    @Nullable String properties,
    @Nullable String clientRequestToken) {}
