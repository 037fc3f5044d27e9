package ferry.s3.wire;

import ferry.auth.Authenticated;
import ferry.auth.CredentialScope;
import ferry.auth.SigV4Verifier;
import ferry.auth.StoredCredential;
import ferry.aws.Caller;
import ferry.aws.Region;
import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.s3.PutObjectRequest;
import ferry.s3.PutObjectResult;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import ferry.s3.post.PostPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * PostObject: the browser-based upload of an HTML form, signed by its policy and stored as the
 * signing principal's PutObject.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/RESTObjectPOST.html">POST
 *     Object</a>
 */
final class PostObjectApi {
  /** The most of a rejected or trailing body read to answer on a connection that stays usable. */
  private static final long MAX_DRAINED = 64L << 20;

  /** Form fields that are the object's headers under the same name. */
  private static final List<String> HEADER_FIELDS =
      List.of(
          "cache-control",
          "content-type",
          "content-disposition",
          "content-encoding",
          "content-language",
          "expires",
          "content-md5");

  private final S3Service s3;
  private final SigV4Verifier signatures;

  PostObjectApi(S3Service s3, SigV4Verifier signatures) {
    this.s3 = s3;
    this.signatures = signatures;
  }

  void postObject(S3Call call, ApiResponse response) throws IOException {
    ApiRequest request = call.request();
    String bucket = call.bucketName();
    String boundary = FormData.boundary(request.header("content-type"));
    if (boundary == null) {
      throw S3Errors.preconditionFailed(
          "Bucket POST must be of the enclosure-type multipart/form-data");
    }
    FormData.Form form = FormData.read(request.body(), boundary);
    Map<String, String> fields = form.fields();
    String keyField = fields.get("key");
    if (keyField == null) {
      throw missingField("key");
    }
    Signed signed = authenticate(request, fields);
    FormData.FilePart file = form.file();
    if (file == null) {
      throw S3Errors.invalidArgument(
          "POST requires exactly one file upload per request.", "file", "0");
    }
    PostPolicy policy = signed.policy();
    long min = 0;
    long max = S3Service.MAX_PUT_SIZE;
    if (policy != null) {
      policy.check(bucket, fields, request.caller().requestTime());
      PostPolicy.LengthRange range = policy.lengthRange();
      if (range != null) {
        min = range.min();
        max = Math.min(max, range.max());
      }
    }
    String key = keyField.replace("${filename}", file.filename());
    if (key.isEmpty()) {
      throw S3Errors.invalidArgument("User key must have a length greater than 0.", "key", key);
    }
    ApiRequest asHeaders = asHeaders(request, fields, signed.caller());
    RequestHeaders.refuseUnimplemented(
        asHeaders,
        "x-amz-website-redirect-location",
        "x-amz-server-side-encryption-context",
        "x-amz-object-lock-mode",
        "x-amz-object-lock-retain-until-date",
        "x-amz-object-lock-legal-hold");
    RequestHeaders.requireStandardStorage(asHeaders);
    RequestHeaders.refuseCustomerKeys(asHeaders);
    String tagging = fields.get("tagging");
    PutObjectResult result =
        s3.objects()
            .putObject(
                signed.caller(),
                new PutObjectRequest(
                    bucket,
                    key,
                    new SizeLimit(file.content(), min, max),
                    -1,
                    RequestHeaders.stored(asHeaders),
                    RequestHeaders.integrity(asHeaders, Map::of),
                    RequestHeaders.acl(asHeaders),
                    tagging == null ? Map.of() : S3Xml.parseTagging(tagging),
                    RequestHeaders.encryption(asHeaders),
                    null,
                    null));
    drain(request.body());
    respond(request, bucket, key, fields, result, response);
  }

  /** The caller the form is signed by, and its policy; the request's own caller without one. */
  private record Signed(Caller caller, @Nullable PostPolicy policy) {}

  private Signed authenticate(ApiRequest request, Map<String, String> fields) {
    String policy = fields.get("policy");
    String token = fields.get("x-amz-security-token");
    Caller anonymous = request.caller();
    if (policy == null) {
      for (String field : List.of("x-amz-signature", "x-amz-credential", "awsaccesskeyid")) {
        if (fields.containsKey(field)) {
          throw missingField("policy");
        }
      }
      return new Signed(anonymous, null);
    }
    Authenticated authenticated;
    String algorithm = fields.get("x-amz-algorithm");
    if (algorithm != null || fields.containsKey("x-amz-credential")) {
      if (!"AWS4-HMAC-SHA256".equals(algorithm)) {
        throw S3Errors.invalidArgument(
            "Only the AWS4-HMAC-SHA256 algorithm is supported for POST uploads signed with"
                + " Signature Version 4.",
            "x-amz-algorithm",
            algorithm == null ? "" : algorithm);
      }
      authenticated =
          signatures.verifyPostPolicy(
              required(fields, "x-amz-credential"),
              required(fields, "x-amz-date"),
              policy,
              required(fields, "x-amz-signature"),
              token,
              anonymous.requestTime());
    } else if (fields.containsKey("awsaccesskeyid")) {
      authenticated =
          signatures.verifyPostPolicyV2(
              required(fields, "awsaccesskeyid"),
              policy,
              required(fields, "signature"),
              token,
              anonymous.requestTime());
    } else {
      throw missingField("x-amz-credential");
    }
    StoredCredential credential = java.util.Objects.requireNonNull(authenticated.credential());
    CredentialScope scope = authenticated.scope();
    Region region =
        scope == null || scope.region().isBlank() ? Region.US_EAST_1 : Region.of(scope.region());
    Caller caller =
        credential.caller(
            anonymous.sourceIp(), anonymous.secureTransport(), anonymous.requestTime(), region);
    return new Signed(caller, PostPolicy.parse(policy));
  }

  private static String required(Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null) {
      throw missingField(name);
    }
    return value;
  }

  private static RuntimeException missingField(String name) {
    return S3Errors.invalidArgument(
        "Bucket POST must contain a field named '"
            + name
            + "'.  If it is specified, please check the order of the fields.",
        name,
        "");
  }

  /**
   * The form's fields as the headers a PutObject would carry, so that they are read by the same
   * rules: acl is x-amz-acl, the x-amz- fields and the stored headers keep their names.
   */
  private static ApiRequest asHeaders(ApiRequest request, Map<String, String> fields, Caller as) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    fields.forEach((name, value) -> {
      String header = name.equals("acl") ? "x-amz-acl" : name;
      boolean signing =
          name.equals("x-amz-algorithm")
              || name.equals("x-amz-credential")
              || name.equals("x-amz-date")
              || name.equals("x-amz-signature")
              || name.equals("x-amz-security-token");
      if ((header.startsWith("x-amz-") && !signing) || HEADER_FIELDS.contains(header)) {
        headers.put(header, new ArrayList<>(List.of(value)));
      }
    });
    return new ApiRequest(
        request.requestId(),
        request.method(),
        request.host(),
        request.rawPath(),
        request.query(),
        headers,
        InputStream.nullInputStream(),
        -1,
        as,
        Map::of);
  }

  /**
   * success_action_redirect: 303 to the URL with bucket, key and ETag; else success_action_status
   * 200, 201 (with a PostResponse document) or, for anything else, 204.
   */
  private static void respond(
      ApiRequest request,
      String bucket,
      String key,
      Map<String, String> fields,
      PutObjectResult result,
      ApiResponse response)
      throws IOException {
    String etag = result.etag();
    String location = location(request, bucket, key);
    response.header("ETag", etag);
    ObjectApi.writeResultHeaders(result, response);
    String redirect = fields.get("success_action_redirect");
    if (redirect == null) {
      redirect = fields.get("redirect");
    }
    URI target = redirect == null ? null : redirectTarget(redirect);
    if (target != null) {
      String separator = target.getRawQuery() == null ? "?" : "&";
      response.header(
          "Location",
          redirect
              + separator
              + "bucket="
              + encode(bucket)
              + "&key="
              + encode(key)
              + "&etag="
              + encode(etag));
      response.sendEmpty(303);
      return;
    }
    response.header("Location", location);
    String status = fields.getOrDefault("success_action_status", "204");
    switch (status) {
      case "200" -> response.sendEmpty(200);
      case "201" ->
          response.sendXml(
              201,
              S3Xml.document("PostResponse")
                  .element("Location", location)
                  .element("Bucket", bucket)
                  .element("Key", key)
                  .element("ETag", etag)
                  .close("PostResponse")
                  .toString());
      default -> response.sendEmpty(204);
    }
  }

  /** An absolute http(s) URL; S3 ignores a redirect it cannot use and answers by status. */
  private static @Nullable URI redirectTarget(String redirect) {
    try {
      URI uri = new URI(redirect);
      String scheme = uri.getScheme();
      return uri.isAbsolute() && ("http".equals(scheme) || "https".equals(scheme)) ? uri : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** The object's URL in the addressing style the request used. */
  private static String location(ApiRequest request, String bucket, String key) {
    String scheme = request.caller().secureTransport() ? "https" : "http";
    String host = request.host();
    String path = "/" + encode(key).replace("%2F", "/");
    boolean virtualHost = host.startsWith(bucket + ".");
    return scheme + "://" + host + (virtualHost ? "" : "/" + encode(bucket)) + path;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void drain(InputStream body) throws IOException {
    long drained = 0;
    byte[] buffer = new byte[8192];
    int read;
    while (drained < MAX_DRAINED && (read = body.read(buffer)) >= 0) {
      drained += read;
    }
  }

  /**
   * The file's bytes, held to the policy's content-length-range as they stream: one byte too many
   * is EntityTooLarge (after reading on, within reason, to report the size), too few at the end
   * EntityTooSmall, so nothing is stored either way.
   */
  private static final class SizeLimit extends InputStream {
    private final InputStream in;
    private final long min;
    private final long max;
    private long count;

    SizeLimit(InputStream in, long min, long max) {
      this.in = in;
      this.min = min;
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n < 0) {
        if (count < min) {
          throw S3Errors.entityTooSmall(count, min);
        }
        return n;
      }
      count += n;
      if (count > max) {
        long size = count;
        byte[] skip = new byte[8192];
        int read;
        while (size - max < MAX_DRAINED && (read = in.read(skip)) >= 0) {
          size += read;
        }
        throw S3Errors.entityTooLarge(size, max);
      }
      return n;
    }
  }
}
