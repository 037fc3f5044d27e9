package ferry.auth;

import org.jspecify.annotations.Nullable;

/** Finds the credential behind an access key id: IAM for long-term keys, STS for sessions. */
@FunctionalInterface
public interface CredentialStore {
  @Nullable StoredCredential find(String accessKeyId);

  /** Asks this store first, then the other. */
  default CredentialStore or(CredentialStore other) {
    return accessKeyId -> {
      StoredCredential found = find(accessKeyId);
      return found != null ? found : other.find(accessKeyId);
    };
  }
}
