package ferry.s3;

import ferry.aws.AccountId;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.OpaqueToken;
import ferry.s3.store.KeyOrder;
import ferry.s3.store.UploadRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Multipart uploads: parts are encrypted blobs of one segment each, all under the upload's data
 * key; completing composes the object's blob of theirs (hard links: no byte is copied) and the
 * object's segments are the parts.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html">Multipart
 *     upload</a>
 */
public final class MultipartUploads extends S3Family {
  static final long MIN_PART_SIZE = 5L * 1024 * 1024;

  private final UploadRepository uploads;

  MultipartUploads(S3Family.Parts parts) {
    super(parts);
    this.uploads = parts.uploads();
  }

  public MultipartUpload create(Caller caller, CreateMultipartUploadRequest request) {
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
        Map.of());
    checkRequestedLock(caller, bucket, request.key(), request.objectLock());
    DataKeys.DataKey dataKey =
        keys.create(caller, bucket, request.key(), request.encryption(), request.customerKey());
    AccountId owner = ownerOfNewObject(caller, bucket, request.acl());
    List<Grant> acl =
        bucket.aclsEnabled() ? grantsOf(request.acl(), owner, bucket.owner()) : List.of();
    var upload =
        new MultipartUpload(
            OpaqueToken.of(32),
            bucket.name(),
            request.key(),
            caller.arn(),
            owner,
            clock.instant(),
            request.headers(),
            acl,
            request.tags(),
            request.checksumAlgorithm(),
            dataKey.stored(),
            request.objectLock().retention(),
            request.objectLock().legalHold(),
            request.fullObjectChecksum() && request.checksumAlgorithm() != null);
    uploads.insert(upload);
    return upload;
  }

  public UploadedPart uploadPart(Caller caller, UploadPartRequest request) {
    checkPartNumber(request.partNumber());
    Bucket bucket = bucket(request.bucket());
    MultipartUpload upload = upload(request.uploadId(), bucket, request.key());
    requirePut(caller, bucket, upload);
    if (request.contentLength() > MAX_PUT_SIZE) {
      throw S3Errors.entityTooLarge(request.contentLength(), MAX_PUT_SIZE);
    }
    byte[] dataKey =
        keys.open(
            caller, bucket.objectArn(upload.key()), upload.encryption(), request.customerKey());
    BodyIntegrity integrity = request.integrity();
    ChecksumAlgorithm expected = upload.checksumAlgorithm();
    if (expected != null && integrity.algorithm() != null && integrity.algorithm() != expected) {
      // A part checksummed otherwise could not enter the upload's composite checksum.
      throw S3Errors.invalidRequest(
          "Checksum Type mismatch occurred, expected checksum Type: "
              + wireName(expected)
              + ", actual checksum Type: "
              + wireName(integrity.algorithm()));
    }
    if (integrity.algorithm() == null && upload.checksumAlgorithm() != null) {
      integrity =
          new BodyIntegrity(
              integrity.contentMd5(), upload.checksumAlgorithm(), null, null, integrity.trailers());
    }
    ObjectBytes.Written written =
        bytes.write(request.body(), request.contentLength(), integrity, dataKey);
    return record(upload, request.partNumber(), written);
  }

  public CopyPartResult uploadPartCopy(Caller caller, UploadPartCopyRequest request) {
    return againIfReplaced(() -> copyLocatedPart(caller, request));
  }

  private CopyPartResult copyLocatedPart(Caller caller, UploadPartCopyRequest request) {
    checkPartNumber(request.partNumber());
    Bucket bucket = bucket(request.bucket());
    MultipartUpload upload = upload(request.uploadId(), bucket, request.key());
    Bucket sourceBucket = bucket(request.sourceBucket());
    ObjectVersion source =
        readableVersion(caller, sourceBucket, request.sourceKey(), request.sourceVersionId());
    CustomerKeys.verify(source.encryption(), request.sourceCustomerKey());
    checkSourceConditions(source, request.sourceConditions());
    requirePut(caller, bucket, upload);
    long start = 0;
    long length = source.size();
    ByteRange range = request.sourceRange();
    if (range != null) {
      start = range.start(source.size());
      if (start < 0 || range.end(source.size()) < start || range.last() >= source.size()) {
        throw S3Errors.invalidArgument(
            "The x-amz-copy-source-range value must be of the form bytes=first-last where first"
                + " and last are the zero-based offsets of the first and last bytes to copy",
            "x-amz-copy-source-range",
            "bytes=" + range.first() + "-" + range.last());
      }
      length = range.end(source.size()) - start + 1;
    }
    byte[] sourceKey = openKey(caller, sourceBucket, source, request.sourceCustomerKey());
    byte[] dataKey =
        keys.open(
            caller, bucket.objectArn(upload.key()), upload.encryption(), request.customerKey());
    BodyIntegrity integrity =
        new BodyIntegrity(null, upload.checksumAlgorithm(), null, null, Map::of);
    ObjectBytes.Written written;
    try (InputStream in = bytes.read(source, sourceKey, start, length)) {
      written = bytes.write(in, length, integrity, dataKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CopyPartResult(
        record(upload, request.partNumber(), written), source, written.checksum());
  }

  private UploadedPart record(MultipartUpload upload, int partNumber, ObjectBytes.Written written) {
    Checksum checksum = written.checksum();
    var part =
        new UploadedPart(
            upload.uploadId(),
            partNumber,
            written.segment().id(),
            written.size(),
            written.etag(),
            checksum == null ? null : checksum.value(),
            written.blobId(),
            clock.instant());
    String replaced;
    try {
      replaced = uploads.putPart(upload.bucket(), part);
    } catch (RuntimeException e) {
      bytes.delete(written.blobId());
      throw e;
    }
    bytes.delete(replaced);
    return part;
  }

  /**
   * Completes an upload from the listed parts: they must be in ascending order, exist with the
   * given ETags, and be at least 5 MiB except the last. The ETag is the MD5 of the parts' MD5s and
   * the part count.
   */
  public PutObjectResult complete(
      Caller caller, String bucket, String key, String uploadId, List<CompletedPart> parts) {
    return complete(caller, CompleteMultipartUploadRequest.of(bucket, key, uploadId, parts));
  }

  public PutObjectResult complete(Caller caller, CompleteMultipartUploadRequest request) {
    Bucket bucket = bucket(request.bucket());
    String key = request.key();
    String uploadId = request.uploadId();
    List<CompletedPart> listed = request.parts();
    MultipartUpload upload = upload(uploadId, bucket, key);
    requirePut(caller, bucket, upload);
    if (request.customerKey() != null
        || (upload.encryption().isCustomerKey() && upload.checksumAlgorithm() != null)) {
      // AWS asks for the key on completion only of an upload with checksums; a key sent anyway
      // must be the upload's.
      CustomerKeys.verify(upload.encryption(), request.customerKey());
    }
    checkWriteConditions(bucket, key, request.ifMatch(), request.ifNoneMatch());
    if (listed.isEmpty()) {
      throw S3Errors.malformedXml();
    }
    Map<Integer, UploadedPart> stored = new java.util.HashMap<>();
    for (UploadedPart part : uploads.parts(uploadId, 0, 10_000)) {
      stored.put(part.partNumber(), part);
    }
    List<UploadedPart> parts = new ArrayList<>();
    int previous = 0;
    ChecksumAlgorithm algorithm = upload.checksumAlgorithm();
    for (CompletedPart wanted : listed) {
      if (wanted.partNumber() <= previous) {
        throw S3Errors.invalidPartOrder();
      }
      previous = wanted.partNumber();
      UploadedPart part = stored.get(wanted.partNumber());
      if (part == null) {
        throw partGone(uploadId);
      }
      if (!sameEtag(part.etag(), wanted.etag())) {
        throw partNotFound();
      }
      Checksum given = wanted.checksum();
      // A full-object upload may list its parts without their checksums; given, they must match.
      if (algorithm != null && (given != null || !upload.fullObjectChecksum())) {
        if (given == null || given.algorithm() != algorithm) {
          throw S3Errors.invalidRequest(
              "The upload was created using a "
                  + wireName(algorithm)
                  + " checksum. The complete request must include the checksum for each part."
                  + " It was missing for part "
                  + wanted.partNumber()
                  + " in the request.");
        }
        if (!given.value().equals(part.checksum())) {
          throw partNotFound();
        }
      }
      parts.add(part);
    }
    for (int i = 0; i < parts.size() - 1; i++) {
      if (parts.get(i).size() < MIN_PART_SIZE) {
        throw S3Errors.entityTooSmall(parts.get(i).size());
      }
    }
    MessageDigest md5 = ObjectBytes.md5();
    long size = 0;
    List<Segment> segments = new ArrayList<>();
    List<String> blobs = new ArrayList<>();
    for (UploadedPart part : parts) {
      md5.update(HexFormat.of().parseHex(part.etag().replace("\"", "")));
      size += part.size();
      segments.add(new Segment(part.segmentId(), part.size()));
      blobs.add(part.blobId());
    }
    String etag = "\"" + HexFormat.of().formatHex(md5.digest()) + "-" + parts.size() + "\"";
    Checksum checksum =
        upload.fullObjectChecksum()
            ? fullObjectChecksum(upload.checksumAlgorithm(), parts)
            : compositeChecksum(upload.checksumAlgorithm(), parts);
    checkExpectations(request, size, checksum);
    if (checksum != null) {
      segments.clear();
      for (UploadedPart part : parts) {
        segments.add(new Segment(part.segmentId(), part.size(), part.checksum()));
      }
    }
    String blobId = composed(uploadId, blobs);
    ObjectVersion version;
    try {
      ObjectVersion fresh =
          new ObjectVersion(
              bucket.name(),
              key,
              bucket.isVersioningEnabled() ? newVersionId() : ObjectVersion.NULL_VERSION,
              0,
              true,
              false,
              size,
              etag,
              upload.headers(),
              upload.owner(),
              blobId,
              clock.instant(),
              upload.acl(),
              upload.tags(),
              checksum,
              upload.encryption(),
              segments);
      fresh =
          withObjectLock(
              bucket, fresh, new ObjectLockRequest(upload.retention(), upload.legalHold()));
      version = commitCompletedUpload(bucket, fresh, uploadId, caller);
    } catch (RuntimeException e) {
      bytes.delete(blobId);
      throw e;
    }
    return new PutObjectResult(version, bucket.versioning() != null);
  }

  /**
   * What the request says the completed object must be: its size, checksum type and checksum. The
   * checksum may be given with or without the {@code -<parts>} of a composite value.
   */
  private static void checkExpectations(
      CompleteMultipartUploadRequest request, long size, @Nullable Checksum checksum) {
    Long expectedSize = request.objectSize();
    if (expectedSize != null && expectedSize != size) {
      throw S3Errors.invalidRequest(
          "The x-amz-mp-object-size you specified, "
              + expectedSize
              + ", does not match the size of the completed object, "
              + size
              + ".");
    }
    String type = request.checksumType();
    if (type != null) {
      String uploadType = checksum == null ? "none" : checksum.type();
      if (!type.equals(uploadType)) {
        throw S3Errors.badDigest(
            "The x-amz-checksum-type you specified, "
                + type
                + ", does not match the checksum type of the upload, "
                + uploadType
                + ".");
      }
    }
    Checksum expected = request.checksum();
    if (expected != null && checksum != null && checksum.type().equals("FULL_OBJECT")) {
      if (checksum.algorithm() != expected.algorithm()
          || !checksum.value().equals(expected.value())) {
        throw S3Errors.badDigest(
            "The "
                + wireName(expected.algorithm())
                + " you specified did not match the calculated"
                + " checksum.");
      }
      return;
    }
    if (expected != null) {
      boolean matches =
          checksum != null
              && checksum.algorithm() == expected.algorithm()
              && (checksum.value().equals(expected.value())
                  || checksum.value().startsWith(expected.value() + "-"));
      if (!matches) {
        throw S3Errors.badDigest(
            "The "
                + expected.algorithm().header()
                + " you specified did not match the checksum of the completed object"
                + (checksum == null ? ", which has none." : ", " + checksum.value() + "."));
      }
    }
  }

  /**
   * The CRC of the whole object, combined from the parts' CRCs and sizes, when every part has one.
   */
  private static @Nullable Checksum fullObjectChecksum(
      @Nullable ChecksumAlgorithm algorithm, List<UploadedPart> parts) {
    if (algorithm == null) {
      return null;
    }
    ChecksumAlgorithm.Running empty = algorithm.start();
    byte[] whole = empty.value();
    for (UploadedPart part : parts) {
      if (part.checksum() == null) {
        return null;
      }
      whole = algorithm.combine(whole, Base64.getDecoder().decode(part.checksum()), part.size());
    }
    return new Checksum(algorithm, Base64.getEncoder().encodeToString(whole));
  }

  /** The checksum of the parts' checksums, {@code <base64>-<parts>}, when every part has one. */
  private static @Nullable Checksum compositeChecksum(
      @Nullable ChecksumAlgorithm algorithm, List<UploadedPart> parts) {
    if (algorithm == null) {
      return null;
    }
    ChecksumAlgorithm.Running running = algorithm.start();
    for (UploadedPart part : parts) {
      if (part.checksum() == null) {
        return null;
      }
      byte[] value = Base64.getDecoder().decode(part.checksum());
      running.update(value, 0, value.length);
    }
    return new Checksum(algorithm, running.base64() + "-" + parts.size());
  }

  /**
   * The parts' blobs joined into the object's. A part's file is gone when another request removed
   * it after this one read the parts: an abort, its bucket's deletion, or the part uploaded again.
   */
  private String composed(String uploadId, List<String> partBlobs) {
    try {
      return bytes.compose(partBlobs);
    } catch (UncheckedIOException e) {
      if (!(e.getCause() instanceof NoSuchFileException)) {
        throw e;
      }
      throw partGone(uploadId);
    }
  }

  /**
   * A listed part that is not there: InvalidPart, or NoSuchUpload when the upload itself was
   * removed after this request found it (completed by another request, aborted, or its bucket
   * deleted), which took its parts with it.
   */
  private AwsException partGone(String uploadId) {
    return uploads.find(uploadId).isPresent() ? partNotFound() : S3Errors.noSuchUpload(uploadId);
  }

  private static AwsException partNotFound() {
    return S3Errors.invalidPart(
        "One or more of the specified parts could not be found.  The part may not have been"
            + " uploaded, or the specified entity tag may not match the part's entity tag.");
  }

  /** How S3's checksum errors name an algorithm: crc32, sha256 … */
  private static String wireName(ChecksumAlgorithm algorithm) {
    return algorithm.name().toLowerCase(java.util.Locale.ROOT);
  }

  public void abort(Caller caller, String bucketName, String key, String uploadId) {
    Bucket bucket = bucket(bucketName);
    MultipartUpload upload = upload(uploadId, bucket, key);
    access.requireObject(
        caller,
        "s3:AbortMultipartUpload",
        bucket,
        key,
        bucket.owner(),
        bucket.effectiveAcl(),
        Map.of());
    uploads
        .delete(upload.uploadId())
        .orElseThrow(() -> S3Errors.noSuchUpload(uploadId))
        .forEach(bytes::delete);
  }

  public ListPartsResult listParts(
      Caller caller, String bucketName, String key, String uploadId, int afterPart, int maxParts) {
    Bucket bucket = bucket(bucketName);
    MultipartUpload upload = upload(uploadId, bucket, key);
    access.requireObject(
        caller,
        "s3:ListMultipartUploadParts",
        bucket,
        key,
        bucket.owner(),
        bucket.effectiveAcl(),
        Map.of());
    List<UploadedPart> page = uploads.parts(uploadId, afterPart, maxParts + 1);
    boolean truncated = page.size() > maxParts;
    List<UploadedPart> parts = truncated ? page.subList(0, maxParts) : page;
    int next = parts.isEmpty() ? 0 : parts.getLast().partNumber();
    return new ListPartsResult(upload, parts, truncated, next);
  }

  public ListUploadsResult list(
      Caller caller,
      String bucketName,
      String prefix,
      @Nullable String delimiter,
      String keyMarker,
      String uploadIdMarker,
      int maxUploads) {
    Bucket bucket = bucket(bucketName);
    access.requireBucket(caller, "s3:ListBucketMultipartUploads", bucket, Map.of());
    List<MultipartUpload> found = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String afterKey = keyMarker;
    String afterId =
        keyMarker.isEmpty() ? "" : uploadIdMarker.isEmpty() ? "\uffff" : uploadIdMarker;
    while (found.size() + prefixes.size() < maxUploads) {
      List<MultipartUpload> page = uploads.list(bucket.name(), prefix, afterKey, afterId, 1000);
      if (page.isEmpty()) {
        return new ListUploadsResult(found, prefixes, false, null, null);
      }
      boolean skipped = false;
      for (MultipartUpload upload : page) {
        if (found.size() + prefixes.size() == maxUploads) {
          MultipartUpload last = found.isEmpty() ? null : found.getLast();
          return new ListUploadsResult(
              found,
              prefixes,
              true,
              last == null ? null : last.key(),
              last == null ? null : last.uploadId());
        }
        String commonPrefix = ObjectListings.commonPrefix(upload.key(), prefix, delimiter);
        if (commonPrefix != null) {
          prefixes.add(commonPrefix);
          String past = KeyOrder.pastPrefix(commonPrefix);
          if (past == null) {
            return new ListUploadsResult(found, prefixes, false, null, null);
          }
          // From the first key after the prefix's, with every upload of it.
          afterKey = past;
          afterId = "";
          skipped = true;
          break;
        }
        found.add(upload);
        afterKey = upload.key();
        afterId = upload.uploadId();
      }
      if (!skipped && page.size() < 1000) {
        return new ListUploadsResult(found, prefixes, false, null, null);
      }
    }
    MultipartUpload last = found.isEmpty() ? null : found.getLast();
    boolean more = !uploads.list(bucket.name(), prefix, afterKey, afterId, 1).isEmpty();
    return new ListUploadsResult(
        found,
        prefixes,
        more,
        more && last != null ? last.key() : null,
        more && last != null ? last.uploadId() : null);
  }

  private void requirePut(Caller caller, Bucket bucket, MultipartUpload upload) {
    access.requireObject(
        caller,
        "s3:PutObject",
        bucket,
        upload.key(),
        bucket.owner(),
        bucket.effectiveAcl(),
        Map.of());
  }

  private MultipartUpload upload(String uploadId, Bucket bucket, String key) {
    MultipartUpload upload =
        uploads.find(uploadId).orElseThrow(() -> S3Errors.noSuchUpload(uploadId));
    if (!upload.bucket().equals(bucket.name()) || !upload.key().equals(key)) {
      throw S3Errors.noSuchUpload(uploadId);
    }
    return upload;
  }

  static void checkPartNumber(int partNumber) {
    if (partNumber < 1 || partNumber > 10_000) {
      throw S3Errors.invalidArgument(
          "Part number must be an integer between 1 and 10000, inclusive",
          "partNumber",
          Integer.toString(partNumber));
    }
  }

  private static boolean sameEtag(String stored, String given) {
    return Objects.equals(stored.replace("\"", ""), given.trim().replace("\"", ""));
  }
}
