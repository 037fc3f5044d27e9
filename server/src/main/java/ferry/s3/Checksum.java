package ferry.s3;

/**
 * A flexible checksum of an object: the algorithm and the base64 value; a multipart object's
 * composite value ends in {@code -<parts>}.
 */
public record Checksum(ChecksumAlgorithm algorithm, String value) {

  /** {@code FULL_OBJECT} or, for a checksum of part checksums, {@code COMPOSITE}. */
  public String type() {
    return value.contains("-") ? "COMPOSITE" : "FULL_OBJECT";
  }
}
