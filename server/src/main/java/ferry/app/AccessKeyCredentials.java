package ferry.app;

import ferry.auth.CredentialStore;
import ferry.auth.StoredCredential;
import ferry.aws.Principal;
import ferry.iam.AccessKey;
import ferry.iam.store.AccessKeyRepository;
import org.jspecify.annotations.Nullable;

/** Long-term access keys from IAM, as the SigV4 layer needs them: secret and owner. */
final class AccessKeyCredentials implements CredentialStore {
  private final AccessKeyRepository keys;

  AccessKeyCredentials(AccessKeyRepository keys) {
    this.keys = keys;
  }

  @Override
  public @Nullable StoredCredential find(String accessKeyId) {
    AccessKey key = keys.find(accessKeyId).orElse(null);
    if (key == null || key.userName() != null) {
      return null;
    }
    return StoredCredential.longTerm(
        key.accessKeyId(),
        key.secretAccessKey(),
        key.active(),
        new Principal.AccountRoot(key.account()));
  }
}
