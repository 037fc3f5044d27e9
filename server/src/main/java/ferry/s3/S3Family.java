package ferry.s3;

import ferry.aws.AccountId;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.s3.store.BucketRepository;
import ferry.s3.store.ObjectRepository;
import ferry.s3.store.UploadRepository;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What every S3 resource family shares: the repositories, the bytes, the data keys, the access
 * checks, and the rules every family applies the same way (finding and authorizing buckets and
 * versions, making new versions and committing them).
 */
abstract class S3Family {
  /** The largest single PUT S3 accepts: 5 GiB. */
  static final long MAX_PUT_SIZE = S3Service.MAX_PUT_SIZE;

  private static final int MAX_KEY_BYTES = 1024;

  /** The parts every family is made of, built once by {@link S3Service}. */
  record Parts(
      BucketRepository buckets,
      ObjectRepository objects,
      UploadRepository uploads,
      ObjectBytes bytes,
      DataKeys keys,
      S3Access access,
      Clock clock,
      @Nullable ObjectCreatedEvents objectEvents) {}

  final BucketRepository buckets;
  final ObjectRepository objects;
  final ObjectBytes bytes;
  final DataKeys keys;
  final S3Access access;
  final Clock clock;
  private final @Nullable ObjectCreatedEvents objectEvents;

  /** How many times a read locates its version, when each one it found was replaced meanwhile. */
  private static final int READ_ATTEMPTS = 5;

  S3Family(Parts parts) {
    this.buckets = parts.buckets();
    this.objects = parts.objects();
    this.bytes = parts.bytes();
    this.keys = parts.keys();
    this.access = parts.access();
    this.clock = parts.clock();
    this.objectEvents = parts.objectEvents();
  }

  /** If-None-Match: * refuses to overwrite; If-Match demands the current ETag. */
  void checkWriteConditions(
      Bucket bucket, String key, @Nullable String ifMatch, @Nullable String ifNoneMatch) {
    if (ifMatch == null && ifNoneMatch == null) {
      return;
    }
    ObjectVersion current = objects.findLatest(bucket.name(), key).orElse(null);
    boolean exists = current != null && !current.deleteMarker();
    if (ifNoneMatch != null && ifNoneMatch.trim().equals("*") && exists) {
      throw S3Errors.preconditionFailed("If-None-Match");
    }
    if (ifMatch != null) {
      if (!exists) {
        throw S3Errors.noSuchKey(key);
      }
      if (!Preconditions.matches(ifMatch, current.etag())) {
        throw S3Errors.preconditionFailed("If-Match");
      }
    }
  }

  static void checkSourceConditions(ObjectVersion source, Preconditions conditions) {
    Preconditions.Result result = conditions.evaluate(source.etag(), source.created());
    if (result != Preconditions.Result.PROCEED) {
      throw S3Errors.preconditionFailed(
          conditions.ifMatch() != null
              ? "x-amz-copy-source-If-Match"
              : conditions.ifNoneMatch() != null
                  ? "x-amz-copy-source-If-None-Match"
                  : conditions.ifUnmodifiedSince() != null
                      ? "x-amz-copy-source-If-Unmodified-Since"
                      : "x-amz-copy-source-If-Modified-Since");
    }
  }

  // ---- shared with MultipartUploads ----

  /** The bucket, once the caller is allowed a bucket-level action on it. */
  Bucket authorizedBucket(Caller caller, String name, String action) {
    Bucket bucket = bucket(name);
    access.requireBucket(caller, action, bucket, Map.of());
    return bucket;
  }

  /**
   * The bucket owner condition: a request that names the account it expects to own a bucket is
   * denied when another account owns it.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-owner-condition.html
   */
  public void requireExpectedOwner(String bucketName, String expectedAccount, String header) {
    buckets
        .find(bucketName)
        .filter(bucket -> !bucket.owner().value().equals(expectedAccount.trim()))
        .ifPresent(bucket -> {
          throw S3Errors.accessDenied(
              "Access Denied: "
                  + header
                  + " names account "
                  + expectedAccount.trim()
                  + ", which does not own bucket "
                  + bucketName);
        });
  }

  Bucket bucket(String name) {
    return buckets.find(name).orElseThrow(() -> S3Errors.noSuchBucket(name));
  }

  static void checkKey(String key) {
    int length = key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (length > MAX_KEY_BYTES) {
      throw S3Errors.keyTooLong(length);
    }
  }

  /**
   * Authorizes writing an object: s3:PutObject, plus s3:PutObjectAcl for an ACL and
   * s3:PutObjectTagging for tags, with the request's ACL and encryption as condition keys; then the
   * ACL must suit the bucket's Object Ownership and Block Public Access.
   */
  void requireWrite(
      Caller caller,
      Bucket bucket,
      String key,
      AccessControlList acl,
      Map<String, String> tags,
      @Nullable ServerSideEncryption encryption) {
    requireWrite(caller, bucket, key, acl, tags, encryption, ObjectLockRequest.NONE, Map.of());
  }

  /**
   * {@link #requireWrite}, with the Object Lock the write asks for as condition keys
   * (s3:object-lock-mode …) of s3:PutObject too, and for a write by an AWS service the
   * aws:SourceAccount and aws:SourceArn of the resource it writes for ({@code sourceContext}).
   */
  void requireWrite(
      Caller caller,
      Bucket bucket,
      String key,
      AccessControlList acl,
      Map<String, String> tags,
      @Nullable ServerSideEncryption encryption,
      ObjectLockRequest lock,
      Map<String, String> sourceContext) {
    requireWrite(
        caller, bucket, key, acl, tags, requestTagKeys(tags), encryption, lock, sourceContext);
  }

  /**
   * {@link #requireWrite}, where the tags the request sets as condition keys ({@code tagKeys}) may
   * differ from the tags that need s3:PutObjectTagging ({@code tags}), as for CopyObject.
   */
  void requireWrite(
      Caller caller,
      Bucket bucket,
      String key,
      AccessControlList acl,
      Map<String, String> tags,
      Map<String, List<String>> tagKeys,
      @Nullable ServerSideEncryption encryption,
      ObjectLockRequest lock,
      Map<String, String> sourceContext) {
    Map<String, String> single = new HashMap<>(aclContext(acl));
    single.putAll(sourceContext);
    single.putAll(ObjectLock.conditionKeys(lock.retention(), lock.legalHold(), clock));
    if (encryption != null) {
      single.put("s3:x-amz-server-side-encryption", encryption.algorithm());
      if (encryption.kmsKeyId() != null) {
        single.put("s3:x-amz-server-side-encryption-aws-kms-key-id", encryption.kmsKeyId());
      }
    }
    Map<String, List<String>> context = S3Access.multivalued(single);
    context.putAll(tagKeys);
    List<Grant> bucketAcl = bucket.effectiveAcl();
    access.requireObjectKeys(
        caller, "s3:PutObject", bucket, key, bucket.owner(), bucketAcl, context);
    if (!acl.isEmpty()) {
      access.requireObjectKeys(
          caller, "s3:PutObjectAcl", bucket, key, bucket.owner(), bucketAcl, context);
    }
    if (!tags.isEmpty()) {
      ObjectTags.check(tags);
      access.requireObjectKeys(
          caller, "s3:PutObjectTagging", bucket, key, bucket.owner(), bucketAcl, context);
    }
    checkAclAllowed(caller, bucket, acl);
  }

  /**
   * The version a new write makes: its id by the bucket's versioning, its owner by Object Ownership
   * and the ACL sent, and its ACL grants.
   */
  ObjectVersion newVersion(
      Caller caller,
      Bucket bucket,
      String key,
      long size,
      String etag,
      Map<String, String> headers,
      String blobId,
      AccessControlList acl,
      Map<String, String> tags,
      @Nullable Checksum checksum,
      StoredEncryption encryption,
      List<Segment> segments) {
    AccountId owner = ownerOfNewObject(caller, bucket, acl);
    List<Grant> grants = bucket.aclsEnabled() ? grantsOf(acl, owner, bucket.owner()) : List.of();
    return new ObjectVersion(
        bucket.name(),
        key,
        bucket.isVersioningEnabled() ? newVersionId() : ObjectVersion.NULL_VERSION,
        0,
        true,
        false,
        size,
        etag,
        headers,
        owner,
        blobId,
        clock.instant(),
        grants,
        tags,
        checksum,
        encryption,
        segments);
  }

  /**
   * Runs a request that reads a version's bytes, and runs it again when the version it located was
   * replaced or deleted before its bytes were opened ({@link ObjectBytes.VersionGone}): the new run
   * locates what is there now, as a request sent a moment later would. A key rewritten faster than
   * it can be read is SlowDown, which clients retry.
   */
  static <T> T againIfReplaced(Supplier<T> request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return request.get();
      } catch (ObjectBytes.VersionGone e) {
        if (attempt == READ_ATTEMPTS) {
          throw S3Errors.slowDown();
        }
      }
    }
  }

  /**
   * Makes a new version visible: the one place every object creation (PutObject, CopyObject,
   * CompleteMultipartUpload) passes, after its bytes are durable. The blob of a replaced "null"
   * version is removed.
   */
  ObjectVersion commitVersion(Bucket bucket, ObjectVersion version, Caller caller, String reason) {
    bytes.delete(objects.put(version));
    return created(bucket, version, caller, reason);
  }

  /**
   * {@link #commitVersion} of the version a CompleteMultipartUpload made, which removes the upload
   * in the same transaction: an upload completed or aborted meanwhile is {@code NoSuchUpload}.
   */
  ObjectVersion commitCompletedUpload(
      Bucket bucket, ObjectVersion version, String uploadId, Caller caller) {
    objects.putCompleted(version, uploadId).forEach(bytes::delete);
    return created(bucket, version, caller, "CompleteMultipartUpload");
  }

  private ObjectVersion created(
      Bucket bucket, ObjectVersion version, Caller caller, String reason) {
    if (objectEvents != null) {
      objectEvents.created(caller, bucket, version, reason, clock.instant());
    }
    return version;
  }

  /**
   * The owner of a new object: the bucket owner under BucketOwnerEnforced, and under
   * BucketOwnerPreferred when the writer sends bucket-owner-full-control; otherwise the writer's
   * account.
   */
  static AccountId ownerOfNewObject(Caller caller, Bucket bucket, AccessControlList acl) {
    AccountId writer = S3Access.accountOf(caller);
    if (writer == null) {
      return bucket.owner();
    }
    ObjectOwnership ownership = bucket.ownership();
    if (ownership == ObjectOwnership.BUCKET_OWNER_ENFORCED) {
      return bucket.owner();
    }
    if (ownership == ObjectOwnership.BUCKET_OWNER_PREFERRED
        && acl.canned() == CannedAcl.BUCKET_OWNER_FULL_CONTROL) {
      return bucket.owner();
    }
    return writer;
  }

  /** The version a read addresses, authorized for the caller by the object's owner. */
  ObjectVersion readableVersion(
      Caller caller, Bucket bucket, String key, @Nullable String versionId) {
    String action = versionId == null ? "s3:GetObject" : "s3:GetObjectVersion";
    ObjectVersion version =
        versionId == null
            ? objects.findLatest(bucket.name(), key).orElse(null)
            : objects.findVersion(bucket.name(), key, versionId).orElse(null);
    if (version == null) {
      access.requireObject(
          caller, action, bucket, key, bucket.owner(), bucket.effectiveAcl(), Map.of());
      if (!access.allowsBucket(caller, "s3:ListBucket", bucket)) {
        throw S3Errors.accessDenied("Access Denied");
      }
      throw versionId == null ? S3Errors.noSuchKey(key) : S3Errors.noSuchVersion(key, versionId);
    }
    requireOnVersion(caller, action, bucket, version, versionId);
    if (version.deleteMarker()) {
      AwsException error =
          versionId == null
              ? S3Errors.noSuchKey(key)
              : S3Errors.methodNotAllowed("GET", "DeleteMarker");
      throw error
          .withHeader("x-amz-delete-marker", "true")
          .withHeader("x-amz-version-id", version.versionId());
    }
    return version;
  }

  /** The data key of a stored version, decrypted as the caller. */
  byte[] openKey(Caller caller, Bucket bucket, ObjectVersion version) {
    return openKey(caller, bucket, version, null);
  }

  /** The data key of a stored version, decrypted as the caller with the key it sent (SSE-C). */
  byte[] openKey(
      Caller caller, Bucket bucket, ObjectVersion version, @Nullable CustomerKey customerKey) {
    StoredEncryption encryption = java.util.Objects.requireNonNull(version.encryption());
    return keys.open(caller, bucket.objectArn(version.key()), encryption, customerKey);
  }

  void requireOnVersion(
      Caller caller,
      String action,
      Bucket bucket,
      ObjectVersion version,
      @Nullable String versionId) {
    requireOnVersion(caller, action, bucket, version, versionId, Map.of());
  }

  /**
   * An action on an existing version, decided with the version's tags as
   * s3:ExistingObjectTag/&lt;key&gt; (every action on an existing version has them, except writing
   * and deleting the object, which never reach here) and the request's own {@code keys}.
   */
  void requireOnVersion(
      Caller caller,
      String action,
      Bucket bucket,
      ObjectVersion version,
      @Nullable String versionId,
      Map<String, List<String>> keys) {
    Map<String, List<String>> context = new HashMap<>(existingTagKeys(version));
    context.putAll(keys);
    if (versionId != null) {
      context.put("s3:VersionId", List.of(versionId));
    }
    access.requireObjectKeys(
        caller,
        action,
        bucket,
        version.key(),
        effectiveOwner(bucket, version),
        effectiveAcl(bucket, version),
        context);
  }

  /** The s3:ExistingObjectTag/&lt;key&gt; condition keys of a stored version. */
  static Map<String, List<String>> existingTagKeys(ObjectVersion version) {
    Map<String, List<String>> keys = new HashMap<>();
    version.tags().forEach((key, value) -> keys.put("s3:ExistingObjectTag/" + key, List.of(value)));
    return keys;
  }

  /**
   * The s3:RequestObjectTag/&lt;key&gt; and s3:RequestObjectTagKeys condition keys of a request
   * that sets tags; none when it sets none.
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/tagging-and-policies.html
   */
  static Map<String, List<String>> requestTagKeys(Map<String, String> tags) {
    Map<String, List<String>> keys = new HashMap<>();
    tags.forEach((key, value) -> keys.put("s3:RequestObjectTag/" + key, List.of(value)));
    if (!tags.isEmpty()) {
      keys.put("s3:RequestObjectTagKeys", List.copyOf(tags.keySet()));
    }
    return keys;
  }

  ObjectVersion existingVersion(Bucket bucket, String key, @Nullable String versionId) {
    ObjectVersion version =
        versionId == null
            ? objects.findLatest(bucket.name(), key).orElseThrow(() -> S3Errors.noSuchKey(key))
            : objects
                .findVersion(bucket.name(), key, versionId)
                .orElseThrow(() -> S3Errors.noSuchVersion(key, versionId));
    if (version.deleteMarker()) {
      throw versionId == null
          ? S3Errors.noSuchKey(key)
          : S3Errors.methodNotAllowed("GET", "DeleteMarker");
    }
    return version;
  }

  /** Under BucketOwnerEnforced the bucket owner owns every object, also older ones. */
  static AccountId effectiveOwner(Bucket bucket, ObjectVersion version) {
    return bucket.aclsEnabled() ? version.owner() : bucket.owner();
  }

  static List<Grant> effectiveAcl(Bucket bucket, ObjectVersion version) {
    AccountId owner = effectiveOwner(bucket, version);
    return !bucket.aclsEnabled() || version.acl().isEmpty()
        ? List.of(Grant.user(CanonicalUser.idOf(owner), "FULL_CONTROL"))
        : version.acl();
  }

  static Map<String, String> aclContext(AccessControlList acl) {
    CannedAcl canned = acl.canned();
    return canned == null ? Map.of() : Map.of("s3:x-amz-acl", canned.wireName());
  }

  /** ACLs must suit Object Ownership, and public ones are refused under BlockPublicAcls. */
  static void checkAclAllowed(Caller caller, Bucket bucket, AccessControlList acl) {
    if (!bucket.aclsEnabled() && !acl.acceptableWithAclsDisabled()) {
      throw S3Errors.accessControlListNotSupported();
    }
    if (bucket.effectivePublicAccessBlock().blockPublicAcls()
        && grantsOf(acl, bucket.owner(), bucket.owner()).stream().anyMatch(Grant::isPublic)) {
      throw S3Errors.accessDenied("Access Denied");
    }
  }

  static List<Grant> grantsOf(AccessControlList acl, AccountId owner, AccountId bucketOwner) {
    CannedAcl canned = acl.canned();
    if (canned != null) {
      return canned.grants(owner, bucketOwner);
    }
    if (!acl.grants().isEmpty()) {
      return acl.grants();
    }
    return CannedAcl.PRIVATE.grants(owner, bucketOwner);
  }

  // ---- Object Lock: what every write and every deletion of a version obeys ----

  /**
   * The bucket's Object Lock configuration, null when Object Lock is not enabled on it. A bucket
   * with Object Lock always has versioning enabled (it can be neither suspended nor turned on
   * without it), so the others, most buckets, are answered without a read.
   */
  @Nullable ObjectLockConfiguration objectLockOf(Bucket bucket) {
    if (!bucket.isVersioningEnabled()) {
      return null;
    }
    return buckets.findSetting(bucket.name(), ObjectLock.CONFIGURATION).orElse(null);
  }

  /**
   * Checks the Object Lock a write asks for: the bucket must have Object Lock, the date must be in
   * the future, and the writer needs s3:PutObjectRetention and s3:PutObjectLegalHold for what it
   * sets, as in AWS.
   */
  void checkRequestedLock(Caller caller, Bucket bucket, String key, ObjectLockRequest requested) {
    if (requested.isEmpty()) {
      return;
    }
    if (objectLockOf(bucket) == null) {
      throw S3Errors.missingObjectLockConfiguration();
    }
    Retention retention = requested.retention();
    Map<String, String> context = ObjectLock.conditionKeys(retention, requested.legalHold(), clock);
    if (retention != null) {
      if (!retention.activeAt(clock.instant())) {
        throw S3Errors.retainUntilDateInPast();
      }
      access.requireObject(
          caller,
          "s3:PutObjectRetention",
          bucket,
          key,
          bucket.owner(),
          bucket.effectiveAcl(),
          context);
    }
    if (requested.legalHold() != null) {
      access.requireObject(
          caller,
          "s3:PutObjectLegalHold",
          bucket,
          key,
          bucket.owner(),
          bucket.effectiveAcl(),
          context);
    }
  }

  /**
   * A new version with its Object Lock: the retention and legal hold asked for (already checked by
   * {@link #checkRequestedLock}), else the bucket's default retention from the version's creation.
   */
  ObjectVersion withObjectLock(Bucket bucket, ObjectVersion version, ObjectLockRequest requested) {
    ObjectLockConfiguration configuration = objectLockOf(bucket);
    if (configuration == null) {
      return version;
    }
    Retention retention =
        requested.retention() != null
            ? requested.retention()
            : configuration.defaultRetention(version.created());
    return version.withLock(retention, requested.legalHold());
  }

  /**
   * Refuses deleting a version that a legal hold or an unexpired retention protects; a GOVERNANCE
   * retention gives way to x-amz-bypass-governance-retention with s3:BypassGovernanceRetention.
   */
  void requireDeletable(
      Caller caller, Bucket bucket, ObjectVersion version, boolean bypassGovernance) {
    if (!version.lockedAt(clock.instant())) {
      return;
    }
    Retention retention = version.retention();
    if (version.legalHold() == LegalHold.ON
        || retention == null
        || retention.mode() == RetentionMode.COMPLIANCE
        || !bypassGovernance) {
      throw S3Errors.protectedByObjectLock();
    }
    requireOnVersion(caller, "s3:BypassGovernanceRetention", bucket, version, version.versionId());
  }

  static String newVersionId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** Whether a text has the shape of a version id Ferry gives: "null" or 32 hex digits. */
  static boolean isVersionId(String text) {
    return text.equals(ObjectVersion.NULL_VERSION) || text.matches("[0-9a-f]{32}");
  }
}
