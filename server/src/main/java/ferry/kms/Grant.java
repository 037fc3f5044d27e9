package ferry.kms;

import ferry.aws.AccountId;
import ferry.aws.Region;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A grant: the operations on one key that one grantee principal may perform, optionally only with
 * an encryption context that contains ({@code encryptionContextSubset}) or equals ({@code
 * encryptionContextEquals}) the given pairs.
 *
 * @see <a href="https://docs.aws.amazon.com/kms/latest/developerguide/grants.html">Grants in AWS
 *     KMS</a>
 */
public record Grant(
    String grantId,
    AccountId account,
    Region region,
    String keyId,
    @Nullable String name,
    String granteePrincipal,
    @Nullable String retiringPrincipal,
    AccountId issuingAccount,
    List<String> operations,
    @Nullable Map<String, String> encryptionContextSubset,
    @Nullable Map<String, String> encryptionContextEquals,
    String grantToken,
    Instant created) {

  public Grant {
    operations = List.copyOf(operations);
    encryptionContextSubset =
        encryptionContextSubset == null ? null : Map.copyOf(encryptionContextSubset);
    encryptionContextEquals =
        encryptionContextEquals == null ? null : Map.copyOf(encryptionContextEquals);
  }

  public String keyArn() {
    return KmsKey.arn(account, region, keyId);
  }

  /** Whether the grant allows {@code operation} with this encryption context. */
  public boolean allows(String operation, Map<String, String> encryptionContext) {
    if (!operations.contains(operation)) {
      return false;
    }
    if (encryptionContextEquals != null && !encryptionContextEquals.equals(encryptionContext)) {
      return false;
    }
    return encryptionContextSubset == null
        || encryptionContext.entrySet().containsAll(encryptionContextSubset.entrySet());
  }
}
