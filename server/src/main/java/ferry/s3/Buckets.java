package ferry.s3;

import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Region;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * S3 buckets themselves: CreateBucket, HeadBucket, GetBucketLocation, ListBuckets, DeleteBucket.
 */
public final class Buckets extends S3Family {
  Buckets(S3Family.Parts parts) {
    super(parts);
  }

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
    if (request.objectLockEnabled()) {
      access.requireAccount(
          caller, "s3:PutBucketObjectLockConfiguration", "arn:aws:s3:::" + name, Map.of());
      access.requireAccount(caller, "s3:PutBucketVersioning", "arn:aws:s3:::" + name, Map.of());
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
    if (holder == wanted && request.objectLockEnabled()) {
      // Object Lock needs versioning, which then can no longer be suspended.
      buckets.updateVersioning(name, Versioning.ENABLED);
      buckets.putSetting(name, ObjectLock.CONFIGURATION, ObjectLockConfiguration.ENABLED);
    }
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
    List<String> partBlobs =
        buckets.deleteIfEmpty(name).orElseThrow(() -> S3Errors.bucketNotEmpty(name));
    partBlobs.forEach(bytes::delete);
  }
}
