package ferry.s3;

import org.jspecify.annotations.Nullable;

/**
 * One encrypted segment of an object's blob: a random id that, with the chunk number, makes each
 * chunk's nonce unique under the object's data key, and its plaintext size.
 *
 * @param checksum for a part of a multipart object with a composite checksum, the part's own
 *     checksum in the object's algorithm (what GetObject with partNumber answers); else null
 */
public record Segment(long id, long size, @Nullable String checksum) {
  public Segment(long id, long size) {
    this(id, size, null);
  }
}
