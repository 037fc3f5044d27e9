package ferry.s3;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One uploaded part of a multipart upload; its bytes are an encrypted blob of one segment. */
public record UploadedPart(
    String uploadId,
    int partNumber,
    long segmentId,
    long size,
    String etag,
    @Nullable String checksum,
    String blobId,
    Instant created) {}
