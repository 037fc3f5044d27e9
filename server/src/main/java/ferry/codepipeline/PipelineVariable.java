package ferry.codepipeline;

import org.jspecify.annotations.Nullable;

/** A V2 pipeline-level variable, referenced as {@code #{variables.NAME}}. */
public record PipelineVariable(
    String name, @Nullable String defaultValue, @Nullable String description) {}
