package ferry.cloudformation.template;

import org.jspecify.annotations.Nullable;

/** One of a stack's outputs, every function resolved; a list value is joined with commas. */
public record ResolvedOutput(
    String key, String value, @Nullable String description, @Nullable String exportName) {}
