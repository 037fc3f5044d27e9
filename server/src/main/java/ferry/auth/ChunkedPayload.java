package ferry.auth;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An aws-chunked body, decoded as it streams: the chunk framing is removed, the bytes of a chunk
 * are read straight into the reader's buffer and hashed there, and a signed chunk is checked by the
 * read that delivers its last byte, so a consumer that commits only at the end of the body never
 * commits a chunk whose signature fails. The trailer (checksums, its signature) is read at the end
 * and offered through {@link #trailers()}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html">Trailing
 *     headers</a>
 */
public final class ChunkedPayload extends InputStream {
  private static final int MAX_LINE = 4096;
  private static final int MAX_SIGNED_CHUNK = 16 << 20;

  /** The STREAMING-… payload hashes Ferry decodes. */
  public enum Mode {
    SIGNED(true, false),
    SIGNED_TRAILER(true, true),
    UNSIGNED_TRAILER(false, true);

    final boolean signed;
    final boolean trailer;

    Mode(boolean signed, boolean trailer) {
      this.signed = signed;
      this.trailer = trailer;
    }

    static Mode of(String payloadHash) {
      return switch (payloadHash) {
        case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD" -> SIGNED;
        case "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" -> SIGNED_TRAILER;
        case "STREAMING-UNSIGNED-PAYLOAD-TRAILER" -> UNSIGNED_TRAILER;
        default ->
            throw new AuthException(
                AuthFailure.UNSUPPORTED,
                "Ferry does not support the payload signing " + payloadHash);
      };
    }
  }

  private final InputStream in;
  private final Mode mode;
  private final ChunkSigner signer;
  private final long decodedLength;
  private final Map<String, String> trailers = new LinkedHashMap<>();

  private final MessageDigest chunkDigest = SigningKeys.sha256();

  /** Bytes of the current chunk not yet read. */
  private long chunkLeft;

  /** The current signed chunk's signature, checked once its last byte is read. */
  private @Nullable String chunkSignature;

  private long delivered;
  private boolean finished;

  ChunkedPayload(InputStream in, Mode mode, ChunkSigner signer, long decodedLength) {
    // The framing (chunk headers, CRLFs, trailers) is read a byte at a time: through a buffer
    // rather than one call into the server's stream per byte. The payload owns the rest of the
    // body, so nothing reads past it; a chunk's bytes larger than the buffer are read straight.
    this.in = new BufferedInputStream(in, 8192);
    this.mode = mode;
    this.signer = signer;
    this.decodedLength = decodedLength;
  }

  /** The trailing headers by lower-case name, complete once the body has been read to the end. */
  public Map<String, String> trailers() {
    return Collections.unmodifiableMap(trailers);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (true) {
      if (finished) {
        return -1;
      }
      if (chunkLeft > 0) {
        int n = in.read(buffer, offset, (int) Math.min(length, chunkLeft));
        if (n < 0) {
          throw incomplete();
        }
        chunkLeft -= n;
        delivered += n;
        if (mode.signed) {
          chunkDigest.update(buffer, offset, n);
        }
        if (chunkLeft == 0) {
          endChunk();
        }
        return n;
      }
      nextChunk();
    }
  }

  private void nextChunk() throws IOException {
    String header = readLine();
    String sizeText = header;
    String signature = null;
    int semicolon = header.indexOf(';');
    if (semicolon >= 0) {
      sizeText = header.substring(0, semicolon);
      String extension = header.substring(semicolon + 1);
      if (extension.startsWith("chunk-signature=")) {
        signature = extension.substring("chunk-signature=".length());
      }
    }
    long size;
    try {
      size = Long.parseLong(sizeText.trim(), 16);
    } catch (NumberFormatException e) {
      throw failure(
          AuthFailure.INCOMPLETE_BODY,
          "Malformed aws-chunked body: bad chunk header '" + header + "'");
    }
    if (size < 0) {
      throw failure(AuthFailure.INCOMPLETE_BODY, "Malformed aws-chunked body: negative chunk size");
    }
    if (mode.signed) {
      if (signature == null) {
        throw failure(
            AuthFailure.MALFORMED, "Malformed aws-chunked body: chunk without chunk-signature");
      }
      if (size > MAX_SIGNED_CHUNK) {
        throw failure(
            AuthFailure.MALFORMED, "aws-chunked chunks larger than 16 MiB are not accepted");
      }
      chunkSignature = signature;
      if (size == 0) {
        // The final chunk signs the empty string; it has no bytes to wait for.
        verifyChunk();
      }
    }
    chunkLeft = size;
    if (size == 0) {
      finish();
    }
  }

  /** The chunk's bytes are all read: its signature is checked, then its CRLF. */
  private void endChunk() throws IOException {
    if (mode.signed) {
      verifyChunk();
    }
    expectCrlf();
  }

  private void verifyChunk() throws PayloadException {
    String dataHash = SigningKeys.hex(chunkDigest.digest());
    String signature = Objects.requireNonNull(chunkSignature);
    chunkSignature = null;
    verify(() -> signer.verifyChunk(dataHash, signature));
  }

  private void finish() throws IOException {
    if (mode.trailer) {
      StringBuilder signedLines = new StringBuilder();
      String trailerSignature = null;
      while (true) {
        String line = readLine();
        if (line.isEmpty()) {
          break;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw failure(AuthFailure.INCOMPLETE_BODY, "Malformed trailer line '" + line + "'");
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        if (name.equals("x-amz-trailer-signature")) {
          trailerSignature = value;
        } else {
          trailers.put(name, value);
          signedLines.append(name).append(':').append(value).append('\n');
        }
      }
      if (mode.signed) {
        if (trailerSignature == null) {
          throw failure(AuthFailure.MALFORMED, "The trailer has no x-amz-trailer-signature");
        }
        String signature = trailerSignature;
        verify(() -> signer.verifyTrailer(signedLines.toString(), signature));
      }
    } else {
      expectCrlf();
    }
    finished = true;
    if (decodedLength >= 0 && delivered != decodedLength) {
      throw incomplete();
    }
  }

  private static void verify(Runnable check) throws PayloadException {
    try {
      check.run();
    } catch (AuthException e) {
      throw new PayloadException(e);
    }
  }

  private void expectCrlf() throws IOException {
    int cr = in.read();
    int lf = in.read();
    if (cr < 0 || lf < 0) {
      throw incomplete();
    }
    if (cr != '\r' || lf != '\n') {
      throw failure(
          AuthFailure.INCOMPLETE_BODY,
          "Malformed aws-chunked body: chunk data not followed by CRLF");
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw incomplete();
      }
      if (c == '\r') {
        int lf = in.read();
        if (lf != '\n') {
          throw failure(AuthFailure.INCOMPLETE_BODY, "Malformed aws-chunked body: CR without LF");
        }
        return line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw failure(AuthFailure.INCOMPLETE_BODY, "Malformed aws-chunked body: line too long");
      }
      line.append((char) c);
    }
  }

  private EOFException incomplete() {
    return new EOFException("The aws-chunked body ended early");
  }

  private static PayloadException failure(AuthFailure kind, String message) {
    return new PayloadException(new AuthException(kind, message));
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
