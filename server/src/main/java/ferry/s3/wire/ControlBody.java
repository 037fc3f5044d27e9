package ferry.s3.wire;

import ferry.protocol.ApiRequest;
import ferry.s3.ChecksumAlgorithm;
import ferry.s3.S3Errors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The small document body of a configuration request. Operations that AWS marks checksum-required
 * need Content-MD5 or an x-amz-checksum-* header, and any sent is verified.
 */
final class ControlBody {
  private static final int LIMIT = 1024 * 1024;

  private ControlBody() {}

  static String read(ApiRequest request, boolean checksumRequired) throws IOException {
    RequestHeaders.refuseUncomputedChecksumHeaders(request);
    return read(request, checksumRequired, true);
  }

  /**
   * The body of a CompleteMultipartUpload: its x-amz-checksum-* header is the completed object's
   * checksum, not the document's, so only Content-MD5 is verified here.
   */
  static String readCompletion(ApiRequest request) throws IOException {
    return read(request, false, false);
  }

  private static String read(ApiRequest request, boolean checksumRequired, boolean checksumHeaders)
      throws IOException {
    byte[] body;
    try {
      body = request.bodyBytes(LIMIT);
    } catch (ApiRequest.BodyTooLarge e) {
      throw S3Errors.malformedXml();
    }
    String md5 = request.header("content-md5");
    ChecksumAlgorithm algorithm = null;
    String checksum = null;
    for (ChecksumAlgorithm candidate : ChecksumAlgorithm.values()) {
      String value = checksumHeaders ? request.header(candidate.header()) : null;
      if (value != null) {
        algorithm = candidate;
        checksum = value.trim();
      }
    }
    if (checksumRequired && md5 == null && algorithm == null) {
      throw S3Errors.invalidRequest("Missing required header for this request: Content-MD5");
    }
    if (md5 != null) {
      byte[] expected;
      try {
        expected = Base64.getDecoder().decode(md5.trim());
      } catch (IllegalArgumentException e) {
        throw S3Errors.invalidDigest();
      }
      if (expected.length != 16) {
        throw S3Errors.invalidDigest();
      }
      try {
        if (!MessageDigest.isEqual(expected, MessageDigest.getInstance("MD5").digest(body))) {
          throw S3Errors.badDigest("The Content-MD5 you specified did not match what we received.");
        }
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("Every JDK has MD5", e);
      }
    }
    if (algorithm != null) {
      ChecksumAlgorithm.Running running = algorithm.start();
      running.update(body, 0, body.length);
      if (!running.base64().equals(checksum)) {
        throw S3Errors.badDigest(
            "The " + algorithm.name() + " you specified did not match the calculated checksum.");
      }
    }
    return new String(body, StandardCharsets.UTF_8);
  }
}
