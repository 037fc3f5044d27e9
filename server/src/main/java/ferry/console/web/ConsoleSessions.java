package ferry.console.web;

import ferry.auth.CredentialStore;
import ferry.auth.StoredCredential;
import ferry.console.store.ConsoleSessionRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Console sessions, kept in the database so that every Ferry node sharing it serves the same signed
 * in browser. The cookie holds only a random id, never a credential, and the database only that
 * id's hash: reading the table does not let anyone act as a signed-in user. A session names its
 * credential by access key id; the credential is looked up again on each request.
 */
public final class ConsoleSessions {
  /** As long as an AWS console session of an IAM user lasts. */
  static final Duration LIFETIME = Duration.ofHours(12);

  private final ConsoleSessionRepository repository;
  private final CredentialStore credentials;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  public ConsoleSessions(
      ConsoleSessionRepository repository, CredentialStore credentials, Clock clock) {
    this.repository = repository;
    this.credentials = credentials;
    this.clock = clock;
  }

  /** A new session; it ends when the credential expires, if that comes before its lifetime. */
  public ConsoleSession open(StoredCredential credential, @Nullable StoredCredential switchedFrom) {
    Instant now = clock.instant();
    Instant expires = now.plus(LIFETIME);
    if (credential.expiration() != null && credential.expiration().isBefore(expires)) {
      expires = credential.expiration();
    }
    var session = new ConsoleSession(randomId(), randomId(), credential, expires, switchedFrom);
    repository.insert(
        hash(session.id()),
        new ConsoleSessionRepository.Row(
            session.csrfToken(),
            credential.accessKeyId(),
            switchedFrom == null ? null : switchedFrom.accessKeyId(),
            expires),
        now);
    return session;
  }

  /**
   * The live session under {@code id}, or null when there is none, it has ended, or a credential it
   * acts with is gone.
   */
  public @Nullable ConsoleSession find(@Nullable String id) {
    if (id == null) {
      return null;
    }
    String hash = hash(id);
    ConsoleSessionRepository.Row row = repository.find(hash).orElse(null);
    if (row == null) {
      return null;
    }
    if (!clock.instant().isBefore(row.expires())) {
      repository.delete(hash);
      return null;
    }
    StoredCredential credential = credentials.find(row.accessKeyId());
    StoredCredential switchedFrom =
        row.switchedFromKeyId() == null ? null : credentials.find(row.switchedFromKeyId());
    if (credential == null || (row.switchedFromKeyId() != null && switchedFrom == null)) {
      repository.delete(hash);
      return null;
    }
    return new ConsoleSession(id, row.csrfToken(), credential, row.expires(), switchedFrom);
  }

  public void close(String id) {
    repository.delete(hash(id));
  }

  private static String hash(String id) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  private String randomId() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
