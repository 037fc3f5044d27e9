package ferry.s3;

import ferry.aws.Caller;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * GetObjectAttributes: HeadObject and ListParts of a completed object in one answer.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributes.html">GetObjectAttributes</a>
 */
public final class ObjectAttributes extends S3Family {
  /** The attributes a request may name in x-amz-object-attributes. */
  public enum Attribute {
    ETag,
    Checksum,
    ObjectParts,
    StorageClass,
    ObjectSize
  }

  /**
   * What the caller asked: the version, the attributes, a page of the parts, and the key of an
   * SSE-C object.
   */
  public record Request(
      String bucket,
      String key,
      @Nullable String versionId,
      Set<Attribute> attributes,
      int maxParts,
      int partNumberMarker,
      @Nullable CustomerKey customerKey) {
    public Request {
      attributes = attributes.isEmpty() ? Set.of() : EnumSet.copyOf(attributes);
    }

    /** A request without a customer-provided key. */
    public Request(
        String bucket,
        String key,
        @Nullable String versionId,
        Set<Attribute> attributes,
        int maxParts,
        int partNumberMarker) {
      this(bucket, key, versionId, attributes, maxParts, partNumberMarker, null);
    }
  }

  /** One part of a multipart object, with its checksum when the object has one. */
  public record Part(int partNumber, long size, @Nullable String checksum) {}

  /**
   * The version and, for a multipart object, a page of its parts.
   *
   * @param parts the page, empty when the object has no checksum (S3 lists parts only then)
   * @param nextPartNumberMarker the last part number of the page
   */
  public record Result(
      ObjectVersion version,
      Set<Attribute> attributes,
      int totalParts,
      List<Part> parts,
      int partNumberMarker,
      int nextPartNumberMarker,
      int maxParts,
      boolean truncated) {
    public Result {
      parts = List.copyOf(parts);
    }
  }

  ObjectAttributes(S3Family.Parts parts) {
    super(parts);
  }

  /**
   * Needs s3:GetObject and s3:GetObjectAttributes, or with a version id s3:GetObjectVersion and
   * s3:GetObjectVersionAttributes; the checksum of an SSE-KMS object needs kms:Decrypt too, as
   * HeadObject's x-amz-checksum-mode does. An SSE-C object needs its key, as for HeadObject.
   */
  public Result getObjectAttributes(Caller caller, Request request) {
    if (request.attributes().isEmpty()) {
      throw S3Errors.invalidArgument(
          "Minimum of one object attribute must be specified", "x-amz-object-attributes", "");
    }
    Bucket bucket = bucket(request.bucket());
    ObjectVersion version = readableVersion(caller, bucket, request.key(), request.versionId());
    requireOnVersion(
        caller,
        request.versionId() == null ? "s3:GetObjectAttributes" : "s3:GetObjectVersionAttributes",
        bucket,
        version,
        request.versionId());
    CustomerKeys.verify(version.encryption(), request.customerKey());
    StoredEncryption encryption = version.encryption();
    if (request.attributes().contains(Attribute.Checksum)
        && version.checksum() != null
        && encryption != null
        && encryption.isKms()) {
      openKey(caller, bucket, version);
    }
    int total = version.partsCount();
    List<Part> page = new ArrayList<>();
    boolean truncated = false;
    if (total > 0 && version.checksum() != null) {
      List<Segment> segments = version.segments();
      for (int number = request.partNumberMarker() + 1; number <= total; number++) {
        if (page.size() == request.maxParts()) {
          truncated = true;
          break;
        }
        Segment segment = segments.get(number - 1);
        page.add(new Part(number, segment.size(), segment.checksum()));
      }
    }
    int next = page.isEmpty() ? request.partNumberMarker() : page.getLast().partNumber();
    return new Result(
        version,
        request.attributes(),
        total,
        page,
        request.partNumberMarker(),
        next,
        request.maxParts(),
        truncated);
  }
}
