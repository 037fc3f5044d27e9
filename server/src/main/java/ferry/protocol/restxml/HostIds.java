package ferry.protocol.restxml;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** S3's {@code x-amz-id-2}: an opaque base64 token that goes with each request id. */
public final class HostIds {
  private HostIds() {}

  public static String of(String requestId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("ferry/" + requestId).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
