package ferry.s3.wire;

import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.Xml;
import ferry.protocol.XmlDocument;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.s3.ByteRange;
import ferry.s3.Checksum;
import ferry.s3.ChecksumAlgorithm;
import ferry.s3.CompleteMultipartUploadRequest;
import ferry.s3.CompletedPart;
import ferry.s3.CopyPartResult;
import ferry.s3.CreateMultipartUploadRequest;
import ferry.s3.CustomerKey;
import ferry.s3.ListPartsResult;
import ferry.s3.ListUploadsResult;
import ferry.s3.MultipartUpload;
import ferry.s3.ObjectVersion;
import ferry.s3.PutObjectResult;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import ferry.s3.UploadPartCopyRequest;
import ferry.s3.UploadPartRequest;
import ferry.s3.UploadedPart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** S3's multipart uploads on the wire. */
final class MultipartApi {
  private final S3Service s3;

  MultipartApi(S3Service s3) {
    this.s3 = s3;
  }

  void listMultipartUploads(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    boolean urlEncoded = ObjectApi.encodingType(request);
    String prefix = ObjectApi.orEmpty(request.queryParameter("prefix"));
    String delimiter = ObjectApi.emptyToNull(request.queryParameter("delimiter"));
    String keyMarker = ObjectApi.orEmpty(request.queryParameter("key-marker"));
    String uploadIdMarker = ObjectApi.orEmpty(request.queryParameter("upload-id-marker"));
    int max = ObjectApi.limit(request, "max-uploads", 1000);
    ListUploadsResult result =
        s3.uploads()
            .list(
                request.caller(),
                call.bucketName(),
                prefix,
                delimiter,
                keyMarker,
                uploadIdMarker,
                max);
    Xml xml =
        S3Xml.document("ListMultipartUploadsResult")
            .element("Bucket", call.bucketName())
            .element("KeyMarker", S3Xml.encode(keyMarker, urlEncoded))
            .element("UploadIdMarker", uploadIdMarker);
    if (result.truncated()) {
      xml.element(
              "NextKeyMarker", S3Xml.encode(ObjectApi.orEmpty(result.nextKeyMarker()), urlEncoded))
          .element("NextUploadIdMarker", ObjectApi.orEmpty(result.nextUploadIdMarker()));
    }
    xml.element("Prefix", S3Xml.encode(prefix, urlEncoded));
    if (delimiter != null) {
      xml.element("Delimiter", S3Xml.encode(delimiter, urlEncoded));
    }
    xml.element("MaxUploads", max);
    if (urlEncoded) {
      xml.element("EncodingType", "url");
    }
    xml.element("IsTruncated", result.truncated());
    for (MultipartUpload upload : result.uploads()) {
      xml.open("Upload")
          .element("Key", S3Xml.encode(upload.key(), urlEncoded))
          .element("UploadId", upload.uploadId());
      initiator(xml, upload);
      S3Xml.owner(xml, upload.owner());
      xml.element("StorageClass", "STANDARD").element("Initiated", upload.initiated());
      if (upload.checksumAlgorithm() != null) {
        xml.element("ChecksumAlgorithm", upload.checksumAlgorithm().name());
      }
      xml.close("Upload");
    }
    for (String common : result.commonPrefixes()) {
      xml.open("CommonPrefixes")
          .element("Prefix", S3Xml.encode(common, urlEncoded))
          .close("CommonPrefixes");
    }
    response.sendXml(200, xml.close("ListMultipartUploadsResult").toString());
  }

  private static void initiator(Xml xml, MultipartUpload upload) {
    xml.open("Initiator")
        .element("ID", upload.initiatorArn())
        .element("DisplayName", upload.initiatorArn())
        .close("Initiator");
  }

  // ---- multipart ----

  void createMultipartUpload(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    RequestHeaders.refuseUnimplemented(
        request, "x-amz-website-redirect-location", "x-amz-server-side-encryption-context");
    RequestHeaders.requireStandardStorage(request);
    CustomerKey customerKey = RequestHeaders.customerKey(request);
    ChecksumAlgorithm algorithm =
        RequestHeaders.checksumAlgorithm(
            request, "x-amz-checksum-algorithm", "Checksum algorithm provided is unsupported.");
    boolean fullObject = fullObjectChecksum(request.header("x-amz-checksum-type"), algorithm);
    MultipartUpload upload =
        s3.uploads()
            .create(
                request.caller(),
                new CreateMultipartUploadRequest(
                    call.bucketName(),
                    call.objectKey(),
                    RequestHeaders.stored(request),
                    RequestHeaders.acl(request),
                    RequestHeaders.tagging(request.header("x-amz-tagging")),
                    RequestHeaders.encryption(request),
                    algorithm,
                    customerKey,
                    RequestHeaders.objectLock(request, false),
                    fullObject));
    ObjectApi.encryptionHeaders(upload.encryption(), response);
    RequestHeaders.customerKeyHeaders(customerKey, response);
    if (algorithm != null) {
      response.header("x-amz-checksum-algorithm", algorithm.name());
      response.header("x-amz-checksum-type", fullObject ? "FULL_OBJECT" : "COMPOSITE");
    }
    response.sendXml(
        200,
        S3Xml.document("InitiateMultipartUploadResult")
            .element("Bucket", call.bucketName())
            .element("Key", call.objectKey())
            .element("UploadId", upload.uploadId())
            .close("InitiateMultipartUploadResult")
            .toString());
  }

  /**
   * Whether an upload's checksum is FULL_OBJECT: asked for, or the only type CRC64NVME has; SHA
   * checksums are only COMPOSITE and CRC64NVME only FULL_OBJECT, as AWS documents.
   */
  private static boolean fullObjectChecksum(
      @Nullable String header, @Nullable ChecksumAlgorithm algorithm) {
    String type = header == null ? null : header.trim();
    if (type != null && !type.equals("COMPOSITE") && !type.equals("FULL_OBJECT")) {
      throw S3Errors.invalidRequest("Value for x-amz-checksum-type header is invalid.");
    }
    if (algorithm == null) {
      if (type != null) {
        throw S3Errors.invalidRequest(
            "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm"
                + " header.");
      }
      return false;
    }
    boolean fullObject = type == null ? !algorithm.allowsComposite() : type.equals("FULL_OBJECT");
    if (fullObject ? !algorithm.allowsFullObject() : !algorithm.allowsComposite()) {
      throw S3Errors.invalidRequest(
          "The "
              + (fullObject ? "FULL_OBJECT" : "COMPOSITE")
              + " checksum type cannot be used with the "
              + algorithm.name().toLowerCase(java.util.Locale.ROOT)
              + " checksum algorithm.");
    }
    return fullObject;
  }

  void uploadPart(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    long length = ObjectApi.uploadLength(request);
    CustomerKey customerKey = RequestHeaders.customerKey(request);
    UploadedPart part =
        s3.uploads()
            .uploadPart(
                request.caller(),
                new UploadPartRequest(
                    call.bucketName(),
                    call.objectKey(),
                    ObjectApi.uploadId(request),
                    ObjectApi.partNumber(request),
                    request.body(),
                    length,
                    RequestHeaders.integrity(request, request.trailers()),
                    customerKey));
    response.header("ETag", part.etag());
    RequestHeaders.customerKeyHeaders(customerKey, response);
    if (part.checksum() != null) {
      String announced = request.header("x-amz-trailer");
      for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
        if (request.header(algorithm.header()) != null
            || algorithm.header().equalsIgnoreCase(ObjectApi.orEmpty(announced).trim())
            || algorithm
                .name()
                .equalsIgnoreCase(
                    ObjectApi.orEmpty(request.header("x-amz-sdk-checksum-algorithm")))) {
          response.header(algorithm.header(), part.checksum());
        }
      }
    }
    response.sendEmpty(200);
  }

  void uploadPartCopy(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    ObjectApi.CopySource source = ObjectApi.CopySource.parse(request.header("x-amz-copy-source"));
    String rangeHeader = request.header("x-amz-copy-source-range");
    ByteRange range = null;
    if (rangeHeader != null) {
      range = ByteRange.parse(rangeHeader);
      if (range == null || range.suffix() || range.last() == Long.MAX_VALUE) {
        throw S3Errors.invalidArgument(
            "The x-amz-copy-source-range value must be of the form bytes=first-last where first"
                + " and last are the zero-based offsets of the first and last bytes to copy",
            "x-amz-copy-source-range",
            rangeHeader);
      }
    }
    CustomerKey customerKey = RequestHeaders.customerKey(request);
    CopyPartResult result =
        s3.uploads()
            .uploadPartCopy(
                request.caller(),
                new UploadPartCopyRequest(
                    call.bucketName(),
                    call.objectKey(),
                    ObjectApi.uploadId(request),
                    ObjectApi.partNumber(request),
                    source.bucket(),
                    source.key(),
                    source.versionId(),
                    range,
                    RequestHeaders.preconditions(request, "x-amz-copy-source-"),
                    RequestHeaders.sourceCustomerKey(request),
                    customerKey));
    RequestHeaders.customerKeyHeaders(customerKey, response);
    if (!result.source().versionId().equals(ObjectVersion.NULL_VERSION)) {
      response.header("x-amz-copy-source-version-id", result.source().versionId());
    }
    Xml xml =
        S3Xml.document("CopyPartResult")
            .element("ETag", result.part().etag())
            .element("LastModified", result.part().created());
    Checksum checksum = result.checksum();
    if (checksum != null) {
      xml.element(checksum.algorithm().element(), checksum.value());
    }
    response.sendXml(200, xml.close("CopyPartResult").toString());
  }

  void completeMultipartUpload(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    RequestHeaders.refuseUncomputedChecksumHeaders(request);
    Checksum expected = null;
    for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
      String value = request.header(algorithm.header());
      if (value != null) {
        if (expected != null) {
          throw S3Errors.invalidRequest(
              "Expecting a single x-amz-checksum- header. Multiple checksum Types are not"
                  + " allowed.");
        }
        expected = new Checksum(algorithm, value.trim());
      }
    }
    String type = request.header("x-amz-checksum-type");
    if (type != null && !type.trim().equals("COMPOSITE") && !type.trim().equals("FULL_OBJECT")) {
      throw S3Errors.invalidRequest("Value for x-amz-checksum-type header is invalid.");
    }
    Long objectSize = null;
    String sizeHeader = request.header("x-amz-mp-object-size");
    if (sizeHeader != null) {
      try {
        objectSize = Long.parseLong(sizeHeader.trim());
      } catch (NumberFormatException e) {
        objectSize = -1L;
      }
      if (objectSize < 0) {
        throw S3Errors.invalidArgument(
            "x-amz-mp-object-size must be a non-negative integer",
            "x-amz-mp-object-size",
            sizeHeader);
      }
    }
    String body = ControlBody.readCompletion(request);
    XmlDocument document = XmlDocument.parse(body, "CompleteMultipartUpload");
    List<CompletedPart> parts = new ArrayList<>();
    for (XmlDocument part : document.children("Part")) {
      String number = part.text("PartNumber");
      String etag = part.text("ETag");
      if (number == null || etag == null) {
        throw S3Errors.malformedXml();
      }
      Checksum checksum = null;
      for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
        String value = part.text(algorithm.element());
        if (value != null) {
          checksum = new Checksum(algorithm, value);
        }
      }
      try {
        parts.add(new CompletedPart(Integer.parseInt(number), etag, checksum));
      } catch (NumberFormatException e) {
        throw S3Errors.malformedXml();
      }
    }
    PutObjectResult result =
        s3.uploads()
            .complete(
                request.caller(),
                new CompleteMultipartUploadRequest(
                    call.bucketName(),
                    call.objectKey(),
                    ObjectApi.uploadId(request),
                    parts,
                    expected,
                    type == null ? null : type.trim(),
                    objectSize,
                    request.header("if-match"),
                    request.header("if-none-match"),
                    RequestHeaders.customerKey(request)));
    ObjectApi.writeResultHeaders(result, response);
    Xml xml =
        S3Xml.document("CompleteMultipartUploadResult")
            .element("Location", "/" + call.bucketName() + "/" + call.objectKey())
            .element("Bucket", call.bucketName())
            .element("Key", call.objectKey())
            .element("ETag", result.etag());
    Checksum checksum = result.version().checksum();
    if (checksum != null) {
      xml.element(checksum.algorithm().element(), checksum.value())
          .element("ChecksumType", checksum.type());
    }
    response.sendXml(200, xml.close("CompleteMultipartUploadResult").toString());
  }

  void abortMultipartUpload(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    RequestHeaders.refuseUnimplemented(request, "x-amz-if-match-initiated-time");
    s3.uploads()
        .abort(request.caller(), call.bucketName(), call.objectKey(), ObjectApi.uploadId(request));
    response.sendEmpty(204);
  }

  void listParts(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    int marker = ObjectApi.intParameter(request, "part-number-marker", 0);
    int max = ObjectApi.limit(request, "max-parts", 1000);
    ListPartsResult result =
        s3.uploads()
            .listParts(
                request.caller(),
                call.bucketName(),
                call.objectKey(),
                ObjectApi.uploadId(request),
                marker,
                max);
    MultipartUpload upload = result.upload();
    Xml xml =
        S3Xml.document("ListPartsResult")
            .element("Bucket", call.bucketName())
            .element("Key", call.objectKey())
            .element("UploadId", upload.uploadId())
            .element("PartNumberMarker", marker);
    if (result.truncated()) {
      xml.element("NextPartNumberMarker", result.nextPartNumberMarker());
    }
    xml.element("MaxParts", max).element("IsTruncated", result.truncated());
    initiator(xml, upload);
    S3Xml.owner(xml, upload.owner());
    xml.element("StorageClass", "STANDARD");
    if (upload.checksumAlgorithm() != null) {
      xml.element("ChecksumAlgorithm", upload.checksumAlgorithm().name());
    }
    for (UploadedPart part : result.parts()) {
      xml.open("Part")
          .element("PartNumber", part.partNumber())
          .element("LastModified", part.created())
          .element("ETag", part.etag())
          .element("Size", part.size());
      if (part.checksum() != null && upload.checksumAlgorithm() != null) {
        xml.element(upload.checksumAlgorithm().element(), part.checksum());
      }
      xml.close("Part");
    }
    response.sendXml(200, xml.close("ListPartsResult").toString());
  }
}
