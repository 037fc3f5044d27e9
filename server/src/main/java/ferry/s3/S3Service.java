package ferry.s3;

import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.Verdict;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.Region;
import ferry.s3.store.BucketRepository;
import ferry.s3.store.ObjectRepository;
import ferry.store.BlobFiles;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Amazon S3's buckets and objects, in plain Java. Every operation is authorized as the caller
 * before it acts.
 */
public final class S3Service {
  /** The largest single PUT S3 accepts: 5 GiB. */
  public static final long MAX_PUT_SIZE = 5L * 1024 * 1024 * 1024;

  private final BucketRepository buckets;
  private final ObjectRepository objects;
  private final BlobFiles blobs;
  private final Authorizer authorizer;
  private final Clock clock;

  public S3Service(
      BucketRepository buckets,
      ObjectRepository objects,
      BlobFiles blobs,
      Authorizer authorizer,
      Clock clock) {
    this.buckets = buckets;
    this.objects = objects;
    this.blobs = blobs;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  // ---- buckets ----

  /**
   * Creates a bucket in the caller's account. Names are global: another account's bucket gives
   * BucketAlreadyExists; the caller's own gives BucketAlreadyOwnedByYou, except in us-east-1 where
   * S3 answers success for compatibility.
   */
  public Bucket createBucket(Caller caller, String name, Region region, ObjectOwnership ownership) {
    String problem = BucketName.problem(name);
    if (problem != null) {
      throw S3Errors.invalidBucketName(name, problem);
    }
    require(caller, "s3:CreateBucket", "arn:aws:s3:::" + name, caller.account(), null);
    Bucket wanted = new Bucket(name, caller.account(), region, clock.instant(), null, ownership);
    Bucket holder = buckets.insertIfAbsent(wanted);
    if (holder != wanted) {
      if (!holder.owner().equals(caller.account())) {
        throw S3Errors.bucketAlreadyExists(name);
      }
      if (!holder.region().equals(Region.US_EAST_1)) {
        throw S3Errors.bucketAlreadyOwnedByYou(name);
      }
    }
    return holder;
  }

  public Bucket headBucket(Caller caller, String name) {
    Bucket bucket = bucket(name);
    require(caller, "s3:ListBucket", bucket.arn(), bucket);
    return bucket;
  }

  /** The buckets the caller's account owns. */
  public List<Bucket> listBuckets(Caller caller) {
    require(caller, "s3:ListAllMyBuckets", "*", caller.account(), null);
    return buckets.listOwnedBy(caller.account());
  }

  public void deleteBucket(Caller caller, String name) {
    Bucket bucket = bucket(name);
    require(caller, "s3:DeleteBucket", bucket.arn(), bucket);
    if (!buckets.deleteIfEmpty(name)) {
      throw S3Errors.bucketNotEmpty(name);
    }
  }

  // ---- objects ----

  /**
   * Stores an object. The bytes land in a blob file that becomes visible only after they are
   * durable and their length and Content-MD5 checked; on any failure nothing is stored.
   */
  public PutObjectResult putObject(Caller caller, PutObjectRequest request) {
    Bucket bucket = bucket(request.bucket());
    require(caller, "s3:PutObject", bucket.objectArn(request.key()), bucket);
    if (request.contentLength() > MAX_PUT_SIZE) {
      throw S3Errors.entityTooLarge(request.contentLength(), MAX_PUT_SIZE);
    }
    byte[] expectedMd5 = decodeMd5(request.contentMd5());
    StoredBytes stored = store(request.body(), request.contentLength(), expectedMd5);
    String etag = "\"" + HexFormat.of().formatHex(stored.md5()) + "\"";
    String versionId = bucket.isVersioningEnabled() ? newVersionId() : ObjectVersion.NULL_VERSION;
    var version =
        new ObjectVersion(
            bucket.name(),
            request.key(),
            versionId,
            0,
            true,
            false,
            stored.size(),
            etag,
            request.headers(),
            ownerOfNewObject(caller, bucket),
            stored.blobId(),
            clock.instant());
    String replaced = objects.put(version);
    if (replaced != null) {
      blobs.delete(replaced);
    }
    return new PutObjectResult(etag, versionId, bucket.versioning() != null);
  }

  public GetObjectResult getObject(Caller caller, GetObjectRequest request) {
    ObjectVersion version = readableVersion(caller, request);
    long size = version.size();
    long start = 0;
    long length = size;
    boolean partial = false;
    ByteRange range = request.range();
    if (range != null) {
      start = range.start(size);
      if (start < 0) {
        throw S3Errors.invalidRange(size);
      }
      length = range.end(size) - start + 1;
      partial = true;
    }
    return new GetObjectResult(version, open(version, start), start, length, partial);
  }

  public ObjectVersion headObject(Caller caller, GetObjectRequest request) {
    return readableVersion(caller, request);
  }

  /**
   * Deletes an object: in a versioned bucket without a version id this adds a delete marker; with a
   * version id it removes that version for good. Deleting what is not there succeeds.
   */
  public DeleteObjectResult deleteObject(
      Caller caller, String bucketName, String key, @Nullable String versionId) {
    Bucket bucket = bucket(bucketName);
    if (versionId != null) {
      require(caller, "s3:DeleteObjectVersion", bucket.objectArn(key), bucket);
      ObjectVersion removed = objects.deleteVersion(bucketName, key, versionId).orElse(null);
      if (removed != null && removed.blobId() != null) {
        blobs.delete(removed.blobId());
      }
      return new DeleteObjectResult(versionId, removed != null && removed.deleteMarker());
    }
    require(caller, "s3:DeleteObject", bucket.objectArn(key), bucket);
    if (bucket.versioning() == null) {
      ObjectVersion removed =
          objects.deleteVersion(bucketName, key, ObjectVersion.NULL_VERSION).orElse(null);
      if (removed != null && removed.blobId() != null) {
        blobs.delete(removed.blobId());
      }
      return new DeleteObjectResult(null, false);
    }
    String markerId = bucket.isVersioningEnabled() ? newVersionId() : ObjectVersion.NULL_VERSION;
    var marker =
        new ObjectVersion(
            bucketName,
            key,
            markerId,
            0,
            true,
            true,
            0,
            null,
            Map.of(),
            caller.account(),
            null,
            clock.instant());
    String replaced = objects.put(marker);
    if (replaced != null) {
      blobs.delete(replaced);
    }
    return new DeleteObjectResult(markerId, true);
  }

  /** One page of the bucket's current objects, grouped by delimiter into common prefixes. */
  public ListObjectsResult listObjects(Caller caller, ListObjectsRequest request) {
    Bucket bucket = bucket(request.bucket());
    require(caller, "s3:ListBucket", bucket.arn(), bucket);
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

  // ---- internals ----

  private ObjectVersion readableVersion(Caller caller, GetObjectRequest request) {
    Bucket bucket = bucket(request.bucket());
    String versionId = request.versionId();
    require(
        caller,
        versionId == null ? "s3:GetObject" : "s3:GetObjectVersion",
        bucket.objectArn(request.key()),
        bucket);
    ObjectVersion version =
        versionId == null
            ? objects
                .findLatest(bucket.name(), request.key())
                .orElseThrow(() -> S3Errors.noSuchKey(request.key()))
            : objects
                .findVersion(bucket.name(), request.key(), versionId)
                .orElseThrow(() -> S3Errors.noSuchVersion(request.key(), versionId));
    if (version.deleteMarker()) {
      AwsException error =
          versionId == null
              ? S3Errors.noSuchKey(request.key())
              : S3Errors.methodNotAllowed("GET", "DeleteMarker");
      throw error
          .withHeader("x-amz-delete-marker", "true")
          .withHeader("x-amz-version-id", version.versionId());
    }
    return version;
  }

  private InputStream open(ObjectVersion version, long start) {
    try {
      InputStream in = blobs.open(java.util.Objects.requireNonNull(version.blobId()));
      in.skipNBytes(start);
      return in;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static @Nullable String commonPrefix(
      String key, String prefix, @Nullable String delimiter) {
    if (delimiter == null || delimiter.isEmpty()) {
      return null;
    }
    int at = key.indexOf(delimiter, prefix.length());
    return at < 0 ? null : key.substring(0, at + delimiter.length());
  }

  /** The owner of an object a caller writes: see {@link ObjectOwnership}. */
  private static ferry.aws.AccountId ownerOfNewObject(Caller caller, Bucket bucket) {
    return bucket.ownership() == ObjectOwnership.BUCKET_OWNER_ENFORCED
        ? bucket.owner()
        : caller.account();
  }

  private record StoredBytes(String blobId, long size, byte[] md5) {}

  private StoredBytes store(InputStream body, long expectedLength, byte @Nullable [] expectedMd5) {
    MessageDigest md5 = md5();
    try (BlobFiles.Upload upload = blobs.create()) {
      long size;
      try (var in = new DigestInputStream(body, md5)) {
        size = in.transferTo(upload.stream());
      } catch (EOFException e) {
        throw S3Errors.incompleteBody();
      }
      if (expectedLength >= 0 && size != expectedLength) {
        throw S3Errors.incompleteBody();
      }
      byte[] digest = md5.digest();
      if (expectedMd5 != null && !MessageDigest.isEqual(expectedMd5, digest)) {
        throw S3Errors.badDigest("The Content-MD5 you specified did not match what we received.");
      }
      return new StoredBytes(upload.commit(), size, digest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte @Nullable [] decodeMd5(@Nullable String contentMd5) {
    if (contentMd5 == null) {
      return null;
    }
    try {
      byte[] md5 = Base64.getDecoder().decode(contentMd5.trim());
      if (md5.length != 16) {
        throw S3Errors.invalidDigest();
      }
      return md5;
    } catch (IllegalArgumentException e) {
      throw S3Errors.invalidDigest();
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has MD5", e);
    }
  }

  private static String newVersionId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private Bucket bucket(String name) {
    return buckets.find(name).orElseThrow(() -> S3Errors.noSuchBucket(name));
  }

  private void require(Caller caller, String action, String resource, Bucket bucket) {
    require(caller, action, resource, bucket.owner(), bucket.name());
  }

  private void require(
      Caller caller,
      String action,
      String resource,
      ferry.aws.AccountId resourceAccount,
      @Nullable String bucketName) {
    Verdict verdict =
        authorizer.authorize(caller, AccessRequest.of(action, resource, resourceAccount));
    if (!verdict.allowed()) {
      throw S3Errors.accessDenied(verdict.message())
          .withHeader("x-ferry-decision-id", verdict.id());
    }
  }
}
