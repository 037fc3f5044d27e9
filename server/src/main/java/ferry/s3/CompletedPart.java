package ferry.s3;

import org.jspecify.annotations.Nullable;

/**
 * One part named in CompleteMultipartUpload.
 *
 * @param checksum the part's checksum as the request gives it ({@code ChecksumCRC32} …), or null
 */
public record CompletedPart(int partNumber, String etag, @Nullable Checksum checksum) {
  public CompletedPart(int partNumber, String etag) {
    this(partNumber, etag, null);
  }
}
