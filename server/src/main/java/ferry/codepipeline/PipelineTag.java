package ferry.codepipeline;

/** A pipeline's tag, {@code key} and {@code value} on the wire. */
public record PipelineTag(String key, String value) {}
