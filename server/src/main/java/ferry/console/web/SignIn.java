package ferry.console.web;

import ferry.auth.CredentialStore;
import ferry.auth.StoredCredential;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Checks an access key pair (and a session token for temporary credentials) against the same
 * credential store that SigV4 uses, so the console signs in exactly who may sign API requests.
 */
public final class SignIn {
  /** What a sign-in says when it fails: never which part of the key pair was wrong. */
  static final String FAILED =
      "The access key ID, secret access key or session token is not valid, or the key is inactive"
          + " or expired.";

  private final CredentialStore credentials;
  private final Clock clock;

  public SignIn(CredentialStore credentials, Clock clock) {
    this.credentials = credentials;
    this.clock = clock;
  }

  /** The credential the key pair names, or null when the pair does not sign anyone in. */
  public @Nullable StoredCredential verify(
      String accessKeyId, String secretAccessKey, @Nullable String sessionToken) {
    if (accessKeyId.isBlank() || secretAccessKey.isEmpty()) {
      return null;
    }
    StoredCredential found = credentials.find(accessKeyId.strip());
    if (found == null || !equal(found.secretAccessKey(), secretAccessKey)) {
      return null;
    }
    String token = sessionToken == null || sessionToken.isBlank() ? null : sessionToken.strip();
    if (found.sessionToken() != null
        ? token == null || !equal(found.sessionToken(), token)
        : token != null) {
      return null;
    }
    return stillValid(found);
  }

  /**
   * The credential as the store has it now, or null once it was deleted, made inactive or expired:
   * each console request is checked as a signed request would be.
   */
  public @Nullable StoredCredential stillValid(StoredCredential credential) {
    StoredCredential now = credentials.find(credential.accessKeyId());
    if (now == null
        || !now.active()
        || !now.secretAccessKey().equals(credential.secretAccessKey())) {
      return null;
    }
    if (now.expiration() != null && !clock.instant().isBefore(now.expiration())) {
      return null;
    }
    return now;
  }

  private static boolean equal(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
