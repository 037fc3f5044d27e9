package ferry.kms;

import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.ResourcePolicy;
import ferry.authz.Verdict;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.kms.store.AliasRepository;
import ferry.kms.store.GrantRepository;
import ferry.kms.store.KeyRepository;
import ferry.policy.PolicyKind;
import ferry.policy.PolicyParser;
import ferry.policy.PolicyValidationException;
import ferry.policy.eval.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What every KMS operation on a key does first: find the key its KeyId names, and authorize the
 * caller with the key policy as the resource policy, a grant allowing what no policy explicitly
 * denied. The families of operations share one instance.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/kms/latest/developerguide/authorize-key-access.html">How
 *     KMS authorizes a request</a>
 */
public final class KeyAccess {
  /** The operations that work on a key of another account (the model's "Cross-account use"). */
  private static final Set<String> CROSS_ACCOUNT =
      Set.of(
          "Encrypt",
          "Decrypt",
          "ReEncryptFrom",
          "ReEncryptTo",
          "GenerateDataKey",
          "GenerateDataKeyWithoutPlaintext",
          "DescribeKey",
          "GetKeyRotationStatus",
          "CreateGrant",
          "ListGrants",
          "RevokeGrant",
          "RetireGrant");

  final KeyRepository keys;
  final AliasRepository aliases;
  final GrantRepository grants;
  final KeyCache cache;
  final Clock clock;
  private final MasterKey masterKey;
  private final Authorizer authorizer;
  private final PolicyParser parser;

  KeyAccess(
      KeyRepository keys,
      AliasRepository aliases,
      GrantRepository grants,
      MasterKey masterKey,
      KeyCache cache,
      Authorizer authorizer,
      PolicyParser parser,
      Clock clock) {
    this.keys = keys;
    this.aliases = aliases;
    this.grants = grants;
    this.masterKey = masterKey;
    this.cache = cache;
    this.authorizer = authorizer;
    this.parser = parser;
    this.clock = clock;
  }

  // ---- resolution ----

  /**
   * The key a KeyId names. Key ids and alias names are looked up in the caller's account and
   * region; ARNs of another account only for the operations that work across accounts.
   */
  KmsKey resolve(Caller caller, String keyIdText, String operation) {
    if (keyIdText.isEmpty()) {
      throw KmsErrors.constraint(
          "keyId", keyIdText, "Member must have length greater than or equal to 1");
    }
    boolean crossAccount = CROSS_ACCOUNT.contains(operation);
    if (caller.principal() instanceof Principal.ServicePrincipal) {
      // A service belongs to no account: it names a customer's key by its ARN only.
      return switch (KeyIdentifier.parse(keyIdText)) {
        case KeyIdentifier.KeyArn arn when crossAccount && arn.region().equals(caller.region()) ->
            key(arn.account(), arn.region(), arn.keyId());
        case KeyIdentifier.AliasArn arn when crossAccount && arn.region().equals(caller.region()) ->
            aliasKey(arn.account(), arn.region(), arn.name());
        default -> throw KmsErrors.keyNotFound(keyIdText);
      };
    }
    AccountId own = caller.account();
    Region region = caller.region();
    return switch (KeyIdentifier.parse(keyIdText)) {
      case KeyIdentifier.KeyId id -> key(own, region, id.keyId());
      case KeyIdentifier.KeyArn arn -> {
        if ((!crossAccount && !arn.account().equals(own)) || !arn.region().equals(region)) {
          throw KmsErrors.keyNotFound(keyIdText);
        }
        yield key(arn.account(), region, arn.keyId());
      }
      case KeyIdentifier.AliasName alias -> aliasKey(own, region, alias.name());
      case KeyIdentifier.AliasArn arn -> {
        if ((!crossAccount && !arn.account().equals(own)) || !arn.region().equals(region)) {
          throw KmsErrors.aliasNotFound(keyIdText);
        }
        yield aliasKey(arn.account(), region, arn.name());
      }
    };
  }

  private KmsKey aliasKey(AccountId account, Region region, String name) {
    KmsAlias alias =
        aliases
            .find(account, region, name)
            .orElseThrow(() ->
                KmsErrors.aliasNotFound("arn:aws:kms:" + region + ":" + account + ":" + name));
    return key(account, region, alias.targetKeyId());
  }

  KmsKey key(AccountId account, Region region, String keyId) {
    return findKey(account, region, keyId)
        .orElseThrow(() -> KmsErrors.keyNotFound(KmsKey.arn(account, region, keyId)));
  }

  Optional<KmsKey> findKey(AccountId account, Region region, String keyId) {
    Optional<KmsKey> key = cache.find(account, region, keyId);
    if (key.isPresent() && deletionDue(key.get())) {
      if (purgeIfDue(key.get())) {
        return Optional.empty();
      }
      // The stored key was not due: its deletion was cancelled after this copy was cached.
      key = cache.find(account, region, keyId);
    }
    return key.flatMap(this::rotateIfDue);
  }

  /**
   * Rotates an enabled key whose automatic rotation is due, when it is next used: the service's
   * clock decides, as a scheduler would. A replica follows its primary's materials.
   */
  private Optional<KmsKey> rotateIfDue(KmsKey key) {
    if (!rotationDue(key) || (key.multiRegion() && !key.isPrimary())) {
      return Optional.of(key);
    }
    // Another node may have rotated it a moment ago: the stored key decides.
    return rotate(
        key,
        KeyMaterial.RotationType.AUTOMATIC,
        (stored, onDemand) -> {
          KmsKey.KeyRotation rotation = stored.rotation();
          if (rotation == null || !rotationDue(stored)) {
            return null;
          }
          int days = rotation.periodDays();
          return stored.withRotation(
              new KmsKey.KeyRotation(days, clock.instant().plus(Duration.ofDays(days))));
        });
  }

  private boolean rotationDue(KmsKey key) {
    KmsKey.KeyRotation rotation = key.rotation();
    return rotation != null
        && key.state() == KeyState.ENABLED
        && !rotation.nextRotation().isAfter(clock.instant());
  }

  /**
   * Adds new material to the stored key, which then encrypts (see {@link KeyRepository#rotate});
   * empty when there is no such key.
   */
  Optional<KmsKey> rotate(
      KmsKey key, KeyMaterial.RotationType type, KeyRepository.Rotation rotation) {
    try {
      return keys.rotate(
          key,
          type,
          clock.instant(),
          number -> newWrappedMaterial(key.account(), key.keyId(), number),
          rotation);
    } finally {
      cache.forgetEveryRegion(key);
    }
  }

  /** Deletes a key whose waiting period is over; returns whether it did. */
  boolean purgeIfDue(KmsKey key) {
    if (!deletionDue(key)) {
      return false;
    }
    try {
      return keys.deleteIf(key, this::deletionDue);
    } finally {
      cache.forget(key);
    }
  }

  private boolean deletionDue(KmsKey key) {
    Instant deletion = key.deletionDate();
    return key.state() == KeyState.PENDING_DELETION
        && deletion != null
        && !deletion.isAfter(clock.instant());
  }

  /** Changes the stored key's tags (see {@link KeyRepository#changeTags}). */
  void changeTags(KmsKey key, UnaryOperator<List<Tag>> change) {
    if (!keys.changeTags(key, change)) {
      throw KmsErrors.keyNotFound(key.arn());
    }
    cache.forget(key);
  }

  /**
   * Stores what {@code change} makes of the stored key (see {@link KeyRepository#change}); {@code
   * change} checks the stored key's state, which a cached copy may not show yet.
   */
  KmsKey change(KmsKey key, UnaryOperator<KmsKey> change) {
    try {
      return keys.change(key, change).orElseThrow(() -> KmsErrors.keyNotFound(key.arn()));
    } finally {
      cache.forget(key);
    }
  }

  /** As {@link #change}, for an update that a key pending deletion refuses. */
  KmsKey changeUnlessPendingDeletion(KmsKey key, UnaryOperator<KmsKey> change) {
    return change(
        key,
        stored -> {
          if (stored.state() == KeyState.PENDING_DELETION) {
            throw KmsErrors.pendingDeletion(stored.arn());
          }
          return change.apply(stored);
        });
  }

  /** Fresh material {@code number} of a key, returned only wrapped under the master key. */
  String newWrappedMaterial(AccountId account, String keyId, int number) {
    byte[] material = Aes256Gcm.randomBytes(Aes256Gcm.KEY_BYTES);
    try {
      return masterKey.wrap(material, KmsKey.materialLabel(account, keyId, number));
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  static void requireUsable(KmsKey key) {
    switch (key.state()) {
      case ENABLED -> {}
      case DISABLED -> throw KmsErrors.disabled(key.arn());
      case PENDING_DELETION -> throw KmsErrors.pendingDeletion(key.arn());
    }
  }

  // ---- authorization ----

  AccessRequest keyAccess(
      Caller caller, String operation, KmsKey key, Map<String, String> encryptionContext) {
    return request(caller, operation, key, encryptionContext);
  }

  /**
   * The request KMS makes of the authorizer for {@code operation} on {@code key}: the key policy as
   * the resource policy, and KMS's condition keys. Public so that the console's access map asks
   * exactly what a real call would.
   */
  public static AccessRequest request(
      Caller caller, String operation, KmsKey key, Map<String, String> encryptionContext) {
    return request(caller, operation, key, encryptionContext, Map.of());
  }

  /**
   * The request, for an AWS service acting for one of its resources: {@code sourceContext} holds
   * the aws:SourceArn and aws:SourceAccount the key policy may test; a service principal has no
   * kms:CallerAccount.
   */
  static AccessRequest request(
      Caller caller,
      String operation,
      KmsKey key,
      Map<String, String> encryptionContext,
      Map<String, String> sourceContext) {
    // One map, built once: a request's context keys are copied only when AccessRequest is made.
    Map<String, List<String>> context = new HashMap<>();
    if (!(caller.principal() instanceof Principal.ServicePrincipal)) {
      context.put("kms:CallerAccount", List.of(caller.account().value()));
    }
    sourceContext.forEach((name, value) -> context.put(name, List.of(value)));
    String via = viaService(caller);
    if (via != null) {
      context.put("kms:ViaService", List.of(via));
    }
    for (Tag tag : key.tags()) {
      context.put("aws:ResourceTag/" + tag.key(), List.of(tag.value()));
    }
    if (!encryptionContext.isEmpty()) {
      for (Map.Entry<String, String> pair : encryptionContext.entrySet()) {
        context.put("kms:EncryptionContext:" + pair.getKey(), List.of(pair.getValue()));
      }
      context.put("kms:EncryptionContextKeys", List.copyOf(encryptionContext.keySet()));
    }
    return new AccessRequest(
        "kms:" + operation,
        key.arn(),
        key.account(),
        new ResourcePolicy(
            "key policy of " + key.arn(), key.policy(), ResourcePolicy.Kind.KEY_POLICY),
        context);
  }

  void authorize(Caller caller, String operation, KmsKey key) {
    authorize(caller, operation, key, Map.of());
  }

  void authorize(
      Caller caller, String operation, KmsKey key, Map<String, String> encryptionContext) {
    authorize(caller, operation, key, encryptionContext, Map.of());
  }

  void authorize(
      Caller caller,
      String operation,
      KmsKey key,
      Map<String, String> encryptionContext,
      Map<String, String> sourceContext) {
    require(
        caller,
        operation,
        key,
        request(caller, operation, key, encryptionContext, sourceContext),
        encryptionContext);
  }

  /**
   * Asks the authorizer; a denial that no policy made explicitly is overridden by a grant that
   * allows the operation to the caller.
   */
  void require(
      Caller caller,
      String operation,
      KmsKey key,
      AccessRequest access,
      Map<String, String> encryptionContext) {
    Verdict verdict = authorizer.authorize(caller, access);
    if (verdict.allowed()) {
      return;
    }
    if (grantAllows(caller, key, operation, encryptionContext)
        && authorizer.decide(caller, access).outcome() != Outcome.EXPLICIT_DENY) {
      return;
    }
    throw KmsErrors.accessDenied(verdict);
  }

  private boolean grantAllows(
      Caller caller, KmsKey key, String operation, Map<String, String> encryptionContext) {
    List<String> grantees = new ArrayList<>(3);
    grantees.add(caller.arn());
    if (caller.principal() instanceof Principal.AssumedRole role) {
      grantees.add(role.roleArn());
      grantees.add("arn:aws:iam::" + role.account() + ":role/" + role.roleName());
    }
    for (String grantee : grantees) {
      for (Grant grant : grants.forGrantee(key.account(), key.region(), key.keyId(), grantee)) {
        if (grant.allows(operation, encryptionContext)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code principal} (a grant's grantee or retiring principal) is the caller. */
  static boolean names(String principal, Caller caller) {
    if (principal.equals(caller.arn())) {
      return true;
    }
    return caller.principal() instanceof Principal.AssumedRole role
        && (principal.equals(role.roleArn())
            || principal.equals("arn:aws:iam::" + role.account() + ":role/" + role.roleName()));
  }

  /** An action whose resource is not a key: only the caller's identity policies decide. */
  void requireIdentity(Caller caller, String action, Region region) {
    requireIdentity(caller.withRegion(region), action, "*");
  }

  void requireIdentity(Caller caller, String action, String resource) {
    requireIdentity(caller, AccessRequest.of(action, resource, caller.account()));
  }

  void requireIdentity(Caller caller, AccessRequest request) {
    Verdict verdict = authorizer.authorize(caller, request);
    if (!verdict.allowed()) {
      throw KmsErrors.accessDenied(verdict);
    }
  }

  /**
   * {@code kms:ViaService} for a call a service makes on the caller's behalf: the caller's {@code
   * viaService} as {@code <service>.<region>.amazonaws.com}, however it was written.
   */
  static @Nullable String viaService(Caller caller) {
    String via = caller.viaService();
    if (via == null) {
      return null;
    }
    String base =
        via.endsWith(".amazonaws.com")
            ? via.substring(0, via.length() - ".amazonaws.com".length())
            : via;
    if (base.contains(".")) {
      return base + ".amazonaws.com";
    }
    return base + "." + caller.region() + ".amazonaws.com";
  }

  /**
   * Checks a new key policy: well formed, and (unless the caller bypasses the lockout safety check)
   * allowing the caller to change it again.
   */
  void checkPolicy(Caller caller, String keyArn, AccountId account, String policy, boolean bypass) {
    try {
      parser.parse(policy, PolicyKind.KEY);
    } catch (PolicyValidationException e) {
      throw KmsErrors.malformedPolicy(e.awsMessage());
    }
    if (bypass) {
      return;
    }
    AccessRequest putPolicy =
        AccessRequest.of("kms:PutKeyPolicy", keyArn, account)
            .withResourcePolicy(
                new ResourcePolicy(
                    "new key policy of " + keyArn, policy, ResourcePolicy.Kind.KEY_POLICY))
            .withContext("kms:CallerAccount", caller.account().value());
    if (!authorizer.decide(caller, putPolicy).isAllowed()) {
      throw KmsErrors.malformedPolicy(
          "The new key policy will not allow you to update the key policy in the future.");
    }
  }
}
