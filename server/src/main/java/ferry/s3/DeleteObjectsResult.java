package ferry.s3;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** DeleteObjects' answer: what was deleted and what failed, key by key. */
public record DeleteObjectsResult(List<Deleted> deleted, List<Failed> errors) {

  /** One key to delete, with an optional version and the ETag it must have (If-Match). */
  public record Target(String key, @Nullable String versionId, @Nullable String etag) {
    public Target(String key, @Nullable String versionId) {
      this(key, versionId, null);
    }
  }

  /** A deleted key: the version removed, or the delete marker made. */
  public record Deleted(
      String key,
      @Nullable String versionId,
      boolean deleteMarker,
      @Nullable String deleteMarkerVersionId) {}

  /** A key that was not deleted, with the AWS error code and message. */
  public record Failed(String key, @Nullable String versionId, String code, String message) {}
}
