package ferry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.testing.BotocoreModels.Member;
import ferry.testing.BotocoreModels.Model;
import ferry.testing.BotocoreModels.Operation;
import ferry.testing.SignedHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Builds, from an operation of a botocore model, the request a client would send, in the model's
 * wire protocol (rest-xml, query or json), signs it with the AWS SDK's SigV4 signer and sends it.
 */
final class ModelRequests {
  static final String GUARD_BUCKET = "guard-bucket";
  static final String GUARD_KEY = "guard.txt";

  /** Which members a request carries, and how. */
  enum Variant {
    /** The required members, with plausible values. */
    FULL,
    /** None but those that select the operation (its path, its sub-resource). */
    MISSING,
    /** Every member of a simple type, each with a value of the wrong form. */
    MALFORMED
  }

  /** What came back. */
  record Answer(String operation, int status, String code, String body) {
    @Override
    public String toString() {
      return operation + " answered " + status + " " + code + ": " + body;
    }
  }

  /**
   * Operations signed for an endpoint of their own, not for the service's signing name (botocore
   * chooses them through its endpoint rules).
   */
  private static final Map<String, String> OWN_SIGNING_NAME =
      Map.of("ListDirectoryBuckets", "s3express", "WriteGetObjectResponse", "s3-object-lambda");

  /** Members that select the S3 operation (with the path and sub-resource), never left out. */
  private static final Set<String> S3_SELECTORS = Set.of("uploadId", "id", "x-amz-copy-source");

  /** Headers java.net.http sets itself. */
  private static final Set<String> RESTRICTED_HEADERS =
      Set.of("host", "content-length", "expect", "connection", "upgrade");

  private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]*)</Code>");
  private static final Pattern JSON_TYPE = Pattern.compile("\"__type\"\\s*:\\s*\"([^\"]*)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final String accessKeyId;
  private final String secretAccessKey;

  ModelRequests(URI endpoint, String accessKeyId, String secretAccessKey) {
    this.endpoint = endpoint;
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
  }

  /**
   * The operation whose name a request for this one is served under: itself, or for a deprecated
   * operation whose request is the same as a newer one's (GetBucketLifecycle and
   * GetBucketLifecycleConfiguration), the newer one.
   */
  static String servedAs(Model model, Operation operation) {
    if (!operation.deprecated() || !model.protocol().equals("rest-xml")) {
      return operation.name();
    }
    return model.operations().values().stream()
        .filter(other -> !other.deprecated())
        .filter(other -> other.method().equals(operation.method()))
        .filter(other -> other.requestUri().equals(operation.requestUri()))
        .map(Operation::name)
        .findFirst()
        .orElse(operation.name());
  }

  /** Whether leaving out the members MISSING leaves out drops a required one. */
  static boolean hasMissableRequired(Operation operation) {
    return operation.members().stream()
        .anyMatch(m -> m.required() && !m.location().equals("uri") && !selects(m));
  }

  /**
   * SSE-C headers are refused whatever their value (until SSE-C is implemented): left out of the
   * malformed requests, so the other members' handling is what those requests test.
   */
  private static boolean refusedFeature(Member member) {
    return member.locationName().contains("-customer-");
  }

  /** Whether MALFORMED sends the operation any member to get wrong, beyond its path. */
  static boolean hasMembers(Operation operation) {
    return operation.members().stream()
        .anyMatch(m -> !m.location().equals("uri") && !refusedFeature(m));
  }

  private static boolean selects(Member member) {
    return S3_SELECTORS.contains(member.locationName());
  }

  Answer send(Model model, Operation operation, Variant variant, String bucket, String key)
      throws IOException, InterruptedException {
    String signingName = OWN_SIGNING_NAME.getOrDefault(operation.name(), model.signingName());
    Map<String, String> headers = new LinkedHashMap<>();
    String method;
    String path;
    byte[] body;
    switch (model.protocol()) {
      case "rest-xml" -> {
        method = operation.method();
        StringJoiner query = new StringJoiner("&");
        String uri = operation.requestUri();
        int question = uri.indexOf('?');
        if (question >= 0) {
          query.add(uri.substring(question + 1));
          uri = uri.substring(0, question);
        }
        path =
            uri.replace("{Bucket}", bucket)
                .replace("{Key+}", key)
                .replace("{RequestRoute}", "route");
        body = new byte[0];
        for (Member member : operation.members()) {
          boolean send =
              switch (variant) {
                case FULL -> member.required() || selects(member);
                case MISSING -> selects(member) && member.required();
                case MALFORMED -> !refusedFeature(member);
              };
          if (!send || member.location().equals("uri")) {
            continue;
          }
          if (member.payload()) {
            body = payload(member, variant);
            continue;
          }
          String value = value(member, variant, bucket, key);
          if (value == null) {
            continue;
          }
          switch (member.location()) {
            case "querystring" -> query.add(encode(member.locationName()) + "=" + encode(value));
            case "header" -> {
              if (!RESTRICTED_HEADERS.contains(member.locationName().toLowerCase(Locale.ROOT))) {
                headers.put(member.locationName(), value);
              }
            }
            default -> {}
          }
        }
        if (query.length() > 0) {
          path += "?" + query;
        }
      }
      case "query" -> {
        method = "POST";
        path = "/";
        StringJoiner form = new StringJoiner("&");
        form.add("Action=" + operation.name());
        form.add("Version=" + model.apiVersion());
        if (variant != Variant.MISSING) {
          for (Member member : operation.members()) {
            if (variant == Variant.FULL && !member.required()) {
              continue;
            }
            String value = value(member, variant, bucket, key);
            if (value == null) {
              continue;
            }
            String name =
                member.type().equals("list") ? member.name() + ".member.1" : member.name();
            form.add(encode(name) + "=" + encode(value));
          }
        }
        headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        body = form.toString().getBytes(StandardCharsets.UTF_8);
      }
      case "json" -> {
        method = "POST";
        path = "/";
        ObjectNode input = JSON.createObjectNode();
        if (variant != Variant.MISSING) {
          for (Member member : operation.members()) {
            if (variant == Variant.FULL && !member.required()) {
              continue;
            }
            input.set(member.name(), jsonValue(member, variant));
          }
        }
        headers.put("X-Amz-Target", model.targetPrefix() + "." + operation.name());
        headers.put(
            "Content-Type",
            "application/x-amz-json-" + model.metadata().path("jsonVersion").asText("1.1"));
        body = JSON.writeValueAsBytes(input);
      }
      case "rest-json" -> {
        method = operation.method();
        String uri = operation.requestUri().replaceAll("\\{[^}]+\\}", "ferry-scratch");
        StringJoiner query = new StringJoiner("&");
        ObjectNode input = JSON.createObjectNode();
        if (variant != Variant.MISSING) {
          for (Member member : operation.members()) {
            if (variant == Variant.FULL && !member.required()) {
              continue;
            }
            switch (member.location()) {
              case "uri" -> {}
              case "querystring" -> {
                String value = value(member, variant, bucket, key);
                if (value != null) {
                  query.add(encode(member.locationName()) + "=" + encode(value));
                }
              }
              case "header" -> {
                String value = value(member, variant, bucket, key);
                if (value != null) {
                  headers.put(member.locationName(), value);
                }
              }
              default -> input.set(member.name(), jsonValue(member, variant));
            }
          }
        }
        path = query.length() > 0 ? uri + "?" + query : uri;
        headers.put("Content-Type", "application/json");
        body = JSON.writeValueAsBytes(input);
      }
      default -> throw new IllegalArgumentException("protocol " + model.protocol());
    }
    return exchange(operation.name(), method, path, headers, body, signingName);
  }

  private Answer exchange(
      String operation,
      String method,
      String path,
      Map<String, String> headers,
      byte[] body,
      String signingName)
      throws IOException, InterruptedException {
    boolean s3Family = signingName.startsWith("s3");
    var unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.fromValue(method))
            .uri(URI.create(endpoint.toString().replaceAll("/$", "") + path));
    headers.forEach(unsigned::putHeader);
    if (s3Family) {
      unsigned.putHeader("x-amz-content-sha256", sha256(body));
    }
    var signed =
        AwsV4HttpSigner.create()
            .sign(r ->
                r.identity(AwsCredentialsIdentity.create(accessKeyId, secretAccessKey))
                    .request(unsigned.build())
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, !s3Family)
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, !s3Family));
    HttpResponse<String> response = SignedHttp.send(signed);
    String text = response.body();
    return new Answer(operation, response.statusCode(), code(text), text);
  }

  private static String code(String body) {
    Matcher xml = XML_CODE.matcher(body);
    if (xml.find()) {
      return xml.group(1);
    }
    Matcher json = JSON_TYPE.matcher(body);
    if (json.find()) {
      String type = json.group(1);
      return type.substring(type.indexOf('#') + 1);
    }
    return "";
  }

  /** A simple value as text, for a header, a query parameter or a form field; null to skip. */
  private static String value(Member member, Variant variant, String bucket, String key) {
    boolean malformed = variant == Variant.MALFORMED;
    return switch (member.type()) {
      case "string" -> {
        if (malformed) {
          yield "!!malformed!!";
        }
        if (member.locationName().equals("x-amz-copy-source")) {
          yield bucket + "/" + key;
        }
        JsonNode allowed = member.shape().path("enum");
        yield allowed.isArray() && !allowed.isEmpty() ? allowed.get(0).asText() : "x";
      }
      case "integer", "long" -> malformed ? "notanumber" : "1";
      case "boolean" -> malformed ? "notaboolean" : "true";
      case "timestamp" -> malformed ? "notatime" : "2030-01-01T00:00:00Z";
      case "blob" -> malformed ? "%%not-base64%%" : "eA==";
      case "list" -> malformed ? "!!malformed!!" : "x";
      default -> null;
    };
  }

  /** A JSON member: plausible, or of the wrong JSON type. */
  private static JsonNode jsonValue(Member member, Variant variant) {
    boolean malformed = variant == Variant.MALFORMED;
    var nodes = JSON.getNodeFactory();
    return switch (member.type()) {
      case "string" -> {
        if (malformed) {
          yield nodes.numberNode(12345);
        }
        JsonNode allowed = member.shape().path("enum");
        yield nodes.textNode(
            allowed.isArray() && !allowed.isEmpty() ? allowed.get(0).asText() : "x");
      }
      case "integer", "long", "double", "float" ->
          malformed ? nodes.textNode("notanumber") : nodes.numberNode(1);
      case "boolean" -> malformed ? nodes.textNode("notaboolean") : nodes.booleanNode(true);
      case "timestamp" -> malformed ? nodes.textNode("notatime") : nodes.numberNode(1.9e9);
      case "blob" -> nodes.textNode(malformed ? "%%not-base64%%" : "eA==");
      case "list" -> malformed ? nodes.textNode("notalist") : nodes.arrayNode();
      case "map" -> malformed ? nodes.numberNode(5) : nodes.objectNode();
      case "structure" -> malformed ? nodes.textNode("notanobject") : nodes.objectNode();
      default -> nodes.nullNode();
    };
  }

  /** S3's body member: an empty document of the right root element, or no XML at all. */
  private static byte[] payload(Member member, Variant variant) {
    if (variant == Variant.MALFORMED) {
      return "<malformed".getBytes(StandardCharsets.UTF_8);
    }
    if (!member.type().equals("structure")) {
      return "x".getBytes(StandardCharsets.UTF_8);
    }
    String root = member.locationName();
    return ("<" + root + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"></" + root + ">")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
