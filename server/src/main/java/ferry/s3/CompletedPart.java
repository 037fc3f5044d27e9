package ferry.s3;

/** One part named in CompleteMultipartUpload. */
public record CompletedPart(int partNumber, String etag) {}
