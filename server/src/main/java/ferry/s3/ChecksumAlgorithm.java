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
