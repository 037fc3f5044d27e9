package ferry.s3;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The conditional headers of a read (If-Match, If-None-Match, If-Modified-Since,
 * If-Unmodified-Since) or of a copy source ({@code x-amz-copy-source-if-*}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#name-conditional-requests">RFC 9110</a>
 */
public record Preconditions(
    @Nullable String ifMatch,
    @Nullable String ifNoneMatch,
    @Nullable Instant ifModifiedSince,
    @Nullable Instant ifUnmodifiedSince) {
  public static final Preconditions NONE = new Preconditions(null, null, null, null);

  /** What the conditions say of a version: proceed, 304 Not Modified, or 412. */
  public enum Result {
    PROCEED,
    NOT_MODIFIED,
    FAILED
  }

  public Result evaluate(@Nullable String etag, Instant lastModified) {
    Instant modified = lastModified.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    if (ifMatch != null && !matches(ifMatch, etag)) {
      return Result.FAILED;
    }
    if (ifMatch == null && ifUnmodifiedSince != null && modified.isAfter(ifUnmodifiedSince)) {
      return Result.FAILED;
    }
    if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
      return Result.NOT_MODIFIED;
    }
    if (ifNoneMatch == null && ifModifiedSince != null && !modified.isAfter(ifModifiedSince)) {
      return Result.NOT_MODIFIED;
    }
    return Result.PROCEED;
  }

  /** Whether an entity-tag list (or {@code *}) names the ETag; quotes and W/ are ignored. */
  static boolean matches(String list, @Nullable String etag) {
    if (etag == null) {
      return false;
    }
    String bare = unquote(etag);
    for (String candidate : list.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*") || unquote(tag).equals(bare)) {
        return true;
      }
    }
    return false;
  }

  private static String unquote(String tag) {
    String t = tag.startsWith("W/") ? tag.substring(2) : tag;
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")
        ? t.substring(1, t.length() - 1)
        : t;
  }
}
