package ferry.s3;

import org.jspecify.annotations.Nullable;

/**
 * What UploadPartCopy answers: the new part, the source version it was copied from, and the
 * checksum of the copied bytes in the upload's algorithm (null when the upload has none).
 */
public record CopyPartResult(
    UploadedPart part, ObjectVersion source, @Nullable Checksum checksum) {}
