package ferry.kms;

import ferry.authz.AccessRequest;
import ferry.aws.Caller;
import ferry.aws.OpaqueToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Grants: CreateGrant, ListGrants, RevokeGrant, RetireGrant. A grant lets its grantee perform some
 * operations on one key, optionally only with a given encryption context.
 *
 * @see <a href="https://docs.aws.amazon.com/kms/latest/developerguide/grants.html">Grants</a>
 */
public final class KmsGrants {
  private static final Set<String> GRANT_OPERATIONS =
      Set.of(
          "Decrypt",
          "Encrypt",
          "GenerateDataKey",
          "GenerateDataKeyWithoutPlaintext",
          "ReEncryptFrom",
          "ReEncryptTo",
          "Sign",
          "Verify",
          "GetPublicKey",
          "CreateGrant",
          "RetireGrant",
          "DescribeKey",
          "GenerateDataKeyPair",
          "GenerateDataKeyPairWithoutPlaintext",
          "GenerateMac",
          "VerifyMac",
          "DeriveSharedSecret");

  private final KeyAccess access;

  KmsGrants(KeyAccess access) {
    this.access = access;
  }

  public CreateGrantResult createGrant(Caller caller, CreateGrantRequest request) {
    if (request.operations().isEmpty()) {
      throw KmsErrors.constraint(
          "operations", "[]", "Member must have length greater than or equal to 1");
    }
    for (String operation : request.operations()) {
      if (!GRANT_OPERATIONS.contains(operation)) {
        throw KmsErrors.constraint(
            "operations",
            operation,
            "Member must satisfy enum value set: "
                + String.join(", ", GRANT_OPERATIONS.stream().sorted().toList()));
      }
    }
    if (request.granteePrincipal().isBlank()) {
      throw KmsErrors.validation("GranteePrincipal must not be empty.");
    }
    KmsKey key = access.resolve(caller, request.keyId(), "CreateGrant");
    AccessRequest check =
        access
            .keyAccess(caller, "CreateGrant", key, Map.of())
            .withContext("kms:GranteePrincipal", request.granteePrincipal())
            .withContext("kms:GrantOperations", request.operations().toArray(String[]::new))
            .withContext(
                "kms:GrantIsForAWSResource", Boolean.toString(caller.viaService() != null));
    String retiring = request.retiringPrincipal();
    if (retiring != null) {
      check = check.withContext("kms:RetiringPrincipal", retiring);
    }
    access.require(caller, "CreateGrant", key, check, Map.of());
    KeyAccess.requireUsable(key);
    String grantId = KmsKeys.hex(32);
    String token = OpaqueToken.of(48);
    access.grants.insert(
        new Grant(
            grantId,
            key.account(),
            key.region(),
            key.keyId(),
            request.name(),
            request.granteePrincipal(),
            retiring,
            caller.account(),
            request.operations(),
            request.encryptionContextSubset(),
            request.encryptionContextEquals(),
            token,
            access.clock.instant()));
    return new CreateGrantResult(grantId, token);
  }

  public Page<Grant> listGrants(
      Caller caller,
      String keyId,
      @Nullable String grantId,
      @Nullable String granteePrincipal,
      @Nullable Integer limit,
      @Nullable String marker) {
    int size = Page.limit(limit, 100);
    KmsKey key = access.resolve(caller, keyId, "ListGrants");
    access.authorize(caller, "ListGrants", key);
    List<Grant> found = new ArrayList<>();
    String after = marker;
    while (found.size() <= size) {
      List<Grant> batch =
          access.grants.forKey(key.account(), key.region(), key.keyId(), after, size + 1);
      for (Grant grant : batch) {
        if ((grantId == null || grant.grantId().equals(grantId))
            && (granteePrincipal == null || grant.granteePrincipal().equals(granteePrincipal))) {
          found.add(grant);
        }
      }
      if (batch.size() < size + 1) {
        break;
      }
      after = batch.getLast().grantId();
    }
    return Page.of(found, size, Grant::grantId);
  }

  public void revokeGrant(Caller caller, String keyId, String grantId) {
    KmsKey key = access.resolve(caller, keyId, "RevokeGrant");
    access.authorize(caller, "RevokeGrant", key);
    Grant grant =
        access
            .grants
            .find(grantId)
            .filter(g -> g.keyArn().equals(key.arn()))
            .orElseThrow(() -> KmsErrors.invalidGrantId(grantId));
    access.grants.delete(grant.grantId());
  }

  /**
   * Retires a grant, named by its token or by key and grant id. The retiring principal may retire
   * it, and so may its grantee when the grant includes RetireGrant; otherwise the key policy must
   * allow kms:RetireGrant.
   */
  public void retireGrant(
      Caller caller,
      @Nullable String grantToken,
      @Nullable String keyId,
      @Nullable String grantId) {
    Grant grant;
    if (grantToken != null) {
      grant = access.grants.findByToken(grantToken).orElseThrow(KmsErrors::invalidGrantToken);
    } else if (keyId != null && grantId != null) {
      KmsKey key = access.resolve(caller, keyId, "RetireGrant");
      grant =
          access
              .grants
              .find(grantId)
              .filter(g -> g.keyArn().equals(key.arn()))
              .orElseThrow(() -> KmsErrors.invalidGrantId(grantId));
    } else {
      throw KmsErrors.validation("Either GrantToken or both KeyId and GrantId are required.");
    }
    String retiring = grant.retiringPrincipal();
    boolean mayRetire =
        (retiring != null && KeyAccess.names(retiring, caller))
            || (grant.operations().contains("RetireGrant")
                && KeyAccess.names(grant.granteePrincipal(), caller));
    if (!mayRetire) {
      KmsKey key = access.key(grant.account(), grant.region(), grant.keyId());
      access.authorize(caller, "RetireGrant", key);
    }
    access.grants.delete(grant.grantId());
  }
}
