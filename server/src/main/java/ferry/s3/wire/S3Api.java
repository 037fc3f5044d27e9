package ferry.s3.wire;

import static ferry.protocol.restxml.S3Route.Target.BUCKET;
import static ferry.protocol.restxml.S3Route.Target.OBJECT;
import static ferry.protocol.restxml.S3Route.Target.SERVICE;

import ferry.aws.Region;
import ferry.aws.WireProtocol;
import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.ServiceApi;
import ferry.protocol.Xml;
import ferry.protocol.XmlDocument;
import ferry.protocol.restxml.S3Address;
import ferry.protocol.restxml.S3Route;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.protocol.restxml.S3Router;
import ferry.s3.Bucket;
import ferry.s3.ByteRange;
import ferry.s3.CanonicalUser;
import ferry.s3.DeleteObjectResult;
import ferry.s3.GetObjectRequest;
import ferry.s3.GetObjectResult;
import ferry.s3.ListObjectsRequest;
import ferry.s3.ListObjectsResult;
import ferry.s3.ObjectOwnership;
import ferry.s3.ObjectVersion;
import ferry.s3.PutObjectRequest;
import ferry.s3.PutObjectResult;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** S3's REST-XML binding: the routing table and one small method per operation. */
public final class S3Api implements ServiceApi {
  static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
  private static final List<String> STORED_HEADERS =
      List.of(
          "Content-Type",
          "Cache-Control",
          "Content-Disposition",
          "Content-Encoding",
          "Content-Language",
          "Expires");

  private final S3Service s3;
  private final S3Router router;

  public S3Api(S3Service s3) {
    this.s3 = s3;
    this.router =
        new S3Router(
            List.of(
                route("GET", SERVICE, null, this::listBuckets),
                route("PUT", BUCKET, null, this::createBucket),
                route("HEAD", BUCKET, null, this::headBucket),
                route("DELETE", BUCKET, null, this::deleteBucket),
                route("GET", BUCKET, "location", this::getBucketLocation),
                route("GET", BUCKET, null, this::listObjects),
                route("PUT", OBJECT, null, this::putObject),
                route("GET", OBJECT, null, this::getObject),
                route("HEAD", OBJECT, null, this::headObject),
                route("DELETE", OBJECT, null, this::deleteObject)));
  }

  private static S3Route route(
      String method, S3Route.Target target, @Nullable String subresource, S3Route.Handler handler) {
    return new S3Route(method, target, subresource, null, handler);
  }

  @Override
  public String signingName() {
    return "s3";
  }

  @Override
  public WireProtocol protocol() {
    return WireProtocol.REST_XML;
  }

  @Override
  public void serve(ApiRequest request, ApiResponse response) throws IOException {
    S3Address address = S3Address.of(request.host(), request.rawPath());
    S3Route route = router.route(request, address);
    route.handler().handle(new S3Call(request, address.bucket(), address.key()), response);
  }

  // ---- service and buckets ----

  private void listBuckets(S3Call call, ApiResponse response) throws IOException {
    var caller = call.request().caller();
    List<Bucket> buckets = s3.listBuckets(caller);
    Xml xml = Xml.document().open("ListAllMyBucketsResult", "xmlns", NAMESPACE).open("Buckets");
    for (Bucket bucket : buckets) {
      xml.open("Bucket")
          .element("Name", bucket.name())
          .element("CreationDate", bucket.created())
          .element("BucketRegion", bucket.region().name())
          .close("Bucket");
    }
    xml.close("Buckets");
    owner(xml, caller.account());
    response.sendXml(200, xml.close("ListAllMyBucketsResult").toString());
  }

  private void createBucket(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    Region region = Region.US_EAST_1;
    String body = request.bodyText(64 * 1024).trim();
    if (!body.isEmpty()) {
      String constraint =
          XmlDocument.parse(body, "CreateBucketConfiguration").text("LocationConstraint");
      if (constraint != null && !constraint.isEmpty()) {
        region = Region.of(constraint);
      }
    }
    String ownershipHeader = request.header("x-amz-object-ownership");
    ObjectOwnership ownership = ObjectOwnership.BUCKET_OWNER_ENFORCED;
    if (ownershipHeader != null) {
      ObjectOwnership parsed = ObjectOwnership.fromWire(ownershipHeader);
      if (parsed == null) {
        throw S3Errors.invalidArgument(
            "Invalid x-amz-object-ownership header: " + ownershipHeader,
            "x-amz-object-ownership",
            ownershipHeader);
      }
      ownership = parsed;
    }
    Bucket bucket = s3.createBucket(request.caller(), call.bucketName(), region, ownership);
    response.header("Location", "/" + bucket.name());
    response.sendEmpty(200);
  }

  private void headBucket(S3Call call, ApiResponse response) throws IOException {
    Bucket bucket = s3.headBucket(call.request().caller(), call.bucketName());
    response.header("x-amz-bucket-region", bucket.region().name());
    response.sendEmpty(200);
  }

  private void deleteBucket(S3Call call, ApiResponse response) throws IOException {
    s3.deleteBucket(call.request().caller(), call.bucketName());
    response.sendEmpty(204);
  }

  private void getBucketLocation(S3Call call, ApiResponse response) throws IOException {
    Bucket bucket = s3.headBucket(call.request().caller(), call.bucketName());
    String region = bucket.region().equals(Region.US_EAST_1) ? "" : bucket.region().name();
    response.sendXml(
        200,
        Xml.document()
            .open("LocationConstraint", "xmlns", NAMESPACE)
            .text(region)
            .close("LocationConstraint")
            .toString());
  }

  private void listObjects(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    boolean v2 = "2".equals(request.queryParameter("list-type"));
    boolean urlEncoded = "url".equals(request.queryParameter("encoding-type"));
    String prefix = orEmpty(request.queryParameter("prefix"));
    String delimiter = request.queryParameter("delimiter");
    int maxKeys = maxKeys(request.queryParameter("max-keys"));
    String startAfter = orEmpty(request.queryParameter(v2 ? "start-after" : "marker"));
    String token = request.queryParameter("continuation-token");
    String after = startAfter;
    if (v2 && token != null) {
      after = max(after, ContinuationTokens.decode(token));
    }
    ListObjectsResult result =
        s3.listObjects(
            request.caller(),
            new ListObjectsRequest(call.bucketName(), prefix, delimiter, maxKeys, after));
    boolean fetchOwner = !v2 || "true".equals(request.queryParameter("fetch-owner"));
    Xml xml =
        Xml.document()
            .open("ListBucketResult", "xmlns", NAMESPACE)
            .element("Name", call.bucketName())
            .element("Prefix", encode(prefix, urlEncoded));
    if (v2) {
      xml.element("KeyCount", result.objects().size() + result.commonPrefixes().size());
      if (token != null) {
        xml.element("ContinuationToken", token);
      }
      if (result.truncated() && result.nextStartAfter() != null) {
        xml.element("NextContinuationToken", ContinuationTokens.encode(result.nextStartAfter()));
      }
      if (!startAfter.isEmpty()) {
        xml.element("StartAfter", encode(startAfter, urlEncoded));
      }
    } else {
      xml.element("Marker", encode(startAfter, urlEncoded));
      if (result.truncated() && delimiter != null && result.nextStartAfter() != null) {
        xml.element("NextMarker", encode(result.nextStartAfter(), urlEncoded));
      }
    }
    xml.element("MaxKeys", maxKeys);
    if (delimiter != null) {
      xml.element("Delimiter", encode(delimiter, urlEncoded));
    }
    if (urlEncoded) {
      xml.element("EncodingType", "url");
    }
    xml.element("IsTruncated", result.truncated());
    for (ObjectVersion object : result.objects()) {
      xml.open("Contents")
          .element("Key", encode(object.key(), urlEncoded))
          .element("LastModified", object.created())
          .element("ETag", object.etag())
          .element("Size", object.size())
          .element("StorageClass", "STANDARD");
      if (fetchOwner) {
        owner(xml, object.owner());
      }
      xml.close("Contents");
    }
    for (String common : result.commonPrefixes()) {
      xml.open("CommonPrefixes")
          .element("Prefix", encode(common, urlEncoded))
          .close("CommonPrefixes");
    }
    response.sendXml(200, xml.close("ListBucketResult").toString());
  }

  // ---- objects ----

  private void putObject(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    Map<String, String> stored = new LinkedHashMap<>();
    for (String name : STORED_HEADERS) {
      String value = request.header(name);
      if (value != null) {
        stored.put(name, value);
      }
    }
    request
        .headers()
        .forEach((name, values) -> {
          if (name.startsWith("x-amz-meta-")) {
            stored.put(name, String.join(",", values));
          }
        });
    PutObjectResult result =
        s3.putObject(
            request.caller(),
            new PutObjectRequest(
                call.bucketName(),
                call.objectKey(),
                request.body(),
                request.contentLength(),
                stored,
                request.header("content-md5")));
    response.header("ETag", result.etag());
    if (result.versioned()) {
      response.header("x-amz-version-id", result.versionId());
    }
    response.sendEmpty(200);
  }

  private void getObject(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    GetObjectResult result =
        s3.getObject(
            request.caller(),
            new GetObjectRequest(
                call.bucketName(),
                call.objectKey(),
                request.queryParameter("versionId"),
                ByteRange.parse(request.header("range"))));
    objectHeaders(result.version(), response);
    overrideHeaders(request, response);
    if (result.partial()) {
      response.header(
          "Content-Range",
          "bytes "
              + result.start()
              + "-"
              + (result.start() + result.length() - 1)
              + "/"
              + result.version().size());
    }
    response.status(result.partial() ? 206 : 200);
    response.header("Content-Length", Long.toString(result.length()));
    try (InputStream in = result.body();
        OutputStream out = response.body()) {
      copy(in, out, result.length());
    }
  }

  private void headObject(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    ObjectVersion version =
        s3.headObject(
            request.caller(),
            new GetObjectRequest(
                call.bucketName(), call.objectKey(), request.queryParameter("versionId"), null));
    objectHeaders(version, response);
    response.status(200);
    response.header("Content-Length", Long.toString(version.size()));
    response.body().close();
  }

  private void deleteObject(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    DeleteObjectResult result =
        s3.deleteObject(
            request.caller(),
            call.bucketName(),
            call.objectKey(),
            request.queryParameter("versionId"));
    if (result.versionId() != null) {
      response.header("x-amz-version-id", result.versionId());
    }
    if (result.deleteMarker()) {
      response.header("x-amz-delete-marker", "true");
    }
    response.sendEmpty(204);
  }

  // ---- helpers of the binding ----

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private static void objectHeaders(ObjectVersion version, ApiResponse response) {
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
  }

  private static void overrideHeaders(ApiRequest request, ApiResponse response) {
    Map<String, String> overrides =
        Map.of(
            "response-content-type", "Content-Type",
            "response-content-language", "Content-Language",
            "response-expires", "Expires",
            "response-cache-control", "Cache-Control",
            "response-content-disposition", "Content-Disposition",
            "response-content-encoding", "Content-Encoding");
    overrides.forEach((parameter, header) -> {
      String value = request.queryParameter(parameter);
      if (value != null) {
        response.header(header, value);
      }
    });
  }

  private static void copy(InputStream in, OutputStream out, long length) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = length;
    while (left > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (read < 0) {
        throw new IOException("Object file ended " + left + " bytes early");
      }
      out.write(buffer, 0, read);
      left -= read;
    }
  }

  private static void owner(Xml xml, ferry.aws.AccountId account) {
    xml.open("Owner")
        .element("ID", CanonicalUser.idOf(account))
        .element("DisplayName", account.value())
        .close("Owner");
  }

  private static int maxKeys(@Nullable String text) {
    if (text == null) {
      return 1000;
    }
    try {
      int value = Integer.parseInt(text);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return Math.min(value, 1000);
    } catch (NumberFormatException e) {
      throw S3Errors.invalidArgument(
          "Provided max-keys not an integer or within integer range", "max-keys", text);
    }
  }

  private static String encode(String text, boolean urlEncoded) {
    return urlEncoded ? URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20") : text;
  }

  private static String orEmpty(@Nullable String text) {
    return text == null ? "" : text;
  }

  private static String max(String a, String b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
