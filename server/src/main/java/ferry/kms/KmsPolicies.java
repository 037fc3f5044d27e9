package ferry.kms;

import ferry.aws.Caller;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Key policies: GetKeyPolicy, PutKeyPolicy, ListKeyPolicies. A key has one policy, named {@code
 * default}.
 *
 * @see <a href="https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html">Key
 *     policies</a>
 */
public final class KmsPolicies {
  private final KeyAccess access;

  KmsPolicies(KeyAccess access) {
    this.access = access;
  }

  public String getKeyPolicy(Caller caller, String keyId, @Nullable String policyName) {
    checkPolicyName(policyName);
    KmsKey key = access.resolve(caller, keyId, "GetKeyPolicy");
    access.authorize(caller, "GetKeyPolicy", key);
    return key.policy();
  }

  public void putKeyPolicy(
      Caller caller, String keyId, @Nullable String policyName, String policy, boolean bypass) {
    checkPolicyName(policyName);
    KmsKey key = access.resolve(caller, keyId, "PutKeyPolicy");
    access.authorize(caller, "PutKeyPolicy", key);
    if (key.state() == KeyState.PENDING_DELETION) {
      throw KmsErrors.pendingDeletion(key.arn());
    }
    access.checkPolicy(caller, key.arn(), key.account(), policy, bypass);
    access.changeUnlessPendingDeletion(key, stored -> stored.withPolicy(policy));
  }

  public List<String> listKeyPolicies(Caller caller, String keyId) {
    KmsKey key = access.resolve(caller, keyId, "ListKeyPolicies");
    access.authorize(caller, "ListKeyPolicies", key);
    return List.of(KeyPolicies.POLICY_NAME);
  }

  private static void checkPolicyName(@Nullable String policyName) {
    if (policyName != null && !policyName.equals(KeyPolicies.POLICY_NAME)) {
      throw KmsErrors.error("NotFoundException", "No such policy exists: " + policyName);
    }
  }
}
