package ferry.events;

import org.jspecify.annotations.Nullable;

/** PutRule's parameters; a rule needs an event pattern, a schedule, or both. */
public record PutRuleRequest(
    String name,
    @Nullable String eventPattern,
    @Nullable String scheduleExpression,
    @Nullable String state,
    @Nullable String description,
    @Nullable String roleArn,
    @Nullable String eventBusName) {}
