package ferry.cloudformation;

import org.jspecify.annotations.Nullable;

/** One of a stack's outputs, with the name it is exported as, if any. */
public record StackOutput(
    String key, String value, @Nullable String description, @Nullable String exportName) {}
