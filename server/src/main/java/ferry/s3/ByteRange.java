package ferry.s3;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP byte range, {@code bytes=first-last}, {@code bytes=first-} or {@code bytes=-suffix}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#name-range">RFC 9110 Range</a>
 */
public record ByteRange(long first, long last, boolean suffix) {

  /** Parses a Range header; null when it is not a single byte range (S3 then ignores it). */
  public static @Nullable ByteRange parse(@Nullable String header) {
    if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
      return null;
    }
    String spec = header.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      if (dash == 0) {
        return new ByteRange(0, Long.parseLong(spec.substring(1)), true);
      }
      long first = Long.parseLong(spec.substring(0, dash));
      String rest = spec.substring(dash + 1);
      long last = rest.isEmpty() ? Long.MAX_VALUE : Long.parseLong(rest);
      return last < first ? null : new ByteRange(first, last, false);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The offset of the first byte in an object of {@code size} bytes, or -1 if unsatisfiable. */
  public long start(long size) {
    if (suffix) {
      return last == 0 ? -1 : Math.max(0, size - last);
    }
    return first < size ? first : -1;
  }

  public long end(long size) {
    return suffix ? size - 1 : Math.min(last, size - 1);
  }
}
