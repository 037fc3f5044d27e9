package ferry.kms;

import ferry.authz.AccessRequest;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Region;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Keys and their lifecycle: CreateKey, DescribeKey, ListKeys, EnableKey, DisableKey,
 * ScheduleKeyDeletion, CancelKeyDeletion, ReplicateKey, and the AWS managed keys services create.
 *
 * @see <a href="https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html">Key
 *     states</a>
 */
public final class KmsKeys {
  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9-]+");

  private final KeyAccess access;

  KmsKeys(KeyAccess access) {
    this.access = access;
  }

  public KeyMetadata createKey(Caller caller, CreateKeyRequest request) {
    KmsTags.check(request.tags());
    requireCreate(caller, request.tags());
    if (!request.keySpec().equals("SYMMETRIC_DEFAULT")) {
      throw KmsErrors.unsupportedOperation(
          "Ferry supports only SYMMETRIC_DEFAULT keys, not " + request.keySpec());
    }
    if (!request.keyUsage().equals("ENCRYPT_DECRYPT")) {
      throw KmsErrors.validation(
          "KeyUsage " + request.keyUsage() + " is not compatible with KeySpec SYMMETRIC_DEFAULT");
    }
    checkDescription(request.description());
    AccountId account = caller.account();
    String keyId = request.multiRegion() ? "mrk-" + hex(16) : UUID.randomUUID().toString();
    String policy =
        request.policy() == null ? KeyPolicies.defaultPolicy(account) : request.policy();
    String arn = KmsKey.arn(account, caller.region(), keyId);
    access.checkPolicy(caller, arn, account, policy, request.bypassPolicyLockoutSafetyCheck());
    String wrapped = access.newWrappedMaterial(account, keyId, 0);
    var key =
        new KmsKey(
            account,
            caller.region(),
            keyId,
            request.description(),
            KeyState.ENABLED,
            KeyManager.CUSTOMER,
            access.clock.instant(),
            null,
            null,
            request.multiRegion(),
            request.multiRegion() ? caller.region() : null,
            policy,
            request.tags(),
            wrapped);
    access.keys.insert(key);
    return metadata(key);
  }

  public KeyMetadata describeKey(Caller caller, String keyId) {
    return describeKey(caller, keyId, Map.of());
  }

  /**
   * DescribeKey by an AWS service for one of its resources: {@code sourceContext} holds the
   * aws:SourceArn and aws:SourceAccount the key policy may test.
   */
  public KeyMetadata describeKey(Caller caller, String keyId, Map<String, String> sourceContext) {
    KmsKey key = access.resolve(caller, keyId, "DescribeKey");
    access.authorize(caller, "DescribeKey", key, Map.of(), sourceContext);
    return metadata(key);
  }

  /** The keys of the caller's account in the caller's region, by key id. */
  public Page<KmsKey> listKeys(Caller caller, @Nullable Integer limit, @Nullable String marker) {
    access.requireIdentity(caller, "kms:ListKeys", caller.region());
    int size = Page.limit(limit, 1000);
    List<KmsKey> found = new ArrayList<>();
    String after = marker;
    while (found.size() <= size) {
      List<KmsKey> batch = access.keys.list(caller.account(), caller.region(), after, size + 1);
      for (KmsKey key : batch) {
        if (!access.purgeIfDue(key)) {
          found.add(key);
        }
      }
      if (batch.size() < size + 1) {
        break;
      }
      after = batch.getLast().keyId();
    }
    return Page.of(found, size, KmsKey::keyId);
  }

  public KmsKey enableKey(Caller caller, String keyId) {
    KmsKey key = access.resolve(caller, keyId, "EnableKey");
    access.authorize(caller, "EnableKey", key);
    return access.changeUnlessPendingDeletion(
        key, stored -> stored.withState(KeyState.ENABLED, null, null));
  }

  public KmsKey disableKey(Caller caller, String keyId) {
    KmsKey key = access.resolve(caller, keyId, "DisableKey");
    access.authorize(caller, "DisableKey", key);
    return access.changeUnlessPendingDeletion(
        key, stored -> stored.withState(KeyState.DISABLED, null, null));
  }

  /** A key of the caller's account, in any state but pending deletion. */
  public KmsKey updateKeyDescription(Caller caller, String keyId, String description) {
    checkDescription(description);
    KmsKey key = access.resolve(caller, keyId, "UpdateKeyDescription");
    access.authorize(caller, "UpdateKeyDescription", key);
    return access.changeUnlessPendingDeletion(key, stored -> stored.withDescription(description));
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
    KmsKey key = access.resolve(caller, keyId, "ScheduleKeyDeletion");
    AccessRequest check = access.keyAccess(caller, "ScheduleKeyDeletion", key, Map.of());
    if (pendingWindowInDays != null) {
      check =
          check.withContext("kms:ScheduleKeyDeletionPendingWindowInDays", Integer.toString(days));
    }
    access.require(caller, "ScheduleKeyDeletion", key, check, Map.of());
    if (key.state() == KeyState.PENDING_DELETION) {
      throw KmsErrors.pendingDeletion(key.arn());
    }
    // AWS keeps such a primary in PendingReplicaDeletion until its replicas are gone; Ferry
    // does not model that state, so it refuses rather than delete the replicas' material.
    if (key.isPrimary() && access.keys.related(key.account(), key.keyId()).size() > 1) {
      throw KmsErrors.unsupportedOperation(
          key.arn()
              + " is a multi-Region primary key with replicas; Ferry does not model the"
              + " PendingReplicaDeletion state: schedule the deletion of its replicas first.");
    }
    Instant deletion = access.clock.instant().plus(Duration.ofDays(days));
    return access.changeUnlessPendingDeletion(
        key, stored -> stored.withState(KeyState.PENDING_DELETION, deletion, days));
  }

  /** Cancels a scheduled deletion; the key comes back disabled, as in AWS. */
  public KmsKey cancelKeyDeletion(Caller caller, String keyId) {
    KmsKey key = access.resolve(caller, keyId, "CancelKeyDeletion");
    access.authorize(caller, "CancelKeyDeletion", key);
    return access.change(
        key,
        stored -> {
          if (stored.state() != KeyState.PENDING_DELETION) {
            throw KmsErrors.notPendingDeletion(stored.arn());
          }
          return stored.withState(KeyState.DISABLED, null, null);
        });
  }

  /**
   * Creates a replica of a multi-Region primary key in another region of the same account, with the
   * same key id and key material and its own key policy.
   */
  public KeyMetadata replicateKey(Caller caller, ReplicateKeyRequest request) {
    KmsKey primary = access.resolve(caller, request.keyId(), "ReplicateKey");
    access.authorize(caller, "ReplicateKey", primary);
    Region target = request.replicaRegion();
    KmsTags.check(request.tags());
    requireCreate(caller.withRegion(target), request.tags());
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
    if (access.keys.find(primary.account(), target, primary.keyId()).isPresent()) {
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
    String policy =
        request.policy() == null ? KeyPolicies.defaultPolicy(primary.account()) : request.policy();
    String arn = KmsKey.arn(primary.account(), target, primary.keyId());
    access.checkPolicy(
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
            access.clock.instant(),
            null,
            null,
            true,
            primary.region(),
            policy,
            request.tags(),
            primary.wrappedMaterial());
    access.keys.insert(replica);
    return metadata(replica);
  }

  /**
   * The ARN of the AWS managed key {@code aws/<service>} (for S3: {@code aws/s3}) of the caller's
   * account and region, created on first use. Its key policy lets principals of that account use it
   * only through the service ({@code kms:ViaService}), so another account never can.
   *
   * @param alias {@code aws/s3} or {@code alias/aws/s3}
   */
  public String awsManagedKeyArn(Caller caller, String alias) {
    return awsManagedKeyArn(caller.account(), caller.region(), alias);
  }

  /** The ARN of an account's AWS managed key {@code aws/<service>} in a region. */
  public String awsManagedKeyArn(AccountId account, Region region, String alias) {
    String name = alias.startsWith("alias/") ? alias : "alias/" + alias;
    String service = name.substring("alias/aws/".length());
    if (!name.startsWith("alias/aws/") || !SERVICE_NAME.matcher(service).matches()) {
      throw KmsErrors.invalidAliasName(alias + " is not the alias of an AWS managed key.");
    }
    Optional<KmsAlias> existing = access.aliases.find(account, region, name);
    if (existing.isPresent()) {
      return KmsKey.arn(account, region, existing.get().targetKeyId());
    }
    String keyId = UUID.randomUUID().toString();
    String wrapped = access.newWrappedMaterial(account, keyId, 0);
    Instant now = access.clock.instant();
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
            wrapped,
            // AWS rotates an AWS managed key's material every year, and so does Ferry.
            new KmsKey.KeyRotation(
                KmsRotations.DEFAULT_PERIOD_DAYS,
                now.plus(Duration.ofDays(KmsRotations.DEFAULT_PERIOD_DAYS))),
            0);
    String holder =
        access.keys.insertWithAlias(key, new KmsAlias(account, region, name, keyId, now, now));
    return KmsKey.arn(account, region, holder);
  }

  /**
   * kms:CreateKey from the caller's identity policies, with the request's tags; and kms:TagResource
   * too when the new key has tags, as AWS asks.
   */
  private void requireCreate(Caller caller, List<Tag> tags) {
    access.requireIdentity(
        caller,
        KmsTags.withRequestTags(AccessRequest.of("kms:CreateKey", "*", caller.account()), tags));
    if (!tags.isEmpty()) {
      access.requireIdentity(
          caller,
          KmsTags.withRequestTags(
              AccessRequest.of("kms:TagResource", "*", caller.account()), tags));
    }
  }

  private KeyMetadata metadata(KmsKey key) {
    if (!key.multiRegion()) {
      return new KeyMetadata(key, null);
    }
    Region primary = key.primaryRegion() == null ? key.region() : key.primaryRegion();
    List<Region> replicas =
        access.keys.related(key.account(), key.keyId()).stream()
            .map(KmsKey::region)
            .filter(r -> !r.equals(primary))
            .toList();
    return new KeyMetadata(
        key,
        new KeyMetadata.MultiRegionConfiguration(
            key.region().equals(primary) ? "PRIMARY" : "REPLICA", primary, replicas));
  }

  private static void checkDescription(String description) {
    if (description.length() > 8192) {
      throw KmsErrors.validation(
          "1 validation error detected: Value at 'description' failed to satisfy constraint:"
              + " Member must have length less than or equal to 8192");
    }
  }

  static String hex(int bytes) {
    return HexFormat.of().formatHex(Aes256Gcm.randomBytes(bytes));
  }
}
