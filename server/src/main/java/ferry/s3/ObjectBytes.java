package ferry.s3;

import ferry.store.BlobFiles;
import ferry.store.BufferPool;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Object bytes on disk: a body streams through its MD5, its flexible checksum and encryption into a
 * blob that is committed only when length and digests match; reads decrypt any range.
 */
final class ObjectBytes {
  private static final BufferPool BUFFERS = new BufferPool(256 * 1024, 32);
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
  private final BlobFiles blobs;

  ObjectBytes(BlobFiles blobs) {
    this.blobs = blobs;
  }

  /** A committed blob of one segment: its id, the segment, MD5 and checksum. */
  record Written(String blobId, Segment segment, byte[] md5, @Nullable Checksum checksum) {
    long size() {
      return segment.size();
    }

    String etag() {
      return "\"" + java.util.HexFormat.of().formatHex(md5) + "\"";
    }
  }

  /**
   * Stores a body as one new segment encrypted under {@code dataKey}. On a short body, a digest
   * mismatch or any failure nothing is committed.
   */
  Written write(InputStream body, long expectedLength, BodyIntegrity integrity, byte[] dataKey) {
    byte[] expectedMd5 = decodeMd5(integrity.contentMd5());
    ChecksumAlgorithm algorithm = integrity.algorithm();
    ChecksumAlgorithm.Running checksum = algorithm == null ? null : algorithm.start();
    MessageDigest md5 = md5();
    long segmentId = RANDOM.nextLong();
    try (BlobFiles.Upload upload = blobs.create()) {
      long size = 0;
      byte[] buffer = BUFFERS.take();
      try (OutputStream sealed = ObjectCipher.encrypting(upload.stream(), dataKey, segmentId)) {
        int read;
        // The buffer is filled before each pass: the digests and the cipher then run over whole
        // 64 KiB chunks of it, each sealed in place rather than copied to the cipher's own buffer.
        while ((read = body.readNBytes(buffer, 0, buffer.length)) > 0) {
          md5.update(buffer, 0, read);
          if (checksum != null) {
            checksum.update(buffer, 0, read);
          }
          sealed.write(buffer, 0, read);
          size += read;
        }
      } catch (EOFException e) {
        throw S3Errors.incompleteBody();
      } finally {
        BUFFERS.give(buffer);
      }
      if (expectedLength >= 0 && size != expectedLength) {
        throw S3Errors.incompleteBody();
      }
      byte[] digest = md5.digest();
      if (expectedMd5 != null && !MessageDigest.isEqual(expectedMd5, digest)) {
        throw S3Errors.badDigest("The Content-MD5 you specified did not match what we received.");
      }
      Checksum stored = null;
      if (checksum != null) {
        String actual = checksum.base64();
        String expected = expectedChecksum(integrity);
        if (expected != null && !expected.equals(actual)) {
          throw S3Errors.badDigest(
              "The " + algorithm.name() + " you specified did not match the calculated checksum.");
        }
        stored = new Checksum(algorithm, actual);
      }
      return new Written(upload.commit(), new Segment(segmentId, size), digest, stored);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static @Nullable String expectedChecksum(BodyIntegrity integrity) {
    if (integrity.checksum() != null) {
      return integrity.checksum();
    }
    String trailer = integrity.trailer();
    if (trailer == null) {
      return null;
    }
    String value = integrity.trailers().get().get(trailer);
    if (value == null) {
      throw S3Errors.invalidRequest(
          "The trailer " + trailer + " announced in x-amz-trailer was not sent.");
    }
    return value.trim();
  }

  /**
   * Plaintext bytes {@code start} to {@code start + length} of a stored version. A write that
   * replaces or deletes the version later, and deletes its files, does not cut the reading short: a
   * single file is opened here and outlives its name, and a composed blob's pieces are found where
   * its deletion moved them (see {@link BlobFiles#delete}). A version whose files are already gone
   * is {@link VersionGone}.
   */
  InputStream read(ObjectVersion version, byte[] dataKey, long start, long length) {
    String blobId = Objects.requireNonNull(version.blobId());
    try {
      ObjectCipher.SegmentFiles files =
          blobs.isComposed(blobId)
              ? new Pieces(blobs.read(blobId))
              : ObjectCipher.SegmentFiles.oneFile(blobs.channel(blobId));
      return ObjectCipher.decrypting(files, dataKey, version.segments(), start, length);
    } catch (NoSuchFileException e) {
      throw new VersionGone(version);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The files of a version were deleted between its row being read and its bytes being opened: a
   * write that replaced the version, or a deletion, committed meanwhile. Locating it again finds
   * what is there now.
   */
  static final class VersionGone extends RuntimeException {
    VersionGone(ObjectVersion version) {
      super(
          "The version "
              + version.versionId()
              + " of "
              + version.bucket()
              + "/"
              + version.key()
              + " was replaced while it was being read",
          null,
          false,
          false);
    }
  }

  /** A new blob made of the given blobs in order, linked rather than copied. */
  String compose(List<String> parts) {
    try {
      return blobs.compose(parts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Each segment in its own piece of a composed blob, opened as the read reaches it. */
  private record Pieces(BlobFiles.ComposedRead read) implements ObjectCipher.SegmentFiles {
    @Override
    public FileChannel file(int index) throws IOException {
      return read.piece(index);
    }

    @Override
    public long start(int index, long startInOneFile) {
      return 0;
    }

    @Override
    public void close() throws IOException {
      read.close();
    }
  }

  void delete(@Nullable String blobId) {
    if (blobId != null) {
      blobs.delete(blobId);
    }
  }

  static byte @Nullable [] decodeMd5(@Nullable String contentMd5) {
    if (contentMd5 == null) {
      return null;
    }
    try {
      byte[] md5 = Base64.getDecoder().decode(contentMd5.trim());
      if (md5.length != 16) {
        throw S3Errors.invalidDigest();
      }
      return md5;
    } catch (IllegalArgumentException e) {
      throw S3Errors.invalidDigest();
    }
  }

  static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has MD5", e);
    }
  }
}
