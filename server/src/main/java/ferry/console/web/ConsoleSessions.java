package ferry.console.web;

import ferry.auth.StoredCredential;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Console sessions, kept in memory: a restart signs everyone out, which is what a session of a
 * local tool should do. The cookie holds only a random id, never a credential.
 */
public final class ConsoleSessions {
  /** As long as an AWS console session of an IAM user lasts. */
  static final Duration LIFETIME = Duration.ofHours(12);

  private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  public ConsoleSessions(Clock clock) {
    this.clock = clock;
  }

  /** A new session; it ends when the credential expires, if that comes before its lifetime. */
  public ConsoleSession open(StoredCredential credential, @Nullable StoredCredential switchedFrom) {
    Instant expires = clock.instant().plus(LIFETIME);
    if (credential.expiration() != null && credential.expiration().isBefore(expires)) {
      expires = credential.expiration();
    }
    var session = new ConsoleSession(randomId(), randomId(), credential, expires, switchedFrom);
    sessions.put(session.id(), session);
    return session;
  }

  /** The live session under {@code id}, or null when there is none or it has ended. */
  public @Nullable ConsoleSession find(@Nullable String id) {
    if (id == null) {
      return null;
    }
    ConsoleSession session = sessions.get(id);
    if (session == null) {
      return null;
    }
    if (!clock.instant().isBefore(session.expires())) {
      sessions.remove(id);
      return null;
    }
    return session;
  }

  public void close(String id) {
    sessions.remove(id);
  }

  private String randomId() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
