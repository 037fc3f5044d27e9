package ferry.s3.wire;

import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.PercentDecoding;
import ferry.protocol.Xml;
import ferry.protocol.XmlDocument;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.s3.ByteRange;
import ferry.s3.Checksum;
import ferry.s3.ChecksumAlgorithm;
import ferry.s3.CopyObjectRequest;
import ferry.s3.CopyObjectResult;
import ferry.s3.CustomerKey;
import ferry.s3.DeleteObjectResult;
import ferry.s3.DeleteObjectsResult;
import ferry.s3.GetObjectRequest;
import ferry.s3.GetObjectResult;
import ferry.s3.ListObjectsRequest;
import ferry.s3.ListObjectsResult;
import ferry.s3.ListVersionsRequest;
import ferry.s3.ListVersionsResult;
import ferry.s3.ObjectVersion;
import ferry.s3.PutObjectRequest;
import ferry.s3.PutObjectResult;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import ferry.s3.StoredEncryption;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * S3's object operations on the wire: listings, PutObject, GetObject, HeadObject, CopyObject,
 * DeleteObject(s).
 */
final class ObjectApi {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final Map<String, String> OVERRIDES =
      Map.of(
          "response-content-type", "Content-Type",
          "response-content-language", "Content-Language",
          "response-expires", "Expires",
          "response-cache-control", "Cache-Control",
          "response-content-disposition", "Content-Disposition",
          "response-content-encoding", "Content-Encoding");

  private final S3Service s3;

  ObjectApi(S3Service s3) {
    this.s3 = s3;
  }

  // ---- listings ----

  void listObjects(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    boolean v2 = "2".equals(request.queryParameter("list-type"));
    boolean urlEncoded = encodingType(request);
    String prefix = orEmpty(request.queryParameter("prefix"));
    String delimiter = emptyToNull(request.queryParameter("delimiter"));
    int maxKeys = limit(request, "max-keys", 1000);
    String startAfter = orEmpty(request.queryParameter(v2 ? "start-after" : "marker"));
    String token = request.queryParameter("continuation-token");
    String after = startAfter;
    if (v2 && token != null) {
      String resumed = ContinuationTokens.decode(token);
      after = after.compareTo(resumed) >= 0 ? after : resumed;
    }
    ListObjectsResult result =
        s3.listings()
            .listObjects(
                request.caller(),
                new ListObjectsRequest(call.bucketName(), prefix, delimiter, maxKeys, after));
    boolean fetchOwner = !v2 || "true".equals(request.queryParameter("fetch-owner"));
    Xml xml =
        S3Xml.document("ListBucketResult")
            .element("Name", call.bucketName())
            .element("Prefix", S3Xml.encode(prefix, urlEncoded));
    if (v2) {
      xml.element("KeyCount", result.objects().size() + result.commonPrefixes().size());
      if (token != null) {
        xml.element("ContinuationToken", token);
      }
      if (result.truncated() && result.nextStartAfter() != null) {
        xml.element("NextContinuationToken", ContinuationTokens.encode(result.nextStartAfter()));
      }
      if (!startAfter.isEmpty()) {
        xml.element("StartAfter", S3Xml.encode(startAfter, urlEncoded));
      }
    } else {
      xml.element("Marker", S3Xml.encode(startAfter, urlEncoded));
      if (result.truncated() && delimiter != null && result.nextStartAfter() != null) {
        xml.element("NextMarker", S3Xml.encode(result.nextStartAfter(), urlEncoded));
      }
    }
    xml.element("MaxKeys", maxKeys);
    if (delimiter != null) {
      xml.element("Delimiter", S3Xml.encode(delimiter, urlEncoded));
    }
    if (urlEncoded) {
      xml.element("EncodingType", "url");
    }
    xml.element("IsTruncated", result.truncated());
    for (ObjectVersion object : result.objects()) {
      xml.open("Contents")
          .element("Key", S3Xml.encode(object.key(), urlEncoded))
          .element("LastModified", object.created())
          .element("ETag", object.etag());
      Checksum checksum = object.checksum();
      if (checksum != null) {
        xml.element("ChecksumAlgorithm", checksum.algorithm().name())
            .element("ChecksumType", checksum.type());
      }
      xml.element("Size", object.size()).element("StorageClass", "STANDARD");
      if (fetchOwner) {
        S3Xml.owner(xml, object.owner());
      }
      xml.close("Contents");
    }
    for (String common : result.commonPrefixes()) {
      xml.open("CommonPrefixes")
          .element("Prefix", S3Xml.encode(common, urlEncoded))
          .close("CommonPrefixes");
    }
    response.sendXml(200, xml.close("ListBucketResult").toString());
  }

  void listObjectVersions(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    boolean urlEncoded = encodingType(request);
    String prefix = orEmpty(request.queryParameter("prefix"));
    String delimiter = emptyToNull(request.queryParameter("delimiter"));
    int maxKeys = limit(request, "max-keys", 1000);
    String keyMarker = orEmpty(request.queryParameter("key-marker"));
    String versionIdMarker = request.queryParameter("version-id-marker");
    ListVersionsResult result =
        s3.listings()
            .listObjectVersions(
                request.caller(),
                new ListVersionsRequest(
                    call.bucketName(), prefix, delimiter, maxKeys, keyMarker, versionIdMarker));
    Xml xml =
        S3Xml.document("ListVersionsResult")
            .element("Name", call.bucketName())
            .element("Prefix", S3Xml.encode(prefix, urlEncoded))
            .element("KeyMarker", S3Xml.encode(keyMarker, urlEncoded))
            .element("VersionIdMarker", orEmpty(versionIdMarker));
    if (result.truncated()) {
      if (result.nextKeyMarker() != null) {
        xml.element("NextKeyMarker", S3Xml.encode(result.nextKeyMarker(), urlEncoded));
      }
      if (result.nextVersionIdMarker() != null) {
        xml.element("NextVersionIdMarker", result.nextVersionIdMarker());
      }
    }
    xml.element("MaxKeys", maxKeys);
    if (delimiter != null) {
      xml.element("Delimiter", S3Xml.encode(delimiter, urlEncoded));
    }
    if (urlEncoded) {
      xml.element("EncodingType", "url");
    }
    xml.element("IsTruncated", result.truncated());
    for (ObjectVersion version : result.versions()) {
      String element = version.deleteMarker() ? "DeleteMarker" : "Version";
      xml.open(element)
          .element("Key", S3Xml.encode(version.key(), urlEncoded))
          .element("VersionId", version.versionId())
          .element("IsLatest", version.latest())
          .element("LastModified", version.created());
      if (!version.deleteMarker()) {
        xml.element("ETag", version.etag())
            .element("Size", version.size())
            .element("StorageClass", "STANDARD");
      }
      S3Xml.owner(xml, version.owner());
      xml.close(element);
    }
    for (String common : result.commonPrefixes()) {
      xml.open("CommonPrefixes")
          .element("Prefix", S3Xml.encode(common, urlEncoded))
          .close("CommonPrefixes");
    }
    response.sendXml(200, xml.close("ListVersionsResult").toString());
  }

  // ---- objects ----

  void putObject(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    RequestHeaders.refuseUnimplemented(
        request, "x-amz-server-side-encryption-context", "x-amz-write-offset-bytes");
    RequestHeaders.checkWebsiteRedirect(request);
    RequestHeaders.requireStandardStorage(request);
    long length = uploadLength(request);
    CustomerKey customerKey = RequestHeaders.customerKey(request);
    PutObjectResult result =
        s3.objects()
            .putObject(
                request.caller(),
                new PutObjectRequest(
                    call.bucketName(),
                    call.objectKey(),
                    request.body(),
                    length,
                    RequestHeaders.stored(request),
                    RequestHeaders.integrity(request, request.trailers()),
                    RequestHeaders.acl(request),
                    RequestHeaders.tagging(request.header("x-amz-tagging")),
                    RequestHeaders.encryption(request),
                    request.header("if-match"),
                    request.header("if-none-match"),
                    customerKey,
                    RequestHeaders.objectLock(request, true)));
    response.header("ETag", result.etag());
    writeResultHeaders(result, response);
    RequestHeaders.customerKeyHeaders(customerKey, response);
    Checksum checksum = result.version().checksum();
    if (checksum != null) {
      response.header(checksum.algorithm().header(), checksum.value());
      response.header("x-amz-checksum-type", checksum.type());
    }
    response.sendEmpty(200);
  }

  /**
   * The declared body length: the decoded length of an aws-chunked body, else Content-Length;
   * neither is MissingContentLength. A body larger than a single PUT may be is refused before a
   * byte of it is read.
   */
  static long uploadLength(ApiRequest request) {
    long length = RequestHeaders.declaredLength(request);
    if (length < 0) {
      throw S3Errors.missingContentLength();
    }
    if (length > S3Service.MAX_PUT_SIZE) {
      throw S3Errors.entityTooLarge(length, S3Service.MAX_PUT_SIZE);
    }
    return length;
  }

  static void writeResultHeaders(PutObjectResult result, ApiResponse response) {
    if (result.versioned()) {
      response.header("x-amz-version-id", result.versionId());
    }
    encryptionHeaders(result.version().encryption(), response);
  }

  static void encryptionHeaders(@Nullable StoredEncryption encryption, ApiResponse response) {
    if (encryption == null || encryption.isCustomerKey()) {
      return;
    }
    response.header("x-amz-server-side-encryption", encryption.algorithm());
    if (encryption.kmsKeyArn() != null) {
      response.header("x-amz-server-side-encryption-aws-kms-key-id", encryption.kmsKeyArn());
    }
    if (encryption.bucketKeyEnabled()) {
      response.header("x-amz-server-side-encryption-bucket-key-enabled", "true");
    }
  }

  void getObject(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    RequestHeaders.refuseEncryptionOnRead(request);
    GetObjectResult result = s3.objects().getObject(request.caller(), readRequest(call));
    try (InputStream in = result.body()) {
      ObjectLockApi.readHeaders(s3, request, result.version(), response);
      if (writeReadHeaders(request, result, response)) {
        try (OutputStream out = response.body()) {
          in.transferTo(out);
        }
      }
    }
  }

  void headObject(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    RequestHeaders.refuseEncryptionOnRead(request);
    boolean checksumMode = "ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode"));
    GetObjectResult result =
        s3.objects().headObject(request.caller(), readRequest(call), checksumMode);
    ObjectLockApi.readHeaders(s3, request, result.version(), response);
    if (writeReadHeaders(request, result, response)) {
      response.body().close();
    }
  }

  static GetObjectRequest readRequest(S3Call call) {
    ApiRequest request = call.request();
    return new GetObjectRequest(
        call.bucketName(),
        call.objectKey(),
        request.queryParameter("versionId"),
        ByteRange.parse(request.header("range")),
        RequestHeaders.preconditions(request, ""),
        request.queryParameter("partNumber") == null ? null : partNumber(request),
        RequestHeaders.customerKey(request));
  }

  /**
   * The status and headers of a GetObject or HeadObject answer; false when the answer is a 304,
   * already complete without a body.
   */
  static boolean writeReadHeaders(ApiRequest request, GetObjectResult result, ApiResponse response)
      throws IOException {
    ObjectVersion version = result.version();
    objectHeaders(version, response);
    if (result.notModified()) {
      response.status(304);
      response.body().close();
      return false;
    }
    overrideHeaders(request, response);
    checksumHeaders(request, result, response);
    if (request.queryParameter("partNumber") != null && version.partsCount() > 0) {
      response.header("x-amz-mp-parts-count", Integer.toString(version.partsCount()));
    }
    if (result.partial()) {
      long last = result.start() + result.length() - 1;
      response.header(
          "Content-Range", "bytes " + result.start() + "-" + last + "/" + version.size());
    }
    response.status(result.partial() ? 206 : 200);
    response.header("Content-Length", Long.toString(result.length()));
    return true;
  }

  void deleteObject(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    // x-amz-bypass-governance-retention on a bucket without Object Lock changes nothing, as in S3
    // (Terraform's force_destroy always sends it).
    RequestHeaders.refuseUnimplemented(
        request, "x-amz-mfa", "x-amz-if-match-last-modified-time", "x-amz-if-match-size");
    DeleteObjectResult result =
        s3.objects()
            .deleteObject(
                request.caller(),
                call.bucketName(),
                call.objectKey(),
                request.queryParameter("versionId"),
                request.header("if-match"),
                ObjectLockApi.bypassGovernance(request));
    if (result.versionId() != null) {
      response.header("x-amz-version-id", result.versionId());
    }
    if (result.deleteMarker()) {
      response.header("x-amz-delete-marker", "true");
    }
    response.sendEmpty(204);
  }

  void deleteObjects(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    RequestHeaders.refuseUnimplemented(request, "x-amz-mfa");
    String body = ControlBody.read(request, true);
    XmlDocument document = XmlDocument.parse(body, "Delete");
    List<XmlDocument> objects = document.children("Object");
    if (objects.isEmpty() || objects.size() > 1000) {
      throw S3Errors.malformedXml();
    }
    boolean quiet = "true".equals(document.text("Quiet"));
    List<DeleteObjectsResult.Target> targets = new ArrayList<>();
    for (XmlDocument object : objects) {
      String key = object.exactText("Key");
      if (key == null || key.isEmpty()) {
        throw S3Errors.malformedXml();
      }
      for (String condition : List.of("LastModifiedTime", "Size")) {
        if (object.child(condition) != null) {
          throw S3Errors.notImplemented(
              "the "
                  + condition
                  + " condition of an object to delete, which S3 offers only in directory buckets");
        }
      }
      targets.add(
          new DeleteObjectsResult.Target(
              key, emptyToNull(object.text("VersionId")), object.text("ETag")));
    }
    DeleteObjectsResult result =
        s3.objects()
            .deleteObjects(
                request.caller(),
                call.bucketName(),
                targets,
                ObjectLockApi.bypassGovernance(request));
    Xml xml = S3Xml.document("DeleteResult");
    if (!quiet) {
      for (DeleteObjectsResult.Deleted deleted : result.deleted()) {
        xml.open("Deleted").element("Key", deleted.key()).element("VersionId", deleted.versionId());
        if (deleted.deleteMarker()) {
          xml.element("DeleteMarker", true)
              .element("DeleteMarkerVersionId", deleted.deleteMarkerVersionId());
        }
        xml.close("Deleted");
      }
    }
    for (DeleteObjectsResult.Failed failed : result.errors()) {
      xml.open("Error")
          .element("Key", failed.key())
          .element("VersionId", failed.versionId())
          .element("Code", failed.code())
          .element("Message", failed.message())
          .close("Error");
    }
    response.sendXml(200, xml.close("DeleteResult").toString());
  }

  void copyObject(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    RequestHeaders.refuseUnimplemented(
        request, "x-amz-website-redirect-location", "x-amz-server-side-encryption-context");
    RequestHeaders.requireStandardStorage(request);
    CustomerKey customerKey = RequestHeaders.customerKey(request);
    ChecksumAlgorithm algorithm =
        RequestHeaders.checksumAlgorithm(
            request, "x-amz-checksum-algorithm", "Checksum algorithm provided is unsupported.");
    CopySource source = CopySource.parse(request.header("x-amz-copy-source"));
    String directive = orEmpty(request.header("x-amz-metadata-directive"));
    String tagDirective = orEmpty(request.header("x-amz-tagging-directive"));
    if (!directive.isEmpty() && !directive.equals("COPY") && !directive.equals("REPLACE")) {
      throw S3Errors.invalidArgument(
          "Unknown metadata directive.", "x-amz-metadata-directive", directive);
    }
    if (!tagDirective.isEmpty()
        && !tagDirective.equals("COPY")
        && !tagDirective.equals("REPLACE")) {
      throw S3Errors.invalidArgument(
          "Unknown tagging directive.", "x-amz-tagging-directive", tagDirective);
    }
    CopyObjectResult result =
        s3.objects()
            .copyObject(
                request.caller(),
                new CopyObjectRequest(
                    source.bucket(),
                    source.key(),
                    source.versionId(),
                    RequestHeaders.preconditions(request, "x-amz-copy-source-"),
                    call.bucketName(),
                    call.objectKey(),
                    directive.equals("REPLACE"),
                    RequestHeaders.stored(request),
                    tagDirective.equals("REPLACE"),
                    RequestHeaders.tagging(request.header("x-amz-tagging")),
                    RequestHeaders.acl(request),
                    RequestHeaders.encryption(request),
                    algorithm,
                    request.header("if-match"),
                    request.header("if-none-match"),
                    RequestHeaders.sourceCustomerKey(request),
                    customerKey,
                    RequestHeaders.objectLock(request, false)));
    PutObjectResult put = result.result();
    writeResultHeaders(put, response);
    RequestHeaders.customerKeyHeaders(customerKey, response);
    if (!result.source().versionId().equals(ObjectVersion.NULL_VERSION)) {
      response.header("x-amz-copy-source-version-id", result.source().versionId());
    }
    Xml xml =
        S3Xml.document("CopyObjectResult")
            .element("ETag", put.etag())
            .element("LastModified", put.version().created());
    Checksum checksum = put.version().checksum();
    if (checksum != null) {
      xml.element("ChecksumType", checksum.type())
          .element(checksum.algorithm().element(), checksum.value());
    }
    response.sendXml(200, xml.close("CopyObjectResult").toString());
  }

  // ---- helpers ----

  static void objectHeaders(ObjectVersion version, ApiResponse response) {
    response.header("Content-Type", version.contentType());
    version
        .headers()
        .forEach((name, value) -> {
          if (!name.equals("Content-Type")) {
            response.header(name, value);
          }
        });
    if (version.etag() != null) {
      response.header("ETag", version.etag());
    }
    response.header("Last-Modified", HTTP_DATE.format(version.created()));
    response.header("Accept-Ranges", "bytes");
    if (!version.versionId().equals(ObjectVersion.NULL_VERSION)) {
      response.header("x-amz-version-id", version.versionId());
    }
    encryptionHeaders(version.encryption(), response);
    if (!version.tags().isEmpty()) {
      response.header("x-amz-tagging-count", Integer.toString(version.tags().size()));
    }
  }

  /**
   * The x-amz-checksum-* header of a 200 or partNumber answer, asked for with x-amz-checksum-mode:
   * only a checksum of exactly the bytes sent. A Range answer has none (no stored checksum covers
   * an arbitrary range); a part of a multipart object has its own checksum, when the object has
   * part checksums; the one part of a single PUT is the whole object.
   */
  static void checksumHeaders(ApiRequest request, GetObjectResult result, ApiResponse response) {
    ObjectVersion version = result.version();
    Checksum whole = version.checksum();
    if (whole == null || !"ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode"))) {
      return;
    }
    Checksum sent = whole;
    if (request.queryParameter("partNumber") != null) {
      int part = partNumber(request);
      if (version.partsCount() > 0) {
        String value =
            part <= version.segments().size() ? version.segments().get(part - 1).checksum() : null;
        sent = value == null ? null : new Checksum(whole.algorithm(), value);
      }
    } else if (result.partial()) {
      sent = null;
    }
    if (sent != null) {
      response.header(sent.algorithm().header(), sent.value());
      response.header("x-amz-checksum-type", whole.type());
    }
  }

  static void overrideHeaders(ApiRequest request, ApiResponse response) {
    OVERRIDES.forEach((parameter, header) -> {
      String value = request.queryParameter(parameter);
      if (value != null) {
        response.header(header, value);
      }
    });
  }

  static String uploadId(ApiRequest request) {
    String uploadId = request.queryParameter("uploadId");
    if (uploadId == null || uploadId.isEmpty()) {
      throw S3Errors.noSuchUpload(orEmpty(uploadId));
    }
    return uploadId;
  }

  static int partNumber(ApiRequest request) {
    String text = request.queryParameter("partNumber");
    try {
      return Integer.parseInt(orEmpty(text));
    } catch (NumberFormatException e) {
      throw S3Errors.invalidArgument(
          "Part number must be an integer between 1 and 10000, inclusive",
          "partNumber",
          orEmpty(text));
    }
  }

  static int limit(ApiRequest request, String name, int max) {
    return Math.min(intParameter(request, name, max), max);
  }

  static int intParameter(ApiRequest request, String name, int fallback) {
    String text = request.queryParameter(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw S3Errors.invalidArgument(
          "Provided " + name + " not an integer or within integer range", name, text);
    }
  }

  static boolean encodingType(ApiRequest request) {
    String type = request.queryParameter("encoding-type");
    if (type == null) {
      return false;
    }
    if (!type.equals("url")) {
      throw S3Errors.invalidArgument(
          "Invalid Encoding Method specified in Request", "encoding-type", type);
    }
    return true;
  }

  static String orEmpty(@Nullable String text) {
    return text == null ? "" : text;
  }

  static @Nullable String emptyToNull(@Nullable String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  /** The x-amz-copy-source header: {@code [/]bucket/url-encoded-key[?versionId=…]}. */
  record CopySource(String bucket, String key, @Nullable String versionId) {
    static CopySource parse(@Nullable String header) {
      if (header == null || header.isBlank()) {
        throw S3Errors.invalidArgument(
            "Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
            "x-amz-copy-source",
            orEmpty(header));
      }
      String text = header.trim();
      String versionId = null;
      int query = text.indexOf("?versionId=");
      if (query >= 0) {
        versionId = text.substring(query + "?versionId=".length());
        text = text.substring(0, query);
      }
      if (text.startsWith("/")) {
        text = text.substring(1);
      }
      int slash = text.indexOf('/');
      if (slash <= 0 || slash == text.length() - 1) {
        throw S3Errors.invalidArgument(
            "Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
            "x-amz-copy-source",
            header);
      }
      try {
        return new CopySource(
            PercentDecoding.path(text.substring(0, slash)),
            PercentDecoding.path(text.substring(slash + 1)),
            versionId);
      } catch (PercentDecoding.Malformed e) {
        throw S3Errors.invalidArgument(
            "Invalid copy source encoding: " + e.getMessage(), "x-amz-copy-source", header);
      }
    }
  }
}
