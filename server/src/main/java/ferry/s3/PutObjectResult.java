package ferry.s3;

/**
 * What PutObject, CopyObject and CompleteMultipartUpload answer: the new version, and whether the
 * bucket is (or was) versioned, which decides if {@code x-amz-version-id} is sent.
 */
public record PutObjectResult(ObjectVersion version, boolean versioned) {
  public String etag() {
    return java.util.Objects.requireNonNull(version.etag());
  }

  public String versionId() {
    return version.versionId();
  }
}
