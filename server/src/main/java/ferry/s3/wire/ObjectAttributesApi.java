package ferry.s3.wire;

import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.Xml;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.s3.Checksum;
import ferry.s3.ObjectAttributes;
import ferry.s3.ObjectAttributes.Attribute;
import ferry.s3.ObjectVersion;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * GetObjectAttributes on the wire: x-amz-object-attributes in, a GetObjectAttributesResponse out.
 */
final class ObjectAttributesApi {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final int DEFAULT_MAX_PARTS = 1000;

  private final S3Service s3;

  ObjectAttributesApi(S3Service s3) {
    this.s3 = s3;
  }

  void getObjectAttributes(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    RequestHeaders.refuseEncryptionOnRead(request);
    ObjectAttributes.Result result =
        s3.attributes()
            .getObjectAttributes(
                request.caller(),
                new ObjectAttributes.Request(
                    call.bucketName(),
                    call.objectKey(),
                    request.queryParameter("versionId"),
                    attributes(request.header("x-amz-object-attributes")),
                    number(request, "x-amz-max-parts", DEFAULT_MAX_PARTS),
                    number(request, "x-amz-part-number-marker", 0),
                    RequestHeaders.customerKey(request)));
    ObjectVersion version = result.version();
    response.header("Last-Modified", HTTP_DATE.format(version.created()));
    if (!version.versionId().equals(ObjectVersion.NULL_VERSION)) {
      response.header("x-amz-version-id", version.versionId());
    }
    Set<Attribute> asked = result.attributes();
    Xml xml = S3Xml.document("GetObjectAttributesResponse");
    if (asked.contains(Attribute.ETag)) {
      // Unlike the ETag header, the element carries no quotes.
      xml.element("ETag", version.etag().replace("\"", ""));
    }
    Checksum checksum = version.checksum();
    if (asked.contains(Attribute.Checksum) && checksum != null) {
      xml.open("Checksum")
          .element(checksum.algorithm().element(), checksum.value())
          .element("ChecksumType", checksum.type())
          .close("Checksum");
    }
    if (asked.contains(Attribute.ObjectParts) && result.totalParts() > 0) {
      xml.open("ObjectParts")
          .element("PartsCount", Integer.toString(result.totalParts()))
          .element("PartNumberMarker", Integer.toString(result.partNumberMarker()))
          .element("NextPartNumberMarker", Integer.toString(result.nextPartNumberMarker()))
          .element("MaxParts", Integer.toString(result.maxParts()))
          .element("IsTruncated", Boolean.toString(result.truncated()));
      for (ObjectAttributes.Part part : result.parts()) {
        xml.open("Part")
            .element("PartNumber", Integer.toString(part.partNumber()))
            .element("Size", Long.toString(part.size()));
        if (part.checksum() != null && checksum != null) {
          xml.element(checksum.algorithm().element(), part.checksum());
        }
        xml.close("Part");
      }
      xml.close("ObjectParts");
    }
    if (asked.contains(Attribute.StorageClass)) {
      xml.element("StorageClass", "STANDARD");
    }
    if (asked.contains(Attribute.ObjectSize)) {
      xml.element("ObjectSize", Long.toString(version.size()));
    }
    response.sendXml(200, xml.close("GetObjectAttributesResponse").toString());
  }

  /** The comma-separated attribute names; one S3 does not know is InvalidArgument. */
  static Set<Attribute> attributes(@Nullable String header) {
    Set<Attribute> attributes = EnumSet.noneOf(Attribute.class);
    if (header == null || header.isBlank()) {
      return attributes;
    }
    for (String name : header.split(",")) {
      try {
        attributes.add(Attribute.valueOf(name.strip()));
      } catch (IllegalArgumentException e) {
        throw S3Errors.invalidArgument(
            "Invalid attribute name specified.", "x-amz-object-attributes", name.strip());
      }
    }
    return attributes;
  }

  private static int number(ApiRequest request, String header, int absent) {
    String value = request.header(header);
    if (value == null) {
      return absent;
    }
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw S3Errors.invalidArgument(
        "Provided " + header + " not an integer or within integer range", header, value);
  }
}
