package ferry.s3;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * S3's flexible checksum algorithms; each value goes on the wire as base64 of the big-endian
 * checksum, in {@code x-amz-checksum-<name>}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity.html">Checking
 *     object integrity</a>
 */
public enum ChecksumAlgorithm {
  CRC32,
  CRC32C,
  CRC64NVME,
  SHA1,
  SHA256;

  /** The header that carries a value of this algorithm, e.g. {@code x-amz-checksum-crc32}. */
  public String header() {
    return "x-amz-checksum-" + name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The element name in XML documents, e.g. {@code ChecksumCRC32}. */
  public String element() {
    return "Checksum" + name();
  }

  public static @Nullable ChecksumAlgorithm fromWire(@Nullable String name) {
    if (name == null) {
      return null;
    }
    for (ChecksumAlgorithm algorithm : values()) {
      if (algorithm.name().equalsIgnoreCase(name.trim())) {
        return algorithm;
      }
    }
    return null;
  }

  /**
   * Whether a multipart upload may carry a full-object checksum of this algorithm: only the CRCs,
   * whose value for the whole object follows from the parts' values.
   */
  public boolean allowsFullObject() {
    return this == CRC32 || this == CRC32C || this == CRC64NVME;
  }

  /** Whether a multipart upload may carry a composite checksum of it: all but CRC64NVME. */
  public boolean allowsComposite() {
    return this != CRC64NVME;
  }

  /**
   * The CRC of two byte runs one after the other, from the CRC of each and the second's length,
   * without reading the bytes: crc(A·B) = crc(A)·x^(8·|B|) ⊕ crc(B) modulo the CRC's polynomial
   * (zlib's crc32_combine, for any of the three CRCs, whose initial value and final xor are equal).
   */
  public byte[] combine(byte[] first, byte[] second, long secondLength) {
    int width = this == CRC64NVME ? 64 : 32;
    long polynomial =
        switch (this) {
          case CRC32 -> 0xEDB88320L;
          case CRC32C -> 0x82F63B78L;
          case CRC64NVME -> 0x9A6C9329AC4BC9B5L;
          case SHA1, SHA256 -> throw new IllegalStateException(this + " does not combine");
        };
    // Polynomials are bit-reflected: the coefficient of x^0 is the top bit.
    long power = 1L << (width - 1);
    long square = 1L << (width - 9);
    for (long n = secondLength; n > 0; n >>>= 1) {
      if ((n & 1) != 0) {
        power = multiply(power, square, polynomial, width);
      }
      square = multiply(square, square, polynomial, width);
    }
    long combined = multiply(power, crc(first), polynomial, width) ^ crc(second);
    return width == 64
        ? ByteBuffer.allocate(8).putLong(combined).array()
        : ByteBuffer.allocate(4).putInt((int) combined).array();
  }

  private static long crc(byte[] value) {
    ByteBuffer buffer = ByteBuffer.wrap(value);
    return value.length == 8 ? buffer.getLong() : buffer.getInt() & 0xFFFFFFFFL;
  }

  /** a·b modulo the polynomial; a is never zero (a power of x). */
  private static long multiply(long a, long b, long polynomial, int width) {
    long bit = 1L << (width - 1);
    long product = 0;
    while (true) {
      if ((a & bit) != 0) {
        product ^= b;
        if ((a & (bit - 1)) == 0) {
          return product;
        }
      }
      bit >>>= 1;
      b = (b & 1) != 0 ? (b >>> 1) ^ polynomial : b >>> 1;
    }
  }

  /** A running computation of this checksum. */
  public Running start() {
    return switch (this) {
      case CRC32 -> new Crc32(new CRC32());
      case CRC32C -> new Crc32(new CRC32C());
      case CRC64NVME -> new Crc64Nvme();
      case SHA1 -> new Digest(digest("SHA-1"));
      case SHA256 -> new Digest(digest("SHA-256"));
    };
  }

  /** Checksums the bytes fed to it; {@link #base64()} gives the value once they are all in. */
  public interface Running {
    void update(byte[] bytes, int offset, int length);

    byte[] value();

    default String base64() {
      return Base64.getEncoder().encodeToString(value());
    }
  }

  private record Crc32(java.util.zip.Checksum crc) implements Running {
    @Override
    public void update(byte[] bytes, int offset, int length) {
      crc.update(bytes, offset, length);
    }

    @Override
    public byte[] value() {
      return ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
    }
  }

  private record Digest(MessageDigest digest) implements Running {
    @Override
    public void update(byte[] bytes, int offset, int length) {
      digest.update(bytes, offset, length);
    }

    @Override
    public byte[] value() {
      return digest.digest();
    }
  }

  /** CRC-64/NVME: reflected polynomial 0x9A6C9329AC4BC9B5, initial value and final xor all ones. */
  private static final class Crc64Nvme implements Running {
    private static final long[] TABLE = table();
    private long crc = -1L;

    private static long[] table() {
      long[] table = new long[256];
      for (int i = 0; i < 256; i++) {
        long c = i;
        for (int bit = 0; bit < 8; bit++) {
          c = (c & 1) != 0 ? (c >>> 1) ^ 0x9A6C9329AC4BC9B5L : c >>> 1;
        }
        table[i] = c;
      }
      return table;
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
      long c = crc;
      for (int i = offset; i < offset + length; i++) {
        c = TABLE[(int) ((c ^ bytes[i]) & 0xff)] ^ (c >>> 8);
      }
      crc = c;
    }

    @Override
    public byte[] value() {
      return ByteBuffer.allocate(8).putLong(~crc).array();
    }
  }

  private static MessageDigest digest(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has " + name, e);
    }
  }
}
