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
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * AWS Key Management Service in plain Java: symmetric keys, aliases, key policies, grants,
 * multi-Region keys, AWS managed keys, and AES-256-GCM encryption under them. Every operation is
 * authorized as the caller, with the key policy as the resource policy and KMS's rule that the key
 * policy must allow.
 *
 * @see <a href="https://docs.aws.amazon.com/kms/latest/APIReference/Welcome.html">KMS API</a>
 */
public final class KmsService {
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
          "CreateGrant",
          "ListGrants",
          "RevokeGrant",
          "RetireGrant");

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

  private static final Pattern ALIAS_NAME = Pattern.compile("^[a-zA-Z0-9:/_-]+$");
  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9-]+");
  private static final int MAX_PLAINTEXT = 4096;
  private static final int MAX_DATA_KEY = 1024;
  private static final Duration KEY_CACHE_TTL = Duration.ofSeconds(1);

  private final KeyRepository keys;
  private final AliasRepository aliases;
  private final GrantRepository grants;
  private final MasterKey masterKey;
  private final KeyCache cache;
  private final Authorizer authorizer;
  private final PolicyParser parser;
  private final Clock clock;

  public KmsService(
      KeyRepository keys,
      AliasRepository aliases,
      GrantRepository grants,
      MasterKey masterKey,
      Authorizer authorizer,
      PolicyParser parser,
      Clock clock) {
    this.keys = keys;
    this.aliases = aliases;
    this.grants = grants;
    this.masterKey = masterKey;
    this.cache = new KeyCache(keys, masterKey, KEY_CACHE_TTL.toNanos());
    this.authorizer = authorizer;
    this.parser = parser;
    this.clock = clock;
  }

  // ---- keys ----

  public KeyMetadata createKey(Caller caller, CreateKeyRequest request) {
    requireIdentity(caller, "kms:CreateKey", caller.region());
    if (!request.keySpec().equals("SYMMETRIC_DEFAULT")) {
      throw KmsErrors.unsupportedOperation(
          "Ferry supports only SYMMETRIC_DEFAULT keys, not " + request.keySpec());
    }
    if (!request.keyUsage().equals("ENCRYPT_DECRYPT")) {
      throw KmsErrors.validation(
          "KeyUsage " + request.keyUsage() + " is not compatible with KeySpec SYMMETRIC_DEFAULT");
    }
    checkDescription(request.description());
    checkTags(request.tags());
    AccountId account = caller.account();
    String keyId = request.multiRegion() ? "mrk-" + hex(16) : UUID.randomUUID().toString();
    String policy =
        request.policy() == null ? KeyPolicies.defaultPolicy(account) : request.policy();
    String arn = KmsKey.arn(account, caller.region(), keyId);
    checkPolicy(caller, arn, account, policy, request.bypassPolicyLockoutSafetyCheck());
    String wrapped = newWrappedMaterial(account, keyId);
    var key =
        new KmsKey(
            account,
            caller.region(),
            keyId,
            request.description(),
            KeyState.ENABLED,
            KeyManager.CUSTOMER,
            clock.instant(),
            null,
            null,
            request.multiRegion(),
            request.multiRegion() ? caller.region() : null,
            policy,
            request.tags(),
            wrapped);
    keys.insert(key);
    return metadata(key);
  }

  public KeyMetadata describeKey(Caller caller, String keyId) {
    KmsKey key = resolve(caller, keyId, "DescribeKey");
    authorize(caller, "DescribeKey", key, Map.of());
    return metadata(key);
  }

  /** The keys of the caller's account in the caller's region, by key id. */
  public Page<KmsKey> listKeys(Caller caller, @Nullable Integer limit, @Nullable String marker) {
    requireIdentity(caller, "kms:ListKeys", caller.region());
    int size = limit(limit, 1000);
    List<KmsKey> found = new ArrayList<>();
    String after = marker;
    while (found.size() <= size) {
      List<KmsKey> batch = keys.list(caller.account(), caller.region(), after, size + 1);
      for (KmsKey key : batch) {
        if (!purgeIfDue(key)) {
          found.add(key);
        }
      }
      if (batch.size() < size + 1) {
        break;
      }
      after = batch.getLast().keyId();
    }
    return page(found, size, KmsKey::keyId);
  }

  public KmsKey enableKey(Caller caller, String keyId) {
    KmsKey key = resolve(caller, keyId, "EnableKey");
    authorize(caller, "EnableKey", key, Map.of());
    if (key.state() == KeyState.PENDING_DELETION) {
      throw KmsErrors.pendingDeletion(key.arn());
    }
    return store(key.withState(KeyState.ENABLED, null, null));
  }

  public KmsKey disableKey(Caller caller, String keyId) {
    KmsKey key = resolve(caller, keyId, "DisableKey");
    authorize(caller, "DisableKey", key, Map.of());
    if (key.state() == KeyState.PENDING_DELETION) {
      throw KmsErrors.pendingDeletion(key.arn());
    }
    return store(key.withState(KeyState.DISABLED, null, null));
  }

  /** Schedules deletion after 7 to 30 days (30 when not given); the key is unusable meanwhile. */
  public KmsKey scheduleKeyDeletion(
      Caller caller, String keyId, @Nullable Integer pendingWindowInDays) {
    int days = pendingWindowInDays == null ? 30 : pendingWindowInDays;
    if (days < 7 || days > 30) {
      throw KmsErrors.constraint(
          "pendingWindowInDays",
          Integer.toString(days),
          days < 7
              ? "Member must have value greater than or equal to 7"
              : "Member must have value less than or equal to 30");
    }
    KmsKey key = resolve(caller, keyId, "ScheduleKeyDeletion");
    authorize(caller, "ScheduleKeyDeletion", key, Map.of());
    if (key.state() == KeyState.PENDING_DELETION) {
      throw KmsErrors.pendingDeletion(key.arn());
    }
    Instant deletion = clock.instant().plus(Duration.ofDays(days));
    return store(key.withState(KeyState.PENDING_DELETION, deletion, days));
  }

  /** Cancels a scheduled deletion; the key comes back disabled, as in AWS. */
  public KmsKey cancelKeyDeletion(Caller caller, String keyId) {
    KmsKey key = resolve(caller, keyId, "CancelKeyDeletion");
    authorize(caller, "CancelKeyDeletion", key, Map.of());
    if (key.state() != KeyState.PENDING_DELETION) {
      throw KmsErrors.notPendingDeletion(key.arn());
    }
    return store(key.withState(KeyState.DISABLED, null, null));
  }

  /**
   * Creates a replica of a multi-Region primary key in another region of the same account, with the
   * same key id and key material and its own key policy.
   */
  public KeyMetadata replicateKey(Caller caller, ReplicateKeyRequest request) {
    KmsKey primary = resolve(caller, request.keyId(), "ReplicateKey");
    authorize(caller, "ReplicateKey", primary, Map.of());
    Region target = request.replicaRegion();
    requireIdentity(caller.withRegion(target), "kms:CreateKey", target);
    if (!primary.multiRegion()) {
      throw KmsErrors.unsupportedOperation(
          primary.arn() + " is not a multi-Region key; only those can be replicated.");
    }
    if (!primary.isPrimary()) {
      throw KmsErrors.unsupportedOperation(
          primary.arn() + " is a replica key; ReplicateKey needs the primary key.");
    }
    if (target.equals(primary.region())) {
      throw KmsErrors.validation(
          "The replica region " + target + " is the region of the primary key.");
    }
    if (keys.find(primary.account(), target, primary.keyId()).isPresent()) {
      throw KmsErrors.error(
          "AlreadyExistsException",
          KmsKey.arn(primary.account(), target, primary.keyId()) + " already exists");
    }
    if (primary.state() == KeyState.PENDING_DELETION) {
      throw KmsErrors.pendingDeletion(primary.arn());
    }
    String description =
        request.description() == null ? primary.description() : request.description();
    checkDescription(description);
    checkTags(request.tags());
    String policy =
        request.policy() == null ? KeyPolicies.defaultPolicy(primary.account()) : request.policy();
    String arn = KmsKey.arn(primary.account(), target, primary.keyId());
    checkPolicy(
        caller.withRegion(target),
        arn,
        primary.account(),
        policy,
        request.bypassPolicyLockoutSafetyCheck());
    var replica =
        new KmsKey(
            primary.account(),
            target,
            primary.keyId(),
            description,
            primary.state(),
            primary.manager(),
            clock.instant(),
            null,
            null,
            true,
            primary.region(),
            policy,
            request.tags(),
            primary.wrappedMaterial());
    keys.insert(replica);
    return metadata(replica);
  }

  // ---- key policies ----

  public String getKeyPolicy(Caller caller, String keyId, @Nullable String policyName) {
    checkPolicyName(policyName);
    KmsKey key = resolve(caller, keyId, "GetKeyPolicy");
    authorize(caller, "GetKeyPolicy", key, Map.of());
    return key.policy();
  }

  public void putKeyPolicy(
      Caller caller, String keyId, @Nullable String policyName, String policy, boolean bypass) {
    checkPolicyName(policyName);
    KmsKey key = resolve(caller, keyId, "PutKeyPolicy");
    authorize(caller, "PutKeyPolicy", key, Map.of());
    if (key.state() == KeyState.PENDING_DELETION) {
      throw KmsErrors.pendingDeletion(key.arn());
    }
    checkPolicy(caller, key.arn(), key.account(), policy, bypass);
    store(key.withPolicy(policy));
  }

  public List<String> listKeyPolicies(Caller caller, String keyId) {
    KmsKey key = resolve(caller, keyId, "ListKeyPolicies");
    authorize(caller, "ListKeyPolicies", key, Map.of());
    return List.of(KeyPolicies.POLICY_NAME);
  }

  // ---- aliases ----

  public void createAlias(Caller caller, String aliasName, String targetKeyId) {
    checkAliasName(aliasName, true);
    KmsKey key = aliasTarget(caller, targetKeyId, "CreateAlias");
    String aliasArn = aliasArn(caller, aliasName);
    requireIdentity(caller, "kms:CreateAlias", aliasArn);
    authorize(caller, "CreateAlias", key, Map.of());
    if (key.state() == KeyState.PENDING_DELETION) {
      throw KmsErrors.pendingDeletion(key.arn());
    }
    Instant now = clock.instant();
    var alias = new KmsAlias(caller.account(), caller.region(), aliasName, key.keyId(), now, now);
    if (!aliases.insertIfAbsent(alias)) {
      throw KmsErrors.aliasAlreadyExists(aliasArn);
    }
  }

  public void updateAlias(Caller caller, String aliasName, String targetKeyId) {
    checkAliasName(aliasName, true);
    String aliasArn = aliasArn(caller, aliasName);
    KmsAlias alias =
        aliases
            .find(caller.account(), caller.region(), aliasName)
            .orElseThrow(() -> KmsErrors.aliasNotFound(aliasArn));
    KmsKey current = key(caller.account(), caller.region(), alias.targetKeyId());
    KmsKey target = aliasTarget(caller, targetKeyId, "UpdateAlias");
    requireIdentity(caller, "kms:UpdateAlias", aliasArn);
    authorize(caller, "UpdateAlias", current, Map.of());
    authorize(caller, "UpdateAlias", target, Map.of());
    if (target.state() == KeyState.PENDING_DELETION) {
      throw KmsErrors.pendingDeletion(target.arn());
    }
    aliases.updateTarget(
        caller.account(), caller.region(), aliasName, target.keyId(), clock.instant());
  }

  public void deleteAlias(Caller caller, String aliasName) {
    checkAliasName(aliasName, true);
    String aliasArn = aliasArn(caller, aliasName);
    KmsAlias alias =
        aliases
            .find(caller.account(), caller.region(), aliasName)
            .orElseThrow(() -> KmsErrors.aliasNotFound(aliasArn));
    requireIdentity(caller, "kms:DeleteAlias", aliasArn);
    authorize(
        caller,
        "DeleteAlias",
        key(caller.account(), caller.region(), alias.targetKeyId()),
        Map.of());
    aliases.delete(caller.account(), caller.region(), aliasName);
  }

  /** The aliases of the caller's account and region, or only those of {@code keyId}. */
  public Page<KmsAlias> listAliases(
      Caller caller, @Nullable String keyId, @Nullable Integer limit, @Nullable String marker) {
    int size = limit(limit, 100);
    String onlyKey = null;
    if (keyId != null) {
      KmsKey key = resolve(caller, keyId, "ListAliases");
      onlyKey = key.keyId();
    }
    requireIdentity(caller, "kms:ListAliases", caller.region());
    List<KmsAlias> found =
        aliases.list(caller.account(), caller.region(), onlyKey, marker, size + 1);
    return page(found, size, KmsAlias::name);
  }

  // ---- AWS managed keys ----

  /**
   * The ARN of the AWS managed key {@code aws/<service>} (for S3: {@code aws/s3}) of the caller's
   * account and region, created on first use. Its key policy lets principals of that account use it
   * only through the service ({@code kms:ViaService}), so another account never can.
   *
   * @param alias {@code aws/s3} or {@code alias/aws/s3}
   */
  public String awsManagedKeyArn(Caller caller, String alias) {
    String name = alias.startsWith("alias/") ? alias : "alias/" + alias;
    String service = name.substring("alias/aws/".length());
    if (!name.startsWith("alias/aws/") || !SERVICE_NAME.matcher(service).matches()) {
      throw KmsErrors.invalidAliasName(alias + " is not the alias of an AWS managed key.");
    }
    AccountId account = caller.account();
    Region region = caller.region();
    Optional<KmsAlias> existing = aliases.find(account, region, name);
    if (existing.isPresent()) {
      return KmsKey.arn(account, region, existing.get().targetKeyId());
    }
    String keyId = UUID.randomUUID().toString();
    String wrapped = newWrappedMaterial(account, keyId);
    Instant now = clock.instant();
    String displayName = service.equals("s3") ? "S3" : service;
    var key =
        new KmsKey(
            account,
            region,
            keyId,
            "Default key that protects my " + displayName + " objects when no other key is defined",
            KeyState.ENABLED,
            KeyManager.AWS,
            now,
            null,
            null,
            false,
            null,
            KeyPolicies.awsManagedPolicy(account, region, service),
            List.of(),
            wrapped);
    String holder = keys.insertWithAlias(key, new KmsAlias(account, region, name, keyId, now, now));
    return KmsKey.arn(account, region, holder);
  }

  // ---- cryptography ----

  public EncryptResult encrypt(Caller caller, EncryptRequest request) {
    checkPlaintext(request.plaintext());
    KmsKey key = resolve(caller, request.keyId(), "Encrypt");
    authorize(caller, "Encrypt", key, request.encryptionContext());
    requireUsable(key);
    return new EncryptResult(
        key.arn(), seal(key, request.plaintext(), request.encryptionContext()));
  }

  public DecryptResult decrypt(Caller caller, DecryptRequest request) {
    CiphertextBlob blob = parseCiphertext(request.ciphertextBlob());
    KmsKey key = ciphertextKey(caller, blob, request.keyId(), "Decrypt");
    authorize(caller, "Decrypt", key, request.encryptionContext());
    requireUsable(key);
    return new DecryptResult(key.arn(), open(key, blob, request.encryptionContext()));
  }

  public GenerateDataKeyResult generateDataKey(Caller caller, GenerateDataKeyRequest request) {
    checkDataKeySize(request.numberOfBytes());
    KmsKey key = resolve(caller, request.keyId(), "GenerateDataKey");
    authorize(caller, "GenerateDataKey", key, request.encryptionContext());
    requireUsable(key);
    byte[] plaintext = Aes256Gcm.randomBytes(request.numberOfBytes());
    return new GenerateDataKeyResult(
        key.arn(), plaintext, seal(key, plaintext, request.encryptionContext()));
  }

  /** A data key encrypted under the KMS key only; its plaintext is never returned. */
  public EncryptResult generateDataKeyWithoutPlaintext(
      Caller caller, GenerateDataKeyRequest request) {
    checkDataKeySize(request.numberOfBytes());
    KmsKey key = resolve(caller, request.keyId(), "GenerateDataKeyWithoutPlaintext");
    authorize(caller, "GenerateDataKeyWithoutPlaintext", key, request.encryptionContext());
    requireUsable(key);
    byte[] plaintext = Aes256Gcm.randomBytes(request.numberOfBytes());
    try {
      return new EncryptResult(key.arn(), seal(key, plaintext, request.encryptionContext()));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  public ReEncryptResult reEncrypt(Caller caller, ReEncryptRequest request) {
    CiphertextBlob blob = parseCiphertext(request.ciphertextBlob());
    KmsKey source = ciphertextKey(caller, blob, request.sourceKeyId(), "ReEncryptFrom");
    authorize(caller, "ReEncryptFrom", source, request.sourceEncryptionContext());
    requireUsable(source);
    KmsKey destination = resolve(caller, request.destinationKeyId(), "ReEncryptTo");
    authorize(caller, "ReEncryptTo", destination, request.destinationEncryptionContext());
    requireUsable(destination);
    byte[] plaintext = open(source, blob, request.sourceEncryptionContext());
    try {
      return new ReEncryptResult(
          source.arn(),
          destination.arn(),
          seal(destination, plaintext, request.destinationEncryptionContext()));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  public byte[] generateRandom(Caller caller, @Nullable Integer numberOfBytes) {
    if (numberOfBytes == null) {
      throw KmsErrors.validation("NumberOfBytes is required.");
    }
    checkDataKeySize(numberOfBytes);
    requireIdentity(caller, "kms:GenerateRandom", "*");
    return Aes256Gcm.randomBytes(numberOfBytes);
  }

  // ---- grants ----

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
    KmsKey key = resolve(caller, request.keyId(), "CreateGrant");
    AccessRequest access =
        keyAccess(caller, "CreateGrant", key, Map.of())
            .withContext("kms:GranteePrincipal", request.granteePrincipal())
            .withContext("kms:GrantOperations", request.operations().toArray(String[]::new))
            .withContext(
                "kms:GrantIsForAWSResource", Boolean.toString(caller.viaService() != null));
    String retiring = request.retiringPrincipal();
    if (retiring != null) {
      access = access.withContext("kms:RetiringPrincipal", retiring);
    }
    require(caller, "CreateGrant", key, access, Map.of());
    requireUsable(key);
    String grantId = hex(32);
    String token =
        Base64.getUrlEncoder().withoutPadding().encodeToString(Aes256Gcm.randomBytes(48));
    grants.insert(
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
            clock.instant()));
    return new CreateGrantResult(grantId, token);
  }

  public Page<Grant> listGrants(
      Caller caller,
      String keyId,
      @Nullable String grantId,
      @Nullable String granteePrincipal,
      @Nullable Integer limit,
      @Nullable String marker) {
    int size = limit(limit, 100);
    KmsKey key = resolve(caller, keyId, "ListGrants");
    authorize(caller, "ListGrants", key, Map.of());
    List<Grant> found = new ArrayList<>();
    String after = marker;
    while (found.size() <= size) {
      List<Grant> batch = grants.forKey(key.account(), key.region(), key.keyId(), after, size + 1);
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
    return page(found, size, Grant::grantId);
  }

  public void revokeGrant(Caller caller, String keyId, String grantId) {
    KmsKey key = resolve(caller, keyId, "RevokeGrant");
    authorize(caller, "RevokeGrant", key, Map.of());
    Grant grant =
        grants
            .find(grantId)
            .filter(g -> g.keyArn().equals(key.arn()))
            .orElseThrow(() -> KmsErrors.invalidGrantId(grantId));
    grants.delete(grant.grantId());
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
      grant = grants.findByToken(grantToken).orElseThrow(KmsErrors::invalidGrantToken);
    } else if (keyId != null && grantId != null) {
      KmsKey key = resolve(caller, keyId, "RetireGrant");
      grant =
          grants
              .find(grantId)
              .filter(g -> g.keyArn().equals(key.arn()))
              .orElseThrow(() -> KmsErrors.invalidGrantId(grantId));
    } else {
      throw KmsErrors.validation("Either GrantToken or both KeyId and GrantId are required.");
    }
    String retiring = grant.retiringPrincipal();
    boolean mayRetire =
        (retiring != null && names(retiring, caller))
            || (grant.operations().contains("RetireGrant")
                && names(grant.granteePrincipal(), caller));
    if (!mayRetire) {
      KmsKey key = key(grant.account(), grant.region(), grant.keyId());
      authorize(caller, "RetireGrant", key, Map.of());
    }
    grants.delete(grant.grantId());
  }

  // ---- resolution ----

  /**
   * The key a KeyId names. Key ids and alias names are looked up in the caller's account and
   * region; ARNs of another account only for the operations that work across accounts.
   */
  private KmsKey resolve(Caller caller, String keyIdText, String operation) {
    if (keyIdText.isEmpty()) {
      throw KmsErrors.constraint(
          "keyId", keyIdText, "Member must have length greater than or equal to 1");
    }
    boolean crossAccount = CROSS_ACCOUNT.contains(operation);
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

  private KmsKey key(AccountId account, Region region, String keyId) {
    return findKey(account, region, keyId)
        .orElseThrow(() -> KmsErrors.keyNotFound(KmsKey.arn(account, region, keyId)));
  }

  private Optional<KmsKey> findKey(AccountId account, Region region, String keyId) {
    Optional<KmsKey> key = cache.find(account, region, keyId);
    if (key.isPresent() && purgeIfDue(key.get())) {
      return Optional.empty();
    }
    return key;
  }

  /** Deletes a key whose waiting period is over; returns whether it did. */
  private boolean purgeIfDue(KmsKey key) {
    Instant deletion = key.deletionDate();
    if (key.state() != KeyState.PENDING_DELETION
        || deletion == null
        || deletion.isAfter(clock.instant())) {
      return false;
    }
    keys.delete(key.account(), key.region(), key.keyId());
    cache.forget(key);
    return true;
  }

  /** The target of CreateAlias or UpdateAlias: a customer managed key, named by id or ARN. */
  private KmsKey aliasTarget(Caller caller, String targetKeyId, String operation) {
    if (targetKeyId.startsWith("alias/") || targetKeyId.contains(":alias/")) {
      throw KmsErrors.validation("Aliases must refer to keys. Not aliases");
    }
    return resolve(caller, targetKeyId, operation);
  }

  /** The key a ciphertext names, checked against the KeyId the caller gave, if any. */
  private KmsKey ciphertextKey(
      Caller caller, CiphertextBlob blob, @Nullable String keyId, String operation) {
    KmsKey key =
        findKey(blob.account(), caller.region(), blob.keyId())
            .orElseThrow(() -> KmsErrors.ciphertextKeyUnavailable(caller.arn()));
    if (keyId != null && !resolve(caller, keyId, operation).arn().equals(key.arn())) {
      throw KmsErrors.incorrectKey();
    }
    return key;
  }

  private KmsKey store(KmsKey key) {
    keys.update(key);
    cache.forget(key);
    return key;
  }

  private KeyMetadata metadata(KmsKey key) {
    if (!key.multiRegion()) {
      return new KeyMetadata(key, null);
    }
    Region primary = key.primaryRegion() == null ? key.region() : key.primaryRegion();
    List<Region> replicas =
        keys.related(key.account(), key.keyId()).stream()
            .map(KmsKey::region)
            .filter(r -> !r.equals(primary))
            .toList();
    return new KeyMetadata(
        key,
        new KeyMetadata.MultiRegionConfiguration(
            key.region().equals(primary) ? "PRIMARY" : "REPLICA", primary, replicas));
  }

  // ---- authorization ----

  private AccessRequest keyAccess(
      Caller caller, String operation, KmsKey key, Map<String, String> encryptionContext) {
    // One map, built once: a request's context keys are copied only when AccessRequest is made.
    Map<String, List<String>> context = new HashMap<>();
    context.put("kms:CallerAccount", List.of(caller.account().value()));
    String via = viaService(caller);
    if (via != null) {
      context.put("kms:ViaService", List.of(via));
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

  private void authorize(
      Caller caller, String operation, KmsKey key, Map<String, String> encryptionContext) {
    require(
        caller,
        operation,
        key,
        keyAccess(caller, operation, key, encryptionContext),
        encryptionContext);
  }

  /**
   * Asks the authorizer; a denial that no policy made explicitly is overridden by a grant that
   * allows the operation to the caller.
   */
  private void require(
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
  private static boolean names(String principal, Caller caller) {
    if (principal.equals(caller.arn())) {
      return true;
    }
    return caller.principal() instanceof Principal.AssumedRole role
        && (principal.equals(role.roleArn())
            || principal.equals("arn:aws:iam::" + role.account() + ":role/" + role.roleName()));
  }

  /** An action whose resource is not a key: only the caller's identity policies decide. */
  private void requireIdentity(Caller caller, String action, Region region) {
    requireIdentity(caller.withRegion(region), action, "*");
  }

  private void requireIdentity(Caller caller, String action, String resource) {
    Verdict verdict =
        authorizer.authorize(caller, AccessRequest.of(action, resource, caller.account()));
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

  // ---- crypto and checks ----

  private byte[] seal(KmsKey key, byte[] plaintext, Map<String, String> encryptionContext) {
    return CiphertextBlob.seal(
        key.account(), key.keyId(), cache.material(key), plaintext, encryptionContext);
  }

  private static CiphertextBlob parseCiphertext(byte[] ciphertext) {
    CiphertextBlob blob = CiphertextBlob.parse(ciphertext);
    if (blob == null) {
      throw KmsErrors.invalidCiphertext();
    }
    return blob;
  }

  private byte[] open(KmsKey key, CiphertextBlob blob, Map<String, String> encryptionContext) {
    byte[] plaintext = blob.open(cache.material(key), encryptionContext);
    if (plaintext == null) {
      throw KmsErrors.invalidCiphertext();
    }
    return plaintext;
  }

  /** Fresh key material, returned only wrapped under the master key. */
  private String newWrappedMaterial(AccountId account, String keyId) {
    byte[] material = Aes256Gcm.randomBytes(Aes256Gcm.KEY_BYTES);
    try {
      return masterKey.wrap(material, KmsKey.materialLabel(account, keyId));
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }

  private static void requireUsable(KmsKey key) {
    switch (key.state()) {
      case ENABLED -> {}
      case DISABLED -> throw KmsErrors.disabled(key.arn());
      case PENDING_DELETION -> throw KmsErrors.pendingDeletion(key.arn());
    }
  }

  private void checkPolicy(
      Caller caller, String keyArn, AccountId account, String policy, boolean bypass) {
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

  private static void checkPolicyName(@Nullable String policyName) {
    if (policyName != null && !policyName.equals(KeyPolicies.POLICY_NAME)) {
      throw KmsErrors.error("NotFoundException", "No such policy exists: " + policyName);
    }
  }

  private static void checkAliasName(String aliasName, boolean forChange) {
    if (aliasName.isEmpty() || aliasName.length() > 256) {
      throw KmsErrors.constraint(
          "aliasName", aliasName, "Member must have length between 1 and 256");
    }
    if (!ALIAS_NAME.matcher(aliasName).matches()) {
      throw KmsErrors.constraint(
          "aliasName",
          aliasName,
          "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
    }
    if (!aliasName.startsWith("alias/") || aliasName.length() == "alias/".length()) {
      throw KmsErrors.invalidAliasName(
          "Alias must start with the prefix \"alias/\" followed by a name.");
    }
    if (forChange && aliasName.startsWith("alias/aws/")) {
      throw KmsErrors.invalidAliasName(
          "Alias names that begin with alias/aws/ are reserved for AWS managed keys.");
    }
  }

  private static void checkPlaintext(byte[] plaintext) {
    if (plaintext.length < 1) {
      throw KmsErrors.validation(
          "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member"
              + " must have length greater than or equal to 1");
    }
    if (plaintext.length > MAX_PLAINTEXT) {
      throw KmsErrors.validation(
          "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member"
              + " must have length less than or equal to 4096");
    }
  }

  private static void checkDataKeySize(int numberOfBytes) {
    if (numberOfBytes < 1 || numberOfBytes > MAX_DATA_KEY) {
      throw KmsErrors.constraint(
          "numberOfBytes",
          Integer.toString(numberOfBytes),
          numberOfBytes < 1
              ? "Member must have value greater than or equal to 1"
              : "Member must have value less than or equal to 1024");
    }
  }

  private static void checkDescription(String description) {
    if (description.length() > 8192) {
      throw KmsErrors.validation(
          "1 validation error detected: Value at 'description' failed to satisfy constraint:"
              + " Member must have length less than or equal to 8192");
    }
  }

  private static void checkTags(List<Tag> tags) {
    for (Tag tag : tags) {
      if (tag.key().isEmpty() || tag.key().length() > 128) {
        throw KmsErrors.error(
            "TagException", "Tag key must be 1 to 128 characters: '" + tag.key() + "'");
      }
      if (tag.value().length() > 256) {
        throw KmsErrors.error(
            "TagException", "Tag value of " + tag.key() + " must be at most 256 characters");
      }
      if (tag.key().startsWith("aws:")) {
        throw KmsErrors.error("TagException", "Tags beginning with aws: are reserved");
      }
    }
  }

  private static int limit(@Nullable Integer limit, int max) {
    if (limit == null) {
      return Math.min(100, max);
    }
    if (limit < 1 || limit > max) {
      throw KmsErrors.constraint(
          "limit",
          Integer.toString(limit),
          limit < 1
              ? "Member must have value greater than or equal to 1"
              : "Member must have value less than or equal to " + max);
    }
    return limit;
  }

  private static <T> Page<T> page(
      List<T> found, int size, java.util.function.Function<T, String> markerOf) {
    if (found.size() <= size) {
      return new Page<>(found, null);
    }
    List<T> items = found.subList(0, size);
    return new Page<>(items, markerOf.apply(items.getLast()));
  }

  private static String aliasArn(Caller caller, String aliasName) {
    return "arn:aws:kms:" + caller.region() + ":" + caller.account() + ":" + aliasName;
  }

  private static String hex(int bytes) {
    return HexFormat.of().formatHex(Aes256Gcm.randomBytes(bytes));
  }
}
