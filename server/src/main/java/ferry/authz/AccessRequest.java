package ferry.authz;

import ferry.aws.AccountId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a service asks before it acts: may the caller perform {@code action} on {@code resource},
 * owned by {@code resourceAccount}, under the resource's own policy, with these extra condition
 * keys (service keys such as {@code s3:x-amz-acl} or {@code kms:EncryptionContext:…}).
 */
public record AccessRequest(
    String action,
    String resource,
    AccountId resourceAccount,
    @Nullable ResourcePolicy resourcePolicy,
    Map<String, List<String>> context) {

  public AccessRequest {
    context = Map.copyOf(context);
  }

  public static AccessRequest of(String action, String resource, AccountId resourceAccount) {
    return new AccessRequest(action, resource, resourceAccount, null, Map.of());
  }

  public AccessRequest withResourcePolicy(@Nullable ResourcePolicy policy) {
    return new AccessRequest(action, resource, resourceAccount, policy, context);
  }

  /** The same request for another action, as when one call needs two permissions. */
  public AccessRequest withAction(String otherAction) {
    return new AccessRequest(otherAction, resource, resourceAccount, resourcePolicy, context);
  }

  public AccessRequest withContext(String key, String... values) {
    Map<String, List<String>> more = new LinkedHashMap<>(context);
    more.put(key, List.of(values));
    return new AccessRequest(action, resource, resourceAccount, resourcePolicy, more);
  }
}
