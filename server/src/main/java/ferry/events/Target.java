package ferry.events;

import org.jspecify.annotations.Nullable;

/**
 * A rule's target: where matching events go, and the role EventBridge assumes to send them there.
 */
public record Target(
    String id,
    String arn,
    @Nullable String roleArn,
    @Nullable String input,
    @Nullable String inputPath) {}
