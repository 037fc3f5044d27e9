package ferry.s3;

import ferry.aws.AccountId;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Objects: PutObject, GetObject, HeadObject, CopyObject, DeleteObject(s). */
public final class ObjectOperations extends S3Family {
  ObjectOperations(S3Family.Parts parts) {
    super(parts);
  }

  /**
   * Stores an object. The bytes land encrypted in a blob file that becomes visible only after they
   * are durable and their length and digests checked; on any failure nothing is stored.
   */
  public PutObjectResult putObject(Caller caller, PutObjectRequest request) {
    return putObject(caller, request, Map.of());
  }

  /**
   * A PutObject by an AWS service for a source resource, such as S3 log delivery: {@code
   * sourceContext} holds the aws:SourceAccount and aws:SourceArn the bucket policy may test.
   */
  PutObjectResult putObject(
      Caller caller, PutObjectRequest request, Map<String, String> sourceContext) {
    return putObject(
        caller, request, sourceContext, new DataKeys.ServiceContext(Map.of(), sourceContext));
  }

  /**
   * A PutObject by an AWS service whose SSE-KMS data key also carries the service's encryption
   * context; KMS, like the bucket policy, sees the source resource's condition keys.
   */
  PutObjectResult putObject(
      Caller caller,
      PutObjectRequest request,
      Map<String, String> sourceContext,
      DataKeys.ServiceContext service) {
    Bucket bucket = bucket(request.bucket());
    checkKey(request.key());
    requireWrite(
        caller,
        bucket,
        request.key(),
        request.acl(),
        request.tags(),
        request.encryption(),
        request.objectLock(),
        sourceContext);
    if (request.contentLength() > MAX_PUT_SIZE) {
      throw S3Errors.entityTooLarge(request.contentLength(), MAX_PUT_SIZE);
    }
    checkRequestedLock(caller, bucket, request.key(), request.objectLock());
    checkWriteConditions(bucket, request.key(), request.ifMatch(), request.ifNoneMatch());
    DataKeys.DataKey dataKey =
        keys.create(
            caller, bucket, request.key(), request.encryption(), request.customerKey(), service);
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
      version = withObjectLock(bucket, version, request.objectLock());
      return new PutObjectResult(
          commitVersion(bucket, version, caller, "PutObject"), bucket.versioning() != null);
    } catch (RuntimeException e) {
      bytes.delete(written.blobId());
      throw e;
    }
  }

  public GetObjectResult getObject(Caller caller, GetObjectRequest request) {
    return againIfReplaced(() -> getLocatedObject(caller, request));
  }

  private GetObjectResult getLocatedObject(Caller caller, GetObjectRequest request) {
    Bucket bucket = bucket(request.bucket());
    GetObjectResult located = locate(caller, bucket, request);
    if (located.notModified()) {
      return located;
    }
    ObjectVersion version = located.version();
    byte[] dataKey = openKey(caller, bucket, version, request.customerKey());
    return new GetObjectResult(
        version,
        bytes.read(version, dataKey, located.start(), located.length()),
        located.start(),
        located.length(),
        located.partial(),
        false);
  }

  /** HeadObject without x-amz-checksum-mode. */
  public GetObjectResult headObject(Caller caller, GetObjectRequest request) {
    return headObject(caller, request, false);
  }

  /**
   * HeadObject: the version's headers after the same checks as GetObject, but without its bytes, so
   * an SSE-KMS data key is decrypted only when the caller asks for the checksum
   * (x-amz-checksum-mode) of an object that has one: AWS requires kms:Decrypt for HEAD only then.
   *
   * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html">HeadObject,
   *     ChecksumMode</a>
   */
  public GetObjectResult headObject(Caller caller, GetObjectRequest request, boolean checksumMode) {
    Bucket bucket = bucket(request.bucket());
    GetObjectResult located =
        locate(
            caller,
            bucket,
            new GetObjectRequest(
                request.bucket(),
                request.key(),
                request.versionId(),
                null,
                request.conditions(),
                request.partNumber(),
                request.customerKey()));
    ObjectVersion version = located.version();
    StoredEncryption encryption = version.encryption();
    if (checksumMode
        && version.checksum() != null
        && encryption != null
        && encryption.isKms()
        && !located.notModified()) {
      openKey(caller, bucket, version);
    }
    return located;
  }

  /** The readable version and the range a read serves of it, without its bytes. */
  private GetObjectResult locate(Caller caller, Bucket bucket, GetObjectRequest request) {
    ObjectVersion version = readableVersion(caller, bucket, request.key(), request.versionId());
    CustomerKeys.verify(version.encryption(), request.customerKey());
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
    return new GetObjectResult(
        version, InputStream.nullInputStream(), start, length, partial, false);
  }

  /**
   * Copies an object, possibly across buckets and accounts: reading the source needs s3:GetObject
   * on it and writing needs s3:PutObject on the destination, each decided for its own bucket.
   */
  public CopyObjectResult copyObject(Caller caller, CopyObjectRequest request) {
    return againIfReplaced(() -> copyLocatedObject(caller, request));
  }

  private CopyObjectResult copyLocatedObject(Caller caller, CopyObjectRequest request) {
    Bucket sourceBucket = bucket(request.sourceBucket());
    ObjectVersion source =
        readableVersion(caller, sourceBucket, request.sourceKey(), request.sourceVersionId());
    CustomerKeys.verify(source.encryption(), request.sourceCustomerKey());
    checkSourceConditions(source, request.sourceConditions());
    Bucket bucket = bucket(request.bucket());
    checkKey(request.key());
    Map<String, String> tags = request.replaceTags() ? request.tags() : source.tags();
    requireWrite(
        caller,
        bucket,
        request.key(),
        request.acl(),
        Map.of(),
        request.replaceTags() ? requestTagKeys(request.tags()) : Map.of(),
        request.encryption(),
        request.objectLock(),
        Map.of());
    checkRequestedLock(caller, bucket, request.key(), request.objectLock());
    checkWriteConditions(bucket, request.key(), request.ifMatch(), request.ifNoneMatch());
    boolean sameObject =
        sourceBucket.name().equals(bucket.name())
            && source.key().equals(request.key())
            && request.sourceVersionId() == null;
    if (sameObject
        && !request.replaceMetadata()
        && request.encryption() == null
        && request.customerKey() == null
        && request.acl().isEmpty()) {
      throw S3Errors.invalidRequest(
          "This copy request is illegal because it is trying to copy an object to itself without"
              + " changing the object's metadata, storage class, website redirect location or"
              + " encryption attributes.");
    }
    Map<String, String> headers =
        request.replaceMetadata() ? request.headers() : withoutWebsiteRedirect(source.headers());
    byte[] sourceKey = openKey(caller, sourceBucket, source, request.sourceCustomerKey());
    DataKeys.DataKey dataKey =
        keys.create(caller, bucket, request.key(), request.encryption(), request.customerKey());
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
      version = withObjectLock(bucket, version, request.objectLock());
      return new CopyObjectResult(
          new PutObjectResult(
              commitVersion(bucket, version, caller, "CopyObject"), bucket.versioning() != null),
          source);
    } catch (RuntimeException e) {
      bytes.delete(written.blobId());
      throw e;
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
    return deleteObject(caller, bucketName, key, versionId, ifMatch, false);
  }

  /**
   * A DeleteObject that may also ask (x-amz-bypass-governance-retention) to delete a version under
   * a GOVERNANCE retention; on a bucket without Object Lock that asks for nothing.
   */
  public DeleteObjectResult deleteObject(
      Caller caller,
      String bucketName,
      String key,
      @Nullable String versionId,
      @Nullable String ifMatch,
      boolean bypassGovernance) {
    Bucket bucket = bucket(bucketName);
    return deleteObject(caller, bucket, key, versionId, ifMatch, bypassGovernance);
  }

  private DeleteObjectResult deleteObject(
      Caller caller,
      Bucket bucket,
      String key,
      @Nullable String versionId,
      @Nullable String ifMatch,
      boolean bypassGovernance) {
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
      ObjectVersion target = objects.findVersion(bucket.name(), key, versionId).orElse(null);
      if (target != null) {
        requireDeletable(caller, bucket, target, bypassGovernance);
      }
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
    return deleteObjects(caller, bucketName, targets, false);
  }

  /** DeleteObjects, possibly bypassing GOVERNANCE retention as {@link #deleteObject} does. */
  public DeleteObjectsResult deleteObjects(
      Caller caller,
      String bucketName,
      List<DeleteObjectsResult.Target> targets,
      boolean bypassGovernance) {
    Bucket bucket = bucket(bucketName);
    List<DeleteObjectsResult.Deleted> deleted = new ArrayList<>();
    List<DeleteObjectsResult.Failed> errors = new ArrayList<>();
    for (DeleteObjectsResult.Target target : targets) {
      try {
        DeleteObjectResult result =
            deleteObject(
                caller, bucket, target.key(), target.versionId(), target.etag(), bypassGovernance);
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

  /** A copy does not keep the source's website redirect, as S3 documents for CopyObject. */
  private static Map<String, String> withoutWebsiteRedirect(Map<String, String> headers) {
    Map<String, String> copied = new java.util.LinkedHashMap<>(headers);
    copied.remove("x-amz-website-redirect-location");
    return copied;
  }
}
