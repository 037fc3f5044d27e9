package ferry.iam;

import ferry.auth.CredentialStore;
import ferry.auth.StoredCredential;
import ferry.aws.Principal;
import ferry.iam.store.AccessKeyRepository;
import org.jspecify.annotations.Nullable;

/**
 * Long-term access keys as the SigV4 layer needs them: the secret, whether the key is active, and
 * its owner (the account's root user, or an IAM user).
 */
public final class IamCredentials implements CredentialStore {
  private final AccessKeyRepository keys;

  public IamCredentials(AccessKeyRepository keys) {
    this.keys = keys;
  }

  @Override
  public @Nullable StoredCredential find(String accessKeyId) {
    AccessKeyRepository.KeyAndUser found = keys.findWithUser(accessKeyId).orElse(null);
    if (found == null) {
      return null;
    }
    AccessKey key = found.key();
    User user = found.user();
    Principal principal;
    if (key.userName() == null) {
      principal = new Principal.AccountRoot(key.account());
    } else if (user != null) {
      principal = new Principal.IamUser(key.account(), user.path(), user.name(), user.userId());
    } else {
      // The key outlived its user (which IAM forbids); it authenticates nobody.
      return null;
    }
    return StoredCredential.longTerm(
        key.accessKeyId(), key.secretAccessKey(), key.active(), principal);
  }
}
