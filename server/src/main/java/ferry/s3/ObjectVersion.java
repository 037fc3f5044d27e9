package ferry.s3;

import ferry.aws.AccountId;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One version of an object, or a delete marker.
 *
 * @param versionId "null" for the version written while the bucket was not versioned
 * @param headers the stored response headers: Content-Type, Cache-Control, … and x-amz-meta-*
 * @param blobId where the bytes are, null for a delete marker
 */
public record ObjectVersion(
    String bucket,
    String key,
    String versionId,
    long seq,
    boolean latest,
    boolean deleteMarker,
    long size,
    @Nullable String etag,
    Map<String, String> headers,
    AccountId owner,
    @Nullable String blobId,
    Instant created) {

  public static final String NULL_VERSION = "null";

  public ObjectVersion {
    headers = Map.copyOf(headers);
  }

  public String contentType() {
    return headers.getOrDefault("Content-Type", "binary/octet-stream");
  }
}
