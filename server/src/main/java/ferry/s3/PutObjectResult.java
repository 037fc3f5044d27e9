package ferry.s3;

/** What PutObject answers: the ETag and, in a versioned bucket, the new version's id. */
public record PutObjectResult(String etag, String versionId, boolean versioned) {}
