package ferry.s3;

import ferry.store.BufferPool;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Encryption of object bytes at rest: AES-256-GCM in chunks of 64 KiB, each with its own tag, so a
 * range is decrypted without reading the bytes before it. A blob is one or more segments (the parts
 * of a multipart upload, written separately); the nonce of a chunk is its segment number and its
 * chunk number, which are unique under the object's own data key.
 */
final class ObjectCipher {
  static final int CHUNK = 64 * 1024;
  private static final int WRITE_CHUNKS = 4;
  private static final int TAG = 16;

  /** Plaintext chunks: a chunk arriving in pieces, and each decrypted chunk. */
  private static final BufferPool CHUNKS = new BufferPool(CHUNK, 32);

  /** Sealed chunks: several waiting to be written, or one read to be decrypted. */
  private static final BufferPool SEALED_WRITES = new BufferPool(WRITE_CHUNKS * (CHUNK + TAG), 32);

  private static final BufferPool SEALED_CHUNKS = new BufferPool(CHUNK + TAG, 32);

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
   * Where a blob's sealed segments are: all in one file, one after another, or each in its own file
   * (a composed blob).
   */
  interface SegmentFiles extends Closeable {
    /** The file holding segment {@code index}. */
    FileChannel file(int index) throws IOException;

    /** Where segment {@code index} begins in its file, given where it would in a single file. */
    long start(int index, long startInOneFile);

    /** Every segment in one file (single PUTs, and multipart objects stored before composing). */
    static SegmentFiles oneFile(FileChannel channel) {
      return new SegmentFiles() {
        @Override
        public FileChannel file(int index) {
          return channel;
        }

        @Override
        public long start(int index, long startInOneFile) {
          return startInOneFile;
        }

        @Override
        public void close() throws IOException {
          channel.close();
        }
      };
    }
  }

  /**
   * The plaintext bytes {@code start} to {@code start + length} of a blob made of segments of the
   * given plaintext sizes.
   */
  static InputStream decrypting(
      SegmentFiles files, byte[] key, List<Segment> segments, long start, long length) {
    return new Decrypting(files, key, segments, start, length);
  }

  /** One AES-GCM cipher under one key, initialised afresh with each chunk's nonce. */
  private static final class ChunkCipher {
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final int mode;

    ChunkCipher(int mode, byte[] key) {
      try {
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM is in every JDK", e);
      }
      this.key = new SecretKeySpec(key, "AES");
      this.mode = mode;
    }

    /** Encrypts or decrypts one chunk into {@code out}; returns the bytes written. */
    int doFinal(long segment, long chunk, byte[] in, int length, byte[] out)
        throws GeneralSecurityException {
      return doFinal(segment, chunk, in, 0, length, out, 0);
    }

    int doFinal(
        long segment, long chunk, byte[] in, int offset, int length, byte[] out, int outOffset)
        throws GeneralSecurityException {
      byte[] nonce = ByteBuffer.allocate(12).putLong(segment).putInt((int) chunk).array();
      cipher.init(mode, key, new GCMParameterSpec(TAG * 8, nonce));
      return cipher.doFinal(in, offset, length, out, outOffset);
    }
  }

  private static final class Encrypting extends OutputStream {
    private final OutputStream out;
    private final ChunkCipher cipher;
    private final long segment;

    /** A chunk arriving in pieces; most arrive whole and are sealed from the caller's buffer. */
    private byte @Nullable [] plain;

    /** Sealed chunks waiting to be written: a few at a time, to save system calls. */
    private final byte[] sealed = SEALED_WRITES.take();

    private int sealedLength;
    private int filled;
    private long chunk;
    private boolean closed;

    Encrypting(OutputStream out, byte[] key, long segment) {
      this.out = out;
      this.cipher = new ChunkCipher(Cipher.ENCRYPT_MODE, key);
      this.segment = segment;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (closed) {
        throw new IOException("The object's bytes were already sealed");
      }
      while (length > 0) {
        if (filled == 0 && length >= CHUNK) {
          // A whole chunk in the caller's buffer is sealed from there, without a copy.
          seal(bytes, offset, CHUNK);
          offset += CHUNK;
          length -= CHUNK;
          continue;
        }
        int take = Math.min(length, CHUNK - filled);
        if (plain == null) {
          plain = CHUNKS.take();
        }
        System.arraycopy(bytes, offset, plain, filled, take);
        filled += take;
        offset += take;
        length -= take;
        if (filled == CHUNK) {
          seal();
        }
      }
    }

    private void drain() throws IOException {
      out.write(sealed, 0, sealedLength);
      sealedLength = 0;
    }

    private void seal() throws IOException {
      seal(Objects.requireNonNull(plain), 0, filled);
      filled = 0;
    }

    private void seal(byte[] from, int offset, int length) throws IOException {
      try {
        if (sealedLength + length + TAG > sealed.length) {
          drain();
        }
        sealedLength +=
            cipher.doFinal(segment, chunk++, from, offset, length, sealed, sealedLength);
      } catch (GeneralSecurityException e) {
        throw new IOException("Cannot encrypt", e);
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        if (filled > 0) {
          seal();
        }
        drain();
        out.flush();
      } finally {
        SEALED_WRITES.give(sealed);
        if (plain != null) {
          CHUNKS.give(plain);
        }
      }
    }
  }

  private static final class Decrypting extends InputStream {
    private final SegmentFiles files;
    private final ChunkCipher cipher;
    private final List<Segment> segments;
    private final ByteBuffer sealed = ByteBuffer.wrap(SEALED_CHUNKS.take());
    private final byte[] chunkBytes = CHUNKS.take();
    private boolean closed;
    private long position;
    private long remaining;
    private int chunkLength;
    private int chunkOffset;
    // The segment that holds position, and where it starts in plaintext and in one file: reads only
    // move forward, so finding the next chunk's segment goes on from here.
    private int segmentIndex;
    private long segmentPlainStart;
    private long segmentCipherStart;

    Decrypting(SegmentFiles files, byte[] key, List<Segment> segments, long start, long length) {
      this.files = files;
      this.cipher = new ChunkCipher(Cipher.DECRYPT_MODE, key);
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
      if (chunkOffset >= chunkLength) {
        load();
      }
      int n = (int) Math.min(Math.min(length, chunkLength - chunkOffset), remaining);
      System.arraycopy(chunkBytes, chunkOffset, into, offset, n);
      chunkOffset += n;
      position += n;
      remaining -= n;
      return n;
    }

    /** Writes each decrypted chunk straight to {@code out}, without a copy in between. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
      long sent = 0;
      while (remaining > 0) {
        if (chunkOffset >= chunkLength) {
          load();
        }
        int n = (int) Math.min(chunkLength - chunkOffset, remaining);
        out.write(chunkBytes, chunkOffset, n);
        chunkOffset += n;
        position += n;
        remaining -= n;
        sent += n;
      }
      return sent;
    }

    /** Decrypts the chunk that holds {@code position}. */
    private void load() throws IOException {
      while (segmentIndex < segments.size()
          && position >= segmentPlainStart + segments.get(segmentIndex).size()) {
        long size = segments.get(segmentIndex).size();
        segmentPlainStart += size;
        segmentCipherStart += encryptedSize(size);
        segmentIndex++;
      }
      if (segmentIndex == segments.size()) {
        throw new IOException("Read past the end of the object");
      }
      int index = segmentIndex;
      long cipherStart = segmentCipherStart;
      Segment segment = segments.get(index);
      long within = position - segmentPlainStart;
      long chunk = within / CHUNK;
      int plainLength = (int) Math.min(CHUNK, segment.size() - chunk * CHUNK);
      sealed.clear().limit(plainLength + TAG);
      long at = files.start(index, cipherStart) + chunk * (CHUNK + TAG);
      FileChannel file = files.file(index);
      while (sealed.hasRemaining()) {
        if (file.read(sealed, at + sealed.position()) < 0) {
          throw new IOException("The object's file is shorter than its size");
        }
      }
      try {
        chunkLength =
            cipher.doFinal(segment.id(), chunk, sealed.array(), sealed.limit(), chunkBytes);
      } catch (GeneralSecurityException e) {
        throw new IOException("The object's bytes do not decrypt: the file is damaged", e);
      }
      chunkOffset = (int) (within - chunk * CHUNK);
    }

    /** Ends the stream: later reads find its end, and its buffers go back to their pools. */
    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      remaining = 0;
      SEALED_CHUNKS.give(sealed.array());
      CHUNKS.give(chunkBytes);
      files.close();
    }
  }
}
