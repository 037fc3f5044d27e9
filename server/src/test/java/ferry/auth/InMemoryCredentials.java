package ferry.auth;

import ferry.aws.AccountId;
import ferry.aws.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A credential store for tests. */
final class InMemoryCredentials implements CredentialStore {
  static final AccountId DEV = AccountId.of("111111111111");

  private final Map<String, StoredCredential> keys = new LinkedHashMap<>();

  InMemoryCredentials add(StoredCredential credential) {
    keys.put(credential.accessKeyId(), credential);
    return this;
  }

  /** A long-term key of dev's root. */
  InMemoryCredentials add(String accessKeyId, String secretKey) {
    return add(
        StoredCredential.longTerm(accessKeyId, secretKey, true, new Principal.AccountRoot(DEV)));
  }

  @Override
  public @Nullable StoredCredential find(String accessKeyId) {
    return keys.get(accessKeyId);
  }
}
