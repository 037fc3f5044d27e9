package ferry.s3;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A CreateMultipartUpload: what the completed object will carry. */
public record CreateMultipartUploadRequest(
    String bucket,
    String key,
    Map<String, String> headers,
    AccessControlList acl,
    Map<String, String> tags,
    @Nullable ServerSideEncryption encryption,
    @Nullable ChecksumAlgorithm checksumAlgorithm) {}
