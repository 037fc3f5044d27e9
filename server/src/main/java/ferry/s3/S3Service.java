package ferry.s3;

import ferry.authz.Authorizer;
import ferry.aws.AccountId;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.Region;
import ferry.events.EventsService;
import ferry.kms.KmsService;
import ferry.policy.Policy;
import ferry.policy.PolicyKind;
import ferry.policy.PolicyParser;
import ferry.policy.PolicyValidationException;
import ferry.policy.ResourceElement;
import ferry.policy.Statement;
import ferry.s3.store.BucketRepository;
import ferry.s3.store.ObjectRepository;
import ferry.s3.store.ServerKey;
import ferry.s3.store.UploadRepository;
import ferry.store.BlobFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Amazon S3's buckets and objects, in plain Java. Every operation is authorized as the caller
 * before it acts; multipart uploads are in {@link MultipartUploads}, reached through this class.
 */
public final class S3Service {
  /** The largest single PUT S3 accepts: 5 GiB. */
  public static final long MAX_PUT_SIZE = 5L * 1024 * 1024 * 1024;

  private static final int MAX_KEY_BYTES = 1024;

  private final BucketRepository buckets;
  private final ObjectRepository objects;
  private final ObjectBytes bytes;
  private final DataKeys keys;
  private final S3Access access;
  private final PolicyParser policies = new PolicyParser();
  private final Clock clock;
  private final MultipartUploads multipart;
  private final @Nullable ObjectCreatedEvents objectEvents;

  /** S3 without EventBridge: no object events are published. */
  public S3Service(
      BucketRepository buckets,
      ObjectRepository objects,
      UploadRepository uploads,
      BlobFiles blobs,
      ServerKey serverKey,
      KmsService kms,
      Authorizer authorizer,
      Clock clock) {
    this(buckets, objects, uploads, blobs, serverKey, kms, authorizer, clock, null);
  }

  /** S3 that publishes object-created events to EventBridge. */
  public S3Service(
      BucketRepository buckets,
      ObjectRepository objects,
      UploadRepository uploads,
      BlobFiles blobs,
      ServerKey serverKey,
      KmsService kms,
      Authorizer authorizer,
      Clock clock,
      @Nullable EventsService events) {
    this.objectEvents = events == null ? null : new ObjectCreatedEvents(events);
    this.buckets = buckets;
    this.objects = objects;
    this.bytes = new ObjectBytes(blobs);
    this.keys = new DataKeys(serverKey, kms);
    this.access = new S3Access(authorizer);
    this.clock = clock;
    this.multipart = new MultipartUploads(this, uploads, bytes, keys, access, clock);
  }

  // ---- buckets ----

  /**
   * Creates a bucket in the caller's account. Names are global: another account's bucket gives
   * BucketAlreadyExists; the caller's own gives BucketAlreadyOwnedByYou, except in us-east-1 where
   * S3 answers success for compatibility.
   */
  public Bucket createBucket(Caller caller, CreateBucketRequest request) {
    String name = request.name();
    String problem = BucketName.problem(name);
    if (problem != null) {
      throw S3Errors.invalidBucketName(name, problem);
    }
    Map<String, String> context = new HashMap<>();
    CannedAcl canned = request.acl().canned();
    if (canned != null) {
      context.put("s3:x-amz-acl", canned.wireName());
    }
    access.requireAccount(caller, "s3:CreateBucket", "arn:aws:s3:::" + name, context);
    if (!request.acl().isEmpty()) {
      access.requireAccount(caller, "s3:PutBucketAcl", "arn:aws:s3:::" + name, context);
    }
    if (request.ownership() != null) {
      access.requireAccount(
          caller, "s3:PutBucketOwnershipControls", "arn:aws:s3:::" + name, Map.of());
    }
    ObjectOwnership ownership =
        request.ownership() == null ? ObjectOwnership.BUCKET_OWNER_ENFORCED : request.ownership();
    if (ownership == ObjectOwnership.BUCKET_OWNER_ENFORCED
        && !request.acl().acceptableWithAclsDisabled()) {
      throw S3Errors.invalidBucketAclWithObjectOwnership();
    }
    AccountId owner = caller.account();
    Bucket wanted = Bucket.create(name, owner, request.region(), clock.instant(), ownership);
    if (!request.acl().isEmpty() && ownership != ObjectOwnership.BUCKET_OWNER_ENFORCED) {
      wanted =
          new Bucket(
              wanted.name(),
              owner,
              wanted.region(),
              wanted.created(),
              null,
              ownership,
              null,
              grantsOf(request.acl(), owner, owner),
              null,
              wanted.publicAccessBlock(),
              null,
              false);
    }
    Bucket holder = buckets.insertIfAbsent(wanted);
    if (holder != wanted) {
      if (!holder.owner().equals(owner)) {
        throw S3Errors.bucketAlreadyExists(name);
      }
      if (!holder.region().equals(Region.US_EAST_1)) {
        throw S3Errors.bucketAlreadyOwnedByYou(name);
      }
    }
    return holder;
  }

  public Bucket headBucket(Caller caller, String name) {
    Bucket bucket = authorizedBucket(caller, name, "s3:ListBucket");
    return bucket;
  }

  public Bucket getBucketLocation(Caller caller, String name) {
    Bucket bucket = authorizedBucket(caller, name, "s3:GetBucketLocation");
    return bucket;
  }

  /** The buckets the caller's account owns. */
  public List<Bucket> listBuckets(Caller caller) {
    return listBuckets(caller, ListBucketsRequest.ALL).buckets();
  }

  /** ListBuckets: the caller's buckets by name, filtered by prefix and region, a page at a time. */
  public ListBucketsResult listBuckets(Caller caller, ListBucketsRequest request) {
    access.requireAccount(caller, "s3:ListAllMyBuckets", "*", Map.of());
    String prefix = request.prefix();
    Region region = request.region();
    String after = request.after();
    List<Bucket> matching =
        buckets.listOwnedBy(caller.account()).stream()
            .filter(bucket -> prefix == null || bucket.name().startsWith(prefix))
            .filter(bucket -> region == null || bucket.region().equals(region))
            .filter(bucket -> after == null || bucket.name().compareTo(after) > 0)
            .toList();
    if (matching.size() <= request.maxBuckets()) {
      return new ListBucketsResult(matching, null);
    }
    List<Bucket> page = matching.subList(0, request.maxBuckets());
    return new ListBucketsResult(page, page.getLast().name());
  }

  public void deleteBucket(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:DeleteBucket");
    if (!buckets.deleteIfEmpty(name)) {
      throw S3Errors.bucketNotEmpty(name);
    }
  }

  // ---- bucket configuration ----

  /** Turns versioning on or suspends it; a bucket can never go back to unversioned. */
  public void putBucketVersioning(Caller caller, String name, Versioning versioning) {
    authorizedBucket(caller, name, "s3:PutBucketVersioning");
    buckets.updateVersioning(name, versioning);
  }

  /** The versioning state, or null for a bucket that was never versioned. */
  public @Nullable Versioning getBucketVersioning(Caller caller, String name) {
    Bucket bucket = authorizedBucket(caller, name, "s3:GetBucketVersioning");
    return bucket.versioning();
  }

  /**
   * Sets the bucket policy after the policy engine validated it as a bucket policy whose resources
   * are this bucket and its objects; a public policy is refused while BlockPublicPolicy is on.
   */
  public void putBucketPolicy(Caller caller, String name, String document) {
    Bucket bucket = bucket(name);
    requireOwnerForPolicy(caller, "s3:PutBucketPolicy", bucket);
    Policy policy;
    try {
      policy = policies.parse(document, PolicyKind.BUCKET);
    } catch (PolicyValidationException e) {
      throw S3Errors.malformedPolicy(e.awsMessage());
    }
    for (Statement statement : policy.statements()) {
      ResourceElement resource = statement.resource();
      if (resource == null) {
        throw S3Errors.malformedPolicy("Missing required field Resource");
      }
      for (String arn : resource.values()) {
        if (!arn.equals(bucket.arn()) && !arn.startsWith(bucket.arn() + "/") && !arn.equals("*")) {
          throw S3Errors.malformedPolicy("Policy has invalid resource");
        }
      }
    }
    if (bucket.effectivePublicAccessBlock().blockPublicPolicy()
        && BucketPolicies.isPublic(document)) {
      throw S3Errors.accessDenied(
          "User: "
              + caller.arn()
              + " is not authorized to perform: s3:PutBucketPolicy on resource: \""
              + bucket.arn()
              + "\" because public policies are blocked by the BlockPublicPolicy block public"
              + " access setting.");
    }
    buckets.updatePolicy(name, document);
  }

  public String getBucketPolicy(Caller caller, String name) {
    Bucket bucket = bucket(name);
    requireOwnerForPolicy(caller, "s3:GetBucketPolicy", bucket);
    String policy = bucket.policy();
    if (policy == null) {
      throw S3Errors.noSuchBucketPolicy(name);
    }
    return policy;
  }

  public void deleteBucketPolicy(Caller caller, String name) {
    Bucket bucket = bucket(name);
    requireOwnerForPolicy(caller, "s3:DeleteBucketPolicy", bucket);
    buckets.updatePolicy(name, null);
  }

  /** Whether the bucket policy makes the bucket public. */
  public boolean getBucketPolicyStatus(Caller caller, String name) {
    Bucket bucket = authorizedBucket(caller, name, "s3:GetBucketPolicyStatus");
    String policy = bucket.policy();
    if (policy == null) {
      throw S3Errors.noSuchBucketPolicy(name);
    }
    return BucketPolicies.isPublic(policy);
  }

  /**
   * The bucket owner's root user may always manage the bucket policy, even against an explicit Deny
   * (the lock-out escape); everyone else needs the action.
   */
  private void requireOwnerForPolicy(Caller caller, String action, Bucket bucket) {
    if (caller.principal() instanceof ferry.aws.Principal.AccountRoot root
        && root.account().equals(bucket.owner())) {
      return;
    }
    access.requireBucket(caller, action, bucket, Map.of());
  }

  public AccessControlPolicy getBucketAcl(Caller caller, String name) {
    Bucket bucket = authorizedBucket(caller, name, "s3:GetBucketAcl");
    return new AccessControlPolicy(bucket.owner(), bucket.effectiveAcl());
  }

  public void putBucketAcl(Caller caller, String name, AccessControlList acl) {
    Bucket bucket = bucket(name);
    access.requireBucket(caller, "s3:PutBucketAcl", bucket, aclContext(acl));
    checkAclAllowed(caller, bucket, acl);
    buckets.updateAcl(name, grantsOf(acl, bucket.owner(), bucket.owner()));
  }

  public void putBucketOwnershipControls(Caller caller, String name, ObjectOwnership ownership) {
    authorizedBucket(caller, name, "s3:PutBucketOwnershipControls");
    buckets.updateOwnership(name, ownership);
  }

  public ObjectOwnership getBucketOwnershipControls(Caller caller, String name) {
    Bucket bucket = authorizedBucket(caller, name, "s3:GetBucketOwnershipControls");
    ObjectOwnership ownership = bucket.ownership();
    if (ownership == null) {
      throw S3Errors.ownershipControlsNotFound(name);
    }
    return ownership;
  }

  public void deleteBucketOwnershipControls(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:PutBucketOwnershipControls");
    buckets.updateOwnership(name, null);
  }

  public void putBucketEncryption(Caller caller, String name, ServerSideEncryption encryption) {
    authorizedBucket(caller, name, "s3:PutEncryptionConfiguration");
    buckets.updateEncryption(name, encryption);
  }

  /** The default encryption; every bucket has one, SSE-S3 unless configured otherwise. */
  public ServerSideEncryption getBucketEncryption(Caller caller, String name) {
    Bucket bucket = authorizedBucket(caller, name, "s3:GetEncryptionConfiguration");
    return bucket.defaultEncryption();
  }

  /** Returns the bucket to the S3 default, SSE-S3. */
  public void deleteBucketEncryption(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:PutEncryptionConfiguration");
    buckets.updateEncryption(name, null);
  }

  public void putPublicAccessBlock(Caller caller, String name, PublicAccessBlock block) {
    authorizedBucket(caller, name, "s3:PutBucketPublicAccessBlock");
    buckets.updatePublicAccessBlock(name, block);
  }

  public PublicAccessBlock getPublicAccessBlock(Caller caller, String name) {
    Bucket bucket = authorizedBucket(caller, name, "s3:GetBucketPublicAccessBlock");
    PublicAccessBlock block = bucket.publicAccessBlock();
    if (block == null) {
      throw S3Errors.noSuchPublicAccessBlockConfiguration(name);
    }
    return block;
  }

  public void deletePublicAccessBlock(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:PutBucketPublicAccessBlock");
    buckets.updatePublicAccessBlock(name, null);
  }

  /**
   * Stores the notification configuration; {@code eventBridge} says it holds an {@code
   * EventBridgeConfiguration}, which sends the bucket's object events to EventBridge.
   */
  public void putBucketNotification(
      Caller caller, String name, String document, boolean eventBridge) {
    authorizedBucket(caller, name, "s3:PutBucketNotification");
    buckets.updateNotification(name, document, eventBridge);
  }

  /** The stored notification configuration, or null when none was set. */
  public @Nullable String getBucketNotification(Caller caller, String name) {
    Bucket bucket = authorizedBucket(caller, name, "s3:GetBucketNotification");
    return bucket.notification();
  }

  // ---- objects ----

  /**
   * Stores an object. The bytes land encrypted in a blob file that becomes visible only after they
   * are durable and their length and digests checked; on any failure nothing is stored.
   */
  public PutObjectResult putObject(Caller caller, PutObjectRequest request) {
    Bucket bucket = bucket(request.bucket());
    checkKey(request.key());
    requireWrite(
        caller, bucket, request.key(), request.acl(), request.tags(), request.encryption());
    if (request.contentLength() > MAX_PUT_SIZE) {
      throw S3Errors.entityTooLarge(request.contentLength(), MAX_PUT_SIZE);
    }
    checkWriteConditions(bucket, request.key(), request.ifMatch(), request.ifNoneMatch());
    DataKeys.DataKey dataKey = keys.create(caller, bucket, request.key(), request.encryption());
    ObjectBytes.Written written =
        bytes.write(
            request.body(), request.contentLength(), request.integrity(), dataKey.plaintext());
    try {
      ObjectVersion version =
          newVersion(
              caller,
              bucket,
              request.key(),
              written.size(),
              written.etag(),
              request.headers(),
              written.blobId(),
              request.acl(),
              request.tags(),
              written.checksum(),
              dataKey.stored(),
              List.of(written.segment()));
      return new PutObjectResult(
          commitVersion(bucket, version, caller, "PutObject"), bucket.versioning() != null);
    } catch (RuntimeException e) {
      bytes.delete(written.blobId());
      throw e;
    }
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

  public GetObjectResult getObject(Caller caller, GetObjectRequest request) {
    Bucket bucket = bucket(request.bucket());
    ObjectVersion version = readableVersion(caller, bucket, request.key(), request.versionId());
    Preconditions.Result condition =
        request.conditions().evaluate(version.etag(), version.created());
    if (condition == Preconditions.Result.FAILED) {
      throw S3Errors.preconditionFailed(
          request.conditions().ifMatch() != null ? "If-Match" : "If-Unmodified-Since");
    }
    if (condition == Preconditions.Result.NOT_MODIFIED) {
      return new GetObjectResult(version, InputStream.nullInputStream(), 0, 0, false, true);
    }
    long size = version.size();
    long start = 0;
    long length = size;
    boolean partial = false;
    ByteRange range = request.range();
    Integer partNumber = request.partNumber();
    if (partNumber != null) {
      if (range != null) {
        throw S3Errors.invalidRequest(
            "Cannot specify both Range header and partNumber query parameter");
      }
      MultipartUploads.checkPartNumber(partNumber);
      range = size == 0 ? null : version.partRange(partNumber);
    }
    if (range != null) {
      start = range.start(size);
      if (start < 0) {
        throw S3Errors.invalidRange(size);
      }
      length = range.end(size) - start + 1;
      partial = true;
    }
    byte[] dataKey = openKey(caller, bucket, version);
    return new GetObjectResult(
        version, bytes.read(version, dataKey, start, length), start, length, partial, false);
  }

  /**
   * HeadObject: the version's headers, after the same checks as GetObject (including decrypting an
   * SSE-KMS data key, so a caller without kms:Decrypt is denied here too).
   */
  public GetObjectResult headObject(Caller caller, GetObjectRequest request) {
    GetObjectResult result =
        getObject(
            caller,
            new GetObjectRequest(
                request.bucket(),
                request.key(),
                request.versionId(),
                null,
                request.conditions(),
                request.partNumber()));
    try {
      result.body().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return result;
  }

  /**
   * Copies an object, possibly across buckets and accounts: reading the source needs s3:GetObject
   * on it and writing needs s3:PutObject on the destination, each decided for its own bucket.
   */
  public CopyObjectResult copyObject(Caller caller, CopyObjectRequest request) {
    Bucket sourceBucket = bucket(request.sourceBucket());
    ObjectVersion source =
        readableVersion(caller, sourceBucket, request.sourceKey(), request.sourceVersionId());
    checkSourceConditions(source, request.sourceConditions());
    Bucket bucket = bucket(request.bucket());
    checkKey(request.key());
    Map<String, String> tags = request.replaceTags() ? request.tags() : source.tags();
    requireWrite(caller, bucket, request.key(), request.acl(), Map.of(), request.encryption());
    checkWriteConditions(bucket, request.key(), request.ifMatch(), request.ifNoneMatch());
    boolean sameObject =
        sourceBucket.name().equals(bucket.name())
            && source.key().equals(request.key())
            && request.sourceVersionId() == null;
    if (sameObject
        && !request.replaceMetadata()
        && request.encryption() == null
        && request.acl().isEmpty()) {
      throw S3Errors.invalidRequest(
          "This copy request is illegal because it is trying to copy an object to itself without"
              + " changing the object's metadata, storage class, website redirect location or"
              + " encryption attributes.");
    }
    Map<String, String> headers = request.replaceMetadata() ? request.headers() : source.headers();
    byte[] sourceKey = openKey(caller, sourceBucket, source);
    DataKeys.DataKey dataKey = keys.create(caller, bucket, request.key(), request.encryption());
    ChecksumAlgorithm algorithm =
        request.checksumAlgorithm() != null
            ? request.checksumAlgorithm()
            : source.checksum() == null ? null : source.checksum().algorithm();
    ObjectBytes.Written written;
    try (InputStream in = bytes.read(source, sourceKey, 0, source.size())) {
      written =
          bytes.write(
              in,
              source.size(),
              new BodyIntegrity(null, algorithm, null, null, Map::of),
              dataKey.plaintext());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      ObjectVersion version =
          newVersion(
              caller,
              bucket,
              request.key(),
              written.size(),
              written.etag(),
              headers,
              written.blobId(),
              request.acl(),
              tags,
              written.checksum(),
              dataKey.stored(),
              List.of(written.segment()));
      return new CopyObjectResult(
          new PutObjectResult(
              commitVersion(bucket, version, caller, "CopyObject"), bucket.versioning() != null),
          source);
    } catch (RuntimeException e) {
      bytes.delete(written.blobId());
      throw e;
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

  /**
   * Deletes an object: in a versioned bucket without a version id this adds a delete marker; with a
   * version id it removes that version for good. Deleting what is not there succeeds.
   */
  public DeleteObjectResult deleteObject(
      Caller caller, String bucketName, String key, @Nullable String versionId) {
    return deleteObject(caller, bucketName, key, versionId, null);
  }

  /**
   * A DeleteObject that may be conditional: with If-Match, the current version must exist (else
   * NoSuchKey) and, unless the condition is {@code *}, have that ETag (else PreconditionFailed);
   * checking an ETag also takes s3:GetObject, as in AWS.
   *
   * @see <a
   *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-deletes.html">How
   *     to perform conditional deletes</a>
   */
  public DeleteObjectResult deleteObject(
      Caller caller,
      String bucketName,
      String key,
      @Nullable String versionId,
      @Nullable String ifMatch) {
    Bucket bucket = bucket(bucketName);
    return deleteObject(caller, bucket, key, versionId, ifMatch);
  }

  private DeleteObjectResult deleteObject(
      Caller caller,
      Bucket bucket,
      String key,
      @Nullable String versionId,
      @Nullable String ifMatch) {
    if (ifMatch != null) {
      if (versionId != null) {
        // AWS evaluates a conditional delete against the current version only; what it does with
        // a version id as well is not documented, so such a request is refused.
        throw S3Errors.notImplemented("a conditional delete (If-Match) of a given version");
      }
      access.requireObject(
          caller, "s3:DeleteObject", bucket, key, bucket.owner(), bucket.effectiveAcl(), Map.of());
      if (ifMatch.trim().equals("*")) {
        ObjectVersion current = objects.findLatest(bucket.name(), key).orElse(null);
        if (current == null || current.deleteMarker()) {
          throw S3Errors.noSuchKey(key);
        }
      } else {
        ObjectVersion current = readableVersion(caller, bucket, key, null);
        if (!Preconditions.matches(ifMatch, current.etag())) {
          throw S3Errors.preconditionFailed("If-Match");
        }
      }
    }
    if (versionId != null) {
      access.requireObject(
          caller,
          "s3:DeleteObjectVersion",
          bucket,
          key,
          bucket.owner(),
          bucket.effectiveAcl(),
          Map.of("s3:VersionId", versionId));
      ObjectVersion removed = objects.deleteVersion(bucket.name(), key, versionId).orElse(null);
      if (removed != null) {
        bytes.delete(removed.blobId());
      }
      return new DeleteObjectResult(versionId, removed != null && removed.deleteMarker());
    }
    access.requireObject(
        caller, "s3:DeleteObject", bucket, key, bucket.owner(), bucket.effectiveAcl(), Map.of());
    if (bucket.versioning() == null) {
      ObjectVersion removed =
          objects.deleteVersion(bucket.name(), key, ObjectVersion.NULL_VERSION).orElse(null);
      if (removed != null) {
        bytes.delete(removed.blobId());
      }
      return new DeleteObjectResult(null, false);
    }
    String markerId = bucket.isVersioningEnabled() ? newVersionId() : ObjectVersion.NULL_VERSION;
    AccountId owner = S3Access.accountOf(caller);
    var marker =
        ObjectVersion.deleteMarker(
            bucket.name(), key, markerId, owner == null ? bucket.owner() : owner, clock.instant());
    String replaced = objects.put(marker);
    bytes.delete(replaced);
    return new DeleteObjectResult(markerId, true);
  }

  /** Deletes keys one by one; each is authorized on its own and may fail on its own. */
  public DeleteObjectsResult deleteObjects(
      Caller caller, String bucketName, List<DeleteObjectsResult.Target> targets) {
    Bucket bucket = bucket(bucketName);
    List<DeleteObjectsResult.Deleted> deleted = new ArrayList<>();
    List<DeleteObjectsResult.Failed> errors = new ArrayList<>();
    for (DeleteObjectsResult.Target target : targets) {
      try {
        DeleteObjectResult result =
            deleteObject(caller, bucket, target.key(), target.versionId(), target.etag());
        if (target.versionId() != null) {
          deleted.add(
              new DeleteObjectsResult.Deleted(
                  target.key(),
                  target.versionId(),
                  result.deleteMarker(),
                  result.deleteMarker() ? target.versionId() : null));
        } else {
          deleted.add(
              new DeleteObjectsResult.Deleted(
                  target.key(),
                  null,
                  result.deleteMarker(),
                  result.deleteMarker() ? result.versionId() : null));
        }
      } catch (AwsException e) {
        errors.add(
            new DeleteObjectsResult.Failed(
                target.key(), target.versionId(), e.code(), e.getMessage()));
      }
    }
    return new DeleteObjectsResult(deleted, errors);
  }

  /** One page of the bucket's current objects, grouped by delimiter into common prefixes. */
  public ListObjectsResult listObjects(Caller caller, ListObjectsRequest request) {
    Bucket bucket = bucket(request.bucket());
    Map<String, String> context = new HashMap<>();
    context.put("s3:prefix", request.prefix());
    context.put("s3:max-keys", Integer.toString(request.maxKeys()));
    if (request.delimiter() != null) {
      context.put("s3:delimiter", request.delimiter());
    }
    access.requireBucket(caller, "s3:ListBucket", bucket, context);
    List<ObjectVersion> found = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String after = request.startAfter();
    String delimiter = request.delimiter();
    int max = request.maxKeys();
    if (delimiter != null
        && !delimiter.isEmpty()
        && after.length() > request.prefix().length()
        && after.startsWith(request.prefix())
        && after.endsWith(delimiter)) {
      // Resuming after a common prefix: skip every key under it.
      after = after + Character.MAX_VALUE;
    }
    String last = null;
    if (max == 0) {
      return new ListObjectsResult(found, prefixes, false, null);
    }
    while (found.size() + prefixes.size() < max) {
      List<ObjectVersion> page = objects.listLatest(bucket.name(), request.prefix(), after, 1000);
      if (page.isEmpty()) {
        return new ListObjectsResult(found, prefixes, false, null);
      }
      for (ObjectVersion version : page) {
        if (found.size() + prefixes.size() == max) {
          return new ListObjectsResult(found, prefixes, true, last);
        }
        String key = version.key();
        String commonPrefix = commonPrefix(key, request.prefix(), delimiter);
        if (commonPrefix == null) {
          found.add(version);
          last = key;
          after = key;
        } else {
          prefixes.add(commonPrefix);
          last = commonPrefix;
          // Skip every key under this prefix: the next key sorts after prefix + U+FFFF.
          after = commonPrefix + Character.MAX_VALUE;
          break;
        }
      }
    }
    boolean more = !objects.listLatest(bucket.name(), request.prefix(), after, 1).isEmpty();
    return new ListObjectsResult(found, prefixes, more, more ? last : null);
  }

  /** One page of every version and delete marker, newest first per key. */
  public ListVersionsResult listObjectVersions(Caller caller, ListVersionsRequest request) {
    Bucket bucket = bucket(request.bucket());
    Map<String, String> context = new HashMap<>();
    context.put("s3:prefix", request.prefix());
    context.put("s3:max-keys", Integer.toString(request.maxKeys()));
    access.requireBucket(caller, "s3:ListBucketVersions", bucket, context);
    String afterKey = request.keyMarker();
    long afterSeq = 0;
    String versionIdMarker = request.versionIdMarker();
    if (versionIdMarker != null && !versionIdMarker.isEmpty()) {
      if (afterKey.isEmpty()) {
        throw S3Errors.invalidArgument(
            "A version-id marker cannot be specified without a key marker.",
            "version-id-marker",
            versionIdMarker);
      }
      if (!isVersionId(versionIdMarker)) {
        throw S3Errors.invalidArgument(
            "Invalid version id specified", "version-id-marker", versionIdMarker);
      }
      // A marker's version may be gone (the loop that empties a bucket page by page deletes
      // each page before asking for the next). Its place among the key's versions is then
      // unknown, so the listing resumes at the key's newest remaining version: no version after
      // the marker is skipped.
      afterSeq =
          objects
              .findVersion(bucket.name(), afterKey, versionIdMarker)
              .map(ObjectVersion::seq)
              .orElse(Long.MAX_VALUE);
    }
    String delimiter = request.delimiter();
    if (delimiter != null
        && !delimiter.isEmpty()
        && afterKey.length() > request.prefix().length()
        && afterKey.startsWith(request.prefix())
        && afterKey.endsWith(delimiter)) {
      afterKey = afterKey + Character.MAX_VALUE;
    }
    List<ObjectVersion> found = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    int max = request.maxKeys();
    ObjectVersion lastVersion = null;
    String lastPrefix = null;
    while (max > 0) {
      List<ObjectVersion> page =
          objects.listVersions(bucket.name(), request.prefix(), afterKey, afterSeq, 1000);
      if (page.isEmpty()) {
        return new ListVersionsResult(found, prefixes, false, null, null);
      }
      boolean restart = false;
      for (ObjectVersion version : page) {
        String commonPrefix = commonPrefix(version.key(), request.prefix(), delimiter);
        if (found.size() + prefixes.size() == max) {
          return lastPrefix != null
                  && (lastVersion == null || lastPrefix.compareTo(lastVersion.key()) > 0)
              ? new ListVersionsResult(found, prefixes, true, lastPrefix, null)
              : new ListVersionsResult(
                  found,
                  prefixes,
                  true,
                  lastVersion == null ? null : lastVersion.key(),
                  lastVersion == null ? null : lastVersion.versionId());
        }
        if (commonPrefix == null) {
          found.add(version);
          lastVersion = version;
          afterKey = version.key();
          afterSeq = version.seq();
        } else {
          prefixes.add(commonPrefix);
          lastPrefix = commonPrefix;
          afterKey = commonPrefix + Character.MAX_VALUE;
          afterSeq = 0;
          restart = true;
          break;
        }
      }
      if (!restart && page.size() < 1000) {
        return new ListVersionsResult(found, prefixes, false, null, null);
      }
    }
    return new ListVersionsResult(found, prefixes, false, null, null);
  }

  // ---- object ACLs and tags ----

  public AccessControlPolicy getObjectAcl(
      Caller caller, String bucketName, String key, @Nullable String versionId) {
    Bucket bucket = bucket(bucketName);
    ObjectVersion version = existingVersion(bucket, key, versionId);
    requireOnVersion(
        caller,
        versionId == null ? "s3:GetObjectAcl" : "s3:GetObjectVersionAcl",
        bucket,
        version,
        versionId);
    AccountId owner = effectiveOwner(bucket, version);
    return new AccessControlPolicy(owner, effectiveAcl(bucket, version));
  }

  public void putObjectAcl(
      Caller caller,
      String bucketName,
      String key,
      @Nullable String versionId,
      AccessControlList acl) {
    Bucket bucket = bucket(bucketName);
    ObjectVersion version = existingVersion(bucket, key, versionId);
    AccountId owner = effectiveOwner(bucket, version);
    Map<String, String> context = new HashMap<>(aclContext(acl));
    if (versionId != null) {
      context.put("s3:VersionId", versionId);
    }
    access.requireObject(
        caller,
        versionId == null ? "s3:PutObjectAcl" : "s3:PutObjectVersionAcl",
        bucket,
        key,
        owner,
        effectiveAcl(bucket, version),
        context);
    checkAclAllowed(caller, bucket, acl);
    objects.updateAcl(version, grantsOf(acl, owner, bucket.owner()));
  }

  public Map<String, String> getObjectTagging(
      Caller caller, String bucketName, String key, @Nullable String versionId) {
    Bucket bucket = bucket(bucketName);
    ObjectVersion version = existingVersion(bucket, key, versionId);
    requireOnVersion(
        caller,
        versionId == null ? "s3:GetObjectTagging" : "s3:GetObjectVersionTagging",
        bucket,
        version,
        versionId);
    return version.tags();
  }

  /** Replaces the tag set; returns the version id it applied to. */
  public String putObjectTagging(
      Caller caller,
      String bucketName,
      String key,
      @Nullable String versionId,
      Map<String, String> tags) {
    Bucket bucket = bucket(bucketName);
    ObjectVersion version = existingVersion(bucket, key, versionId);
    requireOnVersion(
        caller,
        versionId == null ? "s3:PutObjectTagging" : "s3:PutObjectVersionTagging",
        bucket,
        version,
        versionId);
    ObjectTags.check(tags);
    objects.updateTags(version, tags);
    return version.versionId();
  }

  public String deleteObjectTagging(
      Caller caller, String bucketName, String key, @Nullable String versionId) {
    Bucket bucket = bucket(bucketName);
    ObjectVersion version = existingVersion(bucket, key, versionId);
    requireOnVersion(
        caller,
        versionId == null ? "s3:DeleteObjectTagging" : "s3:DeleteObjectVersionTagging",
        bucket,
        version,
        versionId);
    objects.updateTags(version, Map.of());
    return version.versionId();
  }

  // ---- Object Lock ----
  // Ferry does not implement Object Lock, and refuses every request that would turn it on, so no
  // bucket has it: after the checks AWS makes first, each operation answers as AWS does for a
  // bucket without Object Lock.

  public void getObjectLockConfiguration(Caller caller, String bucketName) {
    Bucket bucket = bucket(bucketName);
    access.requireBucket(caller, "s3:GetBucketObjectLockConfiguration", bucket, Map.of());
    throw S3Errors.objectLockConfigurationNotFound(bucketName);
  }

  /**
   * GetObjectRetention, PutObjectRetention, GetObjectLegalHold or PutObjectLegalHold, named by its
   * IAM action (s3:GetObjectRetention …), on an existing version.
   */
  public void objectLockOfObject(
      Caller caller, String action, String bucketName, String key, @Nullable String versionId) {
    Bucket bucket = bucket(bucketName);
    ObjectVersion version = existingVersion(bucket, key, versionId);
    requireOnVersion(caller, action, bucket, version, versionId);
    throw S3Errors.missingObjectLockConfiguration();
  }

  /**
   * A PutObject, CopyObject or CreateMultipartUpload that asks for a retention or legal hold: the
   * bucket has no Object Lock, so it is refused once the bucket is known and the write allowed.
   */
  public void refuseObjectLockOnWrite(Caller caller, String bucketName, String key) {
    Bucket bucket = bucket(bucketName);
    access.requireObject(
        caller, "s3:PutObject", bucket, key, bucket.owner(), bucket.effectiveAcl(), Map.of());
    throw S3Errors.missingObjectLockConfiguration();
  }

  // ---- multipart uploads ----

  public MultipartUpload createMultipartUpload(
      Caller caller, CreateMultipartUploadRequest request) {
    return multipart.create(caller, request);
  }

  public UploadedPart uploadPart(Caller caller, UploadPartRequest request) {
    return multipart.uploadPart(caller, request);
  }

  public CopyPartResult uploadPartCopy(Caller caller, UploadPartCopyRequest request) {
    return multipart.uploadPartCopy(caller, request);
  }

  public PutObjectResult completeMultipartUpload(
      Caller caller, String bucket, String key, String uploadId, List<CompletedPart> parts) {
    return completeMultipartUpload(
        caller, CompleteMultipartUploadRequest.of(bucket, key, uploadId, parts));
  }

  public PutObjectResult completeMultipartUpload(
      Caller caller, CompleteMultipartUploadRequest request) {
    return multipart.complete(caller, request);
  }

  public void abortMultipartUpload(Caller caller, String bucket, String key, String uploadId) {
    multipart.abort(caller, bucket, key, uploadId);
  }

  public ListPartsResult listParts(
      Caller caller, String bucket, String key, String uploadId, int afterPart, int maxParts) {
    return multipart.listParts(caller, bucket, key, uploadId, afterPart, maxParts);
  }

  public ListUploadsResult listMultipartUploads(
      Caller caller,
      String bucket,
      String prefix,
      @Nullable String delimiter,
      String keyMarker,
      String uploadIdMarker,
      int maxUploads) {
    return multipart.list(caller, bucket, prefix, delimiter, keyMarker, uploadIdMarker, maxUploads);
  }

  // ---- shared with MultipartUploads ----

  /** The bucket, once the caller is allowed a bucket-level action on it. */
  private Bucket authorizedBucket(Caller caller, String name, String action) {
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
    Map<String, String> context = new HashMap<>(aclContext(acl));
    if (encryption != null) {
      context.put("s3:x-amz-server-side-encryption", encryption.algorithm());
      if (encryption.kmsKeyId() != null) {
        context.put("s3:x-amz-server-side-encryption-aws-kms-key-id", encryption.kmsKeyId());
      }
    }
    List<Grant> bucketAcl = bucket.effectiveAcl();
    access.requireObject(caller, "s3:PutObject", bucket, key, bucket.owner(), bucketAcl, context);
    if (!acl.isEmpty()) {
      access.requireObject(
          caller, "s3:PutObjectAcl", bucket, key, bucket.owner(), bucketAcl, context);
    }
    if (!tags.isEmpty()) {
      ObjectTags.check(tags);
      access.requireObject(
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
   * Makes a new version visible: the one place every object creation (PutObject, CopyObject,
   * CompleteMultipartUpload) passes, after its bytes are durable. The blob of a replaced "null"
   * version is removed.
   */
  ObjectVersion commitVersion(Bucket bucket, ObjectVersion version, Caller caller, String reason) {
    String replaced = objects.put(version);
    bytes.delete(replaced);
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
    StoredEncryption encryption = java.util.Objects.requireNonNull(version.encryption());
    return keys.open(caller, bucket.objectArn(version.key()), encryption);
  }

  private void requireOnVersion(
      Caller caller,
      String action,
      Bucket bucket,
      ObjectVersion version,
      @Nullable String versionId) {
    access.requireObject(
        caller,
        action,
        bucket,
        version.key(),
        effectiveOwner(bucket, version),
        effectiveAcl(bucket, version),
        versionId == null ? Map.of() : Map.of("s3:VersionId", versionId));
  }

  private ObjectVersion existingVersion(Bucket bucket, String key, @Nullable String versionId) {
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

  private static Map<String, String> aclContext(AccessControlList acl) {
    CannedAcl canned = acl.canned();
    return canned == null ? Map.of() : Map.of("s3:x-amz-acl", canned.wireName());
  }

  /** ACLs must suit Object Ownership, and public ones are refused under BlockPublicAcls. */
  private static void checkAclAllowed(Caller caller, Bucket bucket, AccessControlList acl) {
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

  private static @Nullable String commonPrefix(
      String key, String prefix, @Nullable String delimiter) {
    if (delimiter == null || delimiter.isEmpty()) {
      return null;
    }
    int at = key.indexOf(delimiter, prefix.length());
    return at < 0 ? null : key.substring(0, at + delimiter.length());
  }

  static String newVersionId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** Whether a text has the shape of a version id Ferry gives: "null" or 32 hex digits. */
  static boolean isVersionId(String text) {
    return text.equals(ObjectVersion.NULL_VERSION) || text.matches("[0-9a-f]{32}");
  }
}
