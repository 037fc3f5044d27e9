package ferry.codepipeline;

/** An artifact by name, and the S3 object that holds it. */
public record ArtifactLocation(String name, String bucket, String key) {}
