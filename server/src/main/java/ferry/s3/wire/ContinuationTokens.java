package ferry.s3.wire;

import ferry.s3.S3Errors;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** ListObjectsV2 continuation tokens: opaque to clients, the last key returned to Ferry. */
final class ContinuationTokens {
  private ContinuationTokens() {}

  static String encode(String lastKey) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("1/" + lastKey).getBytes(StandardCharsets.UTF_8));
  }

  static String decode(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith("1/")) {
        return text.substring(2);
      }
    } catch (IllegalArgumentException e) {
      // fall through to the error below
    }
    throw S3Errors.invalidArgument(
        "The continuation token provided is incorrect", "continuation-token", token);
  }
}
