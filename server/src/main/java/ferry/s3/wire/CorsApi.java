package ferry.s3.wire;

import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.Xml;
import ferry.protocol.XmlDocument;
import ferry.protocol.restxml.S3Address;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.s3.CorsConfiguration;
import ferry.s3.CorsRule;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CORS on the wire: PutBucketCors, GetBucketCors, DeleteBucketCors; the answer to a preflight
 * ({@code OPTIONS}, which botocore's model does not list); and the Access-Control headers of a
 * request that carries an Origin a rule allows.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/RESTOPTIONSobject.html">OPTIONS
 *     object</a>
 */
final class CorsApi {
  private static final Set<String> METHODS = Set.of("GET", "PUT", "HEAD", "POST", "DELETE");
  private static final String VARY =
      "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

  private final S3Service s3;

  CorsApi(S3Service s3) {
    this.s3 = s3;
  }

  void putBucketCors(S3Call call, ApiResponse response) throws IOException {
    String body = ControlBody.read(call.request(), true);
    XmlDocument document = XmlDocument.parse(body, "CORSConfiguration");
    List<CorsRule> rules = new ArrayList<>();
    for (XmlDocument rule : document.children("CORSRule")) {
      rules.add(
          new CorsRule(
              rule.text("ID"),
              texts(rule, "AllowedHeader"),
              texts(rule, "AllowedMethod"),
              texts(rule, "AllowedOrigin"),
              texts(rule, "ExposeHeader"),
              maxAge(rule.text("MaxAgeSeconds"))));
    }
    s3.cors()
        .putBucketCors(call.request().caller(), call.bucketName(), new CorsConfiguration(rules));
    response.sendEmpty(200);
  }

  void getBucketCors(S3Call call, ApiResponse response) throws IOException {
    CorsConfiguration configuration =
        s3.cors().getBucketCors(call.request().caller(), call.bucketName());
    Xml xml = S3Xml.document("CORSConfiguration");
    for (CorsRule rule : configuration.rules()) {
      xml.open("CORSRule").element("ID", rule.id());
      rule.allowedHeaders().forEach(header -> xml.element("AllowedHeader", header));
      rule.allowedMethods().forEach(method -> xml.element("AllowedMethod", method));
      rule.allowedOrigins().forEach(origin -> xml.element("AllowedOrigin", origin));
      rule.exposeHeaders().forEach(header -> xml.element("ExposeHeader", header));
      xml.element("MaxAgeSeconds", rule.maxAgeSeconds()).close("CORSRule");
    }
    response.sendXml(200, xml.close("CORSConfiguration").toString());
  }

  void deleteBucketCors(S3Call call, ApiResponse response) throws IOException {
    s3.cors().deleteBucketCors(call.request().caller(), call.bucketName());
    response.sendEmpty(204);
  }

  /**
   * A preflight: unsigned, it needs an Origin, and on a bucket with CORS rules one of the five
   * methods in Access-Control-Request-Method; the first rule allowing origin, method and every
   * requested header answers it.
   */
  void preflight(ApiRequest request, S3Address address, ApiResponse response) throws IOException {
    String origin = request.header("origin");
    if (origin == null) {
      throw S3Errors.badRequest("Insufficient information. Origin request header needed.");
    }
    String bucket = address.bucket();
    String method = request.header("access-control-request-method");
    if ((method == null || !METHODS.contains(method))
        && bucket != null
        && s3.cors().hasCors(bucket)) {
      throw S3Errors.badRequest("Invalid Access-Control-Request-Method: " + method);
    }
    List<String> headers = requestedHeaders(request);
    CorsRule rule =
        s3.cors()
            .preflight(
                bucket,
                address.key() != null,
                origin,
                method == null ? "OPTIONS" : method,
                headers);
    write(rule, origin, headers, response);
    response.sendEmpty(200);
  }

  /**
   * The Access-Control headers of an actual request from an Origin a rule allows for the request's
   * method (or its Access-Control-Request-Method); set before the request is served, so that its
   * errors carry them too.
   */
  void addHeaders(ApiRequest request, String bucket, ApiResponse response) {
    String origin = request.header("origin");
    if (origin == null) {
      return;
    }
    String requested = request.header("access-control-request-method");
    String method = requested == null ? request.method() : requested;
    s3.cors()
        .forRequest(bucket, origin, method)
        .ifPresent(rule -> write(rule, origin, List.of(), response));
  }

  private static void write(
      CorsRule rule, String origin, List<String> requestedHeaders, ApiResponse response) {
    response.header("Access-Control-Allow-Origin", rule.anyOrigin() ? "*" : origin);
    if (!rule.anyOrigin()) {
      response.header("Access-Control-Allow-Credentials", "true");
    }
    response.header("Vary", VARY);
    response.header("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
    if (!requestedHeaders.isEmpty()) {
      response.header("Access-Control-Allow-Headers", String.join(", ", requestedHeaders));
    }
    if (!rule.exposeHeaders().isEmpty()) {
      response.header("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
    }
    if (rule.maxAgeSeconds() != null) {
      response.header("Access-Control-Max-Age", Integer.toString(rule.maxAgeSeconds()));
    }
  }

  /** Access-Control-Request-Headers: names in the order sent, lower case. */
  private static List<String> requestedHeaders(ApiRequest request) {
    String value = request.header("access-control-request-headers");
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split(","))
        .map(name -> name.trim().toLowerCase(Locale.ROOT))
        .filter(name -> !name.isEmpty())
        .toList();
  }

  private static List<String> texts(XmlDocument rule, String name) {
    return rule.children(name).stream().map(XmlDocument::text).toList();
  }

  private static @org.jspecify.annotations.Nullable Integer maxAge(
      @org.jspecify.annotations.Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      throw S3Errors.malformedXml();
    }
  }
}
