package ferry.s3;

import ferry.aws.AccountId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * S3's canonical user id of an account: 64 hex characters, stable for the account.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/finding-canonical-user-id.html">Canonical
 *     user id</a>
 */
public final class CanonicalUser {
  private CanonicalUser() {}

  public static String idOf(AccountId account) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("ferry-canonical-user/" + account.value()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
