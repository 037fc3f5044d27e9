package ferry.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signatures of aws-chunked bodies: each chunk's signature chains from the previous one,
 * starting from the request's own (the seed); a trailer is signed after the last chunk.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html">Signature
 *     calculations for chunked uploads</a>
 */
public final class ChunkSigner {
  private static final String EMPTY_SHA256 = SigningKeys.sha256Hex(new byte[0]);

  // One key for every chunk of the body: the MAC is initialised once, not per chunk (a provider
  // look-up and a key schedule each time).
  private final Mac mac;
  private final String amzDate;
  private final CredentialScope scope;
  private String previous;

  ChunkSigner(byte[] signingKey, String amzDate, CredentialScope scope, String seedSignature) {
    try {
      this.mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JDK has HmacSHA256", e);
    }
    this.amzDate = amzDate;
    this.scope = scope;
    this.previous = seedSignature;
  }

  /** Checks one chunk's signature and makes it the previous one for the next chunk. */
  void verifyChunk(String dataSha256Hex, String signature) {
    String stringToSign =
        "AWS4-HMAC-SHA256-PAYLOAD\n"
            + amzDate
            + "\n"
            + scope.scope()
            + "\n"
            + previous
            + "\n"
            + EMPTY_SHA256
            + "\n"
            + dataSha256Hex;
    check(stringToSign, signature);
  }

  /** Checks the signature of the trailer lines ({@code name:value\n} each). */
  void verifyTrailer(String trailerLines, String signature) {
    String stringToSign =
        "AWS4-HMAC-SHA256-TRAILER\n"
            + amzDate
            + "\n"
            + scope.scope()
            + "\n"
            + previous
            + "\n"
            + SigningKeys.sha256Hex(trailerLines);
    check(stringToSign, signature);
  }

  private void check(String stringToSign, String signature) {
    String expected = SigningKeys.hex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    if (!SigningKeys.same(expected, signature)) {
      throw SigV4Verifier.mismatch(scope.accessKeyId(), stringToSign, signature, "");
    }
    previous = signature;
  }
}
