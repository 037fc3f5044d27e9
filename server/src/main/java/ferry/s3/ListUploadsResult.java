package ferry.s3;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a bucket's multipart uploads in progress. */
public record ListUploadsResult(
    List<MultipartUpload> uploads,
    List<String> commonPrefixes,
    boolean truncated,
    @Nullable String nextKeyMarker,
    @Nullable String nextUploadIdMarker) {}
