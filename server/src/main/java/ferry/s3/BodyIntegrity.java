package ferry.s3;

import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a request body must match: its Content-MD5, and a flexible checksum given in a header or
 * announced as a trailer ({@code x-amz-trailer}) that arrives after the body.
 *
 * @param contentMd5 the Content-MD5 header (base64), or null
 * @param algorithm the checksum algorithm to compute and store, or null
 * @param checksum the expected value from an {@code x-amz-checksum-*} header, or null
 * @param trailer the name of the trailer that carries the expected value, or null
 * @param trailers the body's trailers, complete once the body has been read to its end
 */
public record BodyIntegrity(
    @Nullable String contentMd5,
    @Nullable ChecksumAlgorithm algorithm,
    @Nullable String checksum,
    @Nullable String trailer,
    Supplier<Map<String, String>> trailers) {

  public static final BodyIntegrity NONE = new BodyIntegrity(null, null, null, null, Map::of);

  public static BodyIntegrity md5(@Nullable String contentMd5) {
    return new BodyIntegrity(contentMd5, null, null, null, Map::of);
  }
}
