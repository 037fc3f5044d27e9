package ferry.sts;

import ferry.auth.CredentialStore;
import ferry.auth.StoredCredential;
import ferry.sts.store.SessionRepository;
import org.jspecify.annotations.Nullable;

/**
 * Temporary credentials as the SigV4 layer needs them: secret, session token and expiry (the
 * verifier answers ExpiredToken after it), principal, session policies and tags.
 */
public final class StsCredentials implements CredentialStore {
  private final SessionRepository sessions;

  public StsCredentials(SessionRepository sessions) {
    this.sessions = sessions;
  }

  @Override
  public @Nullable StoredCredential find(String accessKeyId) {
    if (!accessKeyId.startsWith("ASIA")) {
      return null;
    }
    Session session = sessions.find(accessKeyId).orElse(null);
    if (session == null) {
      return null;
    }
    Credentials credentials = session.credentials();
    return new StoredCredential(
        credentials.accessKeyId(),
        credentials.secretAccessKey(),
        credentials.sessionToken(),
        credentials.expiration(),
        true,
        session.principal(),
        session.sessionPolicies(),
        session.sessionTags(),
        session.sourceIdentity(),
        session.created());
  }
}
