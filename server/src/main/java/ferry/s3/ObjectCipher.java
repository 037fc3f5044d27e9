package ferry.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption of object bytes at rest: AES-256-GCM in chunks of 64 KiB, each with its own tag, so a
 * range is decrypted without reading the bytes before it. A blob is one or more segments (the parts
 * of a multipart upload, written separately and concatenated); the nonce of a chunk is its segment
 * number and its chunk number, which are unique under the object's own data key.
 */
final class ObjectCipher {
  static final int CHUNK = 64 * 1024;
  private static final int TAG = 16;

  private ObjectCipher() {}

  /** The stored size of a segment of {@code plain} bytes. */
  static long encryptedSize(long plain) {
    return plain + ((plain + CHUNK - 1) / CHUNK) * TAG;
  }

  /** A stream that encrypts segment {@code segment} into {@code out}; {@code close} ends it. */
  static OutputStream encrypting(OutputStream out, byte[] key, long segment) {
    return new Encrypting(out, key, segment);
  }

  /**
   * The plaintext bytes {@code start} to {@code start + length} of a blob made of segments of the
   * given plaintext sizes.
   */
  static InputStream decrypting(
      FileChannel blob, byte[] key, List<Segment> segments, long start, long length) {
    return new Decrypting(blob, key, segments, start, length);
  }

  private static Cipher cipher(int mode, byte[] key, long segment, long chunk) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      byte[] nonce = ByteBuffer.allocate(12).putLong(segment).putInt((int) chunk).array();
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG * 8, nonce));
      return cipher;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is in every JDK", e);
    }
  }

  private static final class Encrypting extends OutputStream {
    private final OutputStream out;
    private final byte[] key;
    private final long segment;
    private final byte[] plain = new byte[CHUNK];
    private final byte[] sealed = new byte[CHUNK + TAG];
    private int filled;
    private long chunk;

    Encrypting(OutputStream out, byte[] key, long segment) {
      this.out = out;
      this.key = key;
      this.segment = segment;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      while (length > 0) {
        int take = Math.min(length, CHUNK - filled);
        System.arraycopy(bytes, offset, plain, filled, take);
        filled += take;
        offset += take;
        length -= take;
        if (filled == CHUNK) {
          seal();
        }
      }
    }

    private void seal() throws IOException {
      try {
        int n =
            cipher(Cipher.ENCRYPT_MODE, key, segment, chunk++).doFinal(plain, 0, filled, sealed);
        out.write(sealed, 0, n);
        filled = 0;
      } catch (GeneralSecurityException e) {
        throw new IOException("Cannot encrypt", e);
      }
    }

    @Override
    public void close() throws IOException {
      if (filled > 0) {
        seal();
      }
      out.flush();
    }
  }

  private static final class Decrypting extends InputStream {
    private final FileChannel blob;
    private final byte[] key;
    private final List<Segment> segments;
    private long position;
    private long remaining;
    private byte[] chunkBytes = new byte[0];
    private int chunkOffset;

    Decrypting(FileChannel blob, byte[] key, List<Segment> segments, long start, long length) {
      this.blob = blob;
      this.key = key;
      this.segments = segments;
      this.position = start;
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      if (chunkOffset >= chunkBytes.length) {
        load();
      }
      int n = (int) Math.min(Math.min(length, chunkBytes.length - chunkOffset), remaining);
      System.arraycopy(chunkBytes, chunkOffset, into, offset, n);
      chunkOffset += n;
      position += n;
      remaining -= n;
      return n;
    }

    /** Decrypts the chunk that holds {@code position}. */
    private void load() throws IOException {
      long plainStart = 0;
      long cipherStart = 0;
      int index = 0;
      while (index < segments.size() && position >= plainStart + segments.get(index).size()) {
        plainStart += segments.get(index).size();
        cipherStart += encryptedSize(segments.get(index).size());
        index++;
      }
      if (index == segments.size()) {
        throw new IOException("Read past the end of the object");
      }
      Segment segment = segments.get(index);
      long within = position - plainStart;
      long chunk = within / CHUNK;
      int plainLength = (int) Math.min(CHUNK, segment.size() - chunk * CHUNK);
      ByteBuffer sealed = ByteBuffer.allocate(plainLength + TAG);
      long at = cipherStart + chunk * (CHUNK + TAG);
      while (sealed.hasRemaining()) {
        if (blob.read(sealed, at + sealed.position()) < 0) {
          throw new IOException("The object's file is shorter than its size");
        }
      }
      try {
        chunkBytes =
            cipher(Cipher.DECRYPT_MODE, key, segment.id(), chunk)
                .doFinal(sealed.array(), 0, sealed.limit());
      } catch (GeneralSecurityException e) {
        throw new IOException("The object's bytes do not decrypt: the file is damaged", e);
      }
      chunkOffset = (int) (within - chunk * CHUNK);
    }

    @Override
    public void close() throws IOException {
      blob.close();
    }
  }
}
