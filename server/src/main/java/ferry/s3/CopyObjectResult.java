package ferry.s3;

/** What CopyObject answers: the new version and the source version that was copied. */
public record CopyObjectResult(PutObjectResult result, ObjectVersion source) {}
