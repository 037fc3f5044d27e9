package ferry.auth;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A body whose SHA-256 was signed: hashed as it streams and compared at the end, so a mismatch
 * fails the read before the consumer commits anything.
 */
final class PayloadHashCheck extends FilterInputStream {
  private final MessageDigest digest = SigningKeys.sha256();
  private final String expected;
  private final long declaredLength;
  private long read;
  private boolean checked;

  PayloadHashCheck(InputStream in, String expectedHex, long declaredLength) {
    super(in);
    this.expected = expectedHex;
    this.declaredLength = declaredLength;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n > 0) {
      digest.update(buffer, offset, n);
      read += n;
    } else if (n < 0) {
      finish();
    }
    return n;
  }

  private void finish() throws IOException {
    if (checked) {
      return;
    }
    checked = true;
    if (declaredLength >= 0 && read < declaredLength) {
      throw new EOFException("Body ended after " + read + " of " + declaredLength + " bytes");
    }
    String computed = SigningKeys.hex(digest.digest());
    if (!computed.equals(expected)) {
      Map<String, String> details = new LinkedHashMap<>();
      details.put("ClientComputedContentSHA256", expected);
      details.put("S3ComputedContentSHA256", computed);
      throw new PayloadException(
          new AuthException(
              AuthFailure.PAYLOAD_HASH_MISMATCH,
              "The provided 'x-amz-content-sha256' header does not match what was computed.",
              Map.of(
                  "ClientComputedContentSHA256", expected, "S3ComputedContentSHA256", computed)));
    }
  }

  /** Skipped bytes are read, so they count toward the hash. */
  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int got = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (got < 0) {
        break;
      }
      skipped += got;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
