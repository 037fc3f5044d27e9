package ferry.s3;

import ferry.aws.AccountId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One version of an object, or a delete marker.
 *
 * @param versionId "null" for the version written while the bucket was not versioned
 * @param headers the stored response headers: Content-Type, Cache-Control, … and x-amz-meta-*
 * @param blobId where the bytes are, null for a delete marker
 * @param acl the object's ACL grants (its owner's full control at least)
 * @param tags the object's tag set, in the order given
 * @param checksum the flexible checksum sent or asked for at upload, if any
 * @param encryption how the bytes are encrypted at rest; null only for delete markers
 * @param segments the encrypted segments of the blob, one per part, in order
 * @param retention the version's Object Lock retention, null when it has none
 * @param legalHold the version's Object Lock legal hold, null when none was ever set
 */
public record ObjectVersion(
    String bucket,
    String key,
    String versionId,
    long seq,
    boolean latest,
    boolean deleteMarker,
    long size,
    @Nullable String etag,
    Map<String, String> headers,
    AccountId owner,
    @Nullable String blobId,
    Instant created,
    List<Grant> acl,
    Map<String, String> tags,
    @Nullable Checksum checksum,
    @Nullable StoredEncryption encryption,
    List<Segment> segments,
    @Nullable Retention retention,
    @Nullable LegalHold legalHold) {

  public static final String NULL_VERSION = "null";

  /** A version without Object Lock retention or legal hold. */
  public ObjectVersion(
      String bucket,
      String key,
      String versionId,
      long seq,
      boolean latest,
      boolean deleteMarker,
      long size,
      @Nullable String etag,
      Map<String, String> headers,
      AccountId owner,
      @Nullable String blobId,
      Instant created,
      List<Grant> acl,
      Map<String, String> tags,
      @Nullable Checksum checksum,
      @Nullable StoredEncryption encryption,
      List<Segment> segments) {
    this(
        bucket,
        key,
        versionId,
        seq,
        latest,
        deleteMarker,
        size,
        etag,
        headers,
        owner,
        blobId,
        created,
        acl,
        tags,
        checksum,
        encryption,
        segments,
        null,
        null);
  }

  public ObjectVersion {
    headers = Map.copyOf(headers);
    acl = List.copyOf(acl);
    tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    segments = segments instanceof LazySegments ? segments : List.copyOf(segments);
  }

  /** A delete marker, owned by the account that deleted. */
  public static ObjectVersion deleteMarker(
      String bucket, String key, String versionId, AccountId owner, Instant created) {
    return new ObjectVersion(
        bucket, key, versionId, 0, true, true, 0, null, Map.of(), owner, null, created, List.of(),
        Map.of(), null, null, List.of());
  }

  public String contentType() {
    return headers.getOrDefault("Content-Type", "binary/octet-stream");
  }

  /** The number of parts of a multipart object, from its ETag; 0 for a single PUT. */
  public int partsCount() {
    if (etag == null) {
      return 0;
    }
    int dash = etag.lastIndexOf('-');
    return dash < 0 ? 0 : Integer.parseInt(etag.substring(dash + 1).replace("\"", ""));
  }

  /**
   * The bytes of part {@code partNumber}: one part of a multipart object, or the whole of any other
   * object as its only part. A part the object does not have is InvalidPartNumber.
   */
  public ByteRange partRange(int partNumber) {
    int parts = partsCount();
    if (partNumber > Math.max(1, parts)) {
      throw S3Errors.invalidPartNumber();
    }
    if (parts == 0) {
      return new ByteRange(0, size - 1, false);
    }
    long first = 0;
    for (Segment segment : segments.subList(0, partNumber - 1)) {
      first += segment.size();
    }
    return new ByteRange(first, first + segments.get(partNumber - 1).size() - 1, false);
  }

  public ObjectVersion withAcl(List<Grant> grants) {
    return new ObjectVersion(
        bucket,
        key,
        versionId,
        seq,
        latest,
        deleteMarker,
        size,
        etag,
        headers,
        owner,
        blobId,
        created,
        grants,
        tags,
        checksum,
        encryption,
        segments,
        retention,
        legalHold);
  }

  public ObjectVersion withTags(Map<String, String> tagSet) {
    return new ObjectVersion(
        bucket,
        key,
        versionId,
        seq,
        latest,
        deleteMarker,
        size,
        etag,
        headers,
        owner,
        blobId,
        created,
        acl,
        tagSet,
        checksum,
        encryption,
        segments,
        retention,
        legalHold);
  }

  public ObjectVersion withLock(
      @Nullable Retention newRetention, @Nullable LegalHold newLegalHold) {
    return new ObjectVersion(
        bucket,
        key,
        versionId,
        seq,
        latest,
        deleteMarker,
        size,
        etag,
        headers,
        owner,
        blobId,
        created,
        acl,
        tags,
        checksum,
        encryption,
        segments,
        newRetention,
        newLegalHold);
  }

  /**
   * Whether Object Lock forbids deleting this version at {@code now}: a legal hold or retention.
   */
  public boolean lockedAt(Instant now) {
    return legalHold == LegalHold.ON || (retention != null && retention.activeAt(now));
  }
}
