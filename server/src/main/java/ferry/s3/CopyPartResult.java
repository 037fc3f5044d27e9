package ferry.s3;

/** What UploadPartCopy answers: the new part and the source version it was copied from. */
public record CopyPartResult(UploadedPart part, ObjectVersion source) {}
