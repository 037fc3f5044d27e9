package ferry.s3;

import java.util.List;

/** One page of an upload's parts. */
public record ListPartsResult(
    MultipartUpload upload,
    List<UploadedPart> parts,
    boolean truncated,
    int nextPartNumberMarker) {}
