package ferry.s3.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.aws.AwsException;
import ferry.s3.S3Errors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A browser POST's policy document: when it expires and the conditions every form field must meet.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html">Creating
 *     a POST policy</a>
 */
public record PostPolicy(Instant expiration, List<PostPolicy.Condition> conditions) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public PostPolicy {
    conditions = List.copyOf(conditions);
  }

  /** One condition of the policy; field names are compared without case, values exactly. */
  public sealed interface Condition {
    /** The form field it names, lower-case and without the {@code $}; null for a length range. */
    @Nullable String field();

    /** As the condition was written, for the message when it fails. */
    String text();
  }

  public record Exact(String field, String value, String text) implements Condition {}

  public record StartsWith(String field, String prefix, String text) implements Condition {}

  public record LengthRange(long min, long max, String text) implements Condition {
    @Override
    public @Nullable String field() {
      return null;
    }
  }

  /** Decodes and parses the base64 {@code policy} field; InvalidPolicyDocument when it is not. */
  public static PostPolicy parse(String base64) {
    byte[] json;
    try {
      json = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw invalid("Invalid Policy: Invalid Base64 Encoding.");
    }
    JsonNode root;
    try {
      root = JSON.readTree(new String(json, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw invalid("Invalid Policy: Invalid JSON.");
    }
    if (root == null || !root.isObject()) {
      throw invalid("Invalid Policy: Invalid JSON.");
    }
    JsonNode expiration = root.get("expiration");
    if (expiration == null) {
      throw invalid("Invalid Policy: Policy missing expiration.");
    }
    Instant expires;
    try {
      expires = Instant.parse(expiration.asText());
    } catch (DateTimeParseException e) {
      throw invalid("Invalid Policy: Invalid 'expiration' value: '" + expiration.asText() + "'");
    }
    JsonNode list = root.get("conditions");
    if (list == null) {
      throw invalid("Invalid Policy: Policy missing conditions.");
    }
    if (!list.isArray()) {
      throw invalid("Invalid Policy: Invalid 'conditions' value.");
    }
    List<Condition> conditions = new ArrayList<>();
    for (JsonNode node : list) {
      conditions.addAll(condition(node));
    }
    return new PostPolicy(expires, conditions);
  }

  private static List<Condition> condition(JsonNode node) {
    if (node.isObject()) {
      List<Condition> exact = new ArrayList<>();
      for (var entry : node.properties()) {
        if (!entry.getValue().isValueNode()) {
          throw invalid("Invalid Policy: Invalid Simple-Condition: value must be a string.");
        }
        String name = entry.getKey();
        exact.add(
            new Exact(
                fieldName(name.startsWith("$") ? name.substring(1) : name),
                entry.getValue().asText(),
                node.toString()));
      }
      return exact;
    }
    if (!node.isArray() || node.isEmpty()) {
      throw invalid("Invalid Policy: Invalid Condition: " + node);
    }
    String operator = node.get(0).asText().toLowerCase(Locale.ROOT);
    String text = node.toString();
    if (operator.equals("content-length-range")) {
      if (node.size() != 3 || !isLength(node.get(1)) || !isLength(node.get(2))) {
        throw invalid(
            "Invalid Policy: Invalid content-length-range Condition: "
                + text
                + "; it takes a minimum and a maximum length in bytes.");
      }
      return List.of(new LengthRange(node.get(1).asLong(), node.get(2).asLong(), text));
    }
    if (node.size() != 3 || !node.get(1).isTextual() || !node.get(2).isValueNode()) {
      throw invalid("Invalid Policy: Invalid Condition: " + text);
    }
    String name = node.get(1).asText();
    if (!name.startsWith("$")) {
      throw invalid(
          "Invalid Policy: Invalid Condition: " + text + ": the field name must start with '$'.");
    }
    String field = fieldName(name.substring(1));
    String value = node.get(2).asText();
    return switch (operator) {
      case "eq" -> List.of(new Exact(field, value, text));
      case "starts-with" -> List.of(new StartsWith(field, value, text));
      default ->
          throw invalid("Invalid Policy: Invalid Condition: " + text + ": unknown operation.");
    };
  }

  private static boolean isLength(JsonNode node) {
    if (node.canConvertToLong() && node.isIntegralNumber()) {
      return node.asLong() >= 0;
    }
    return node.isTextual() && node.asText().matches("\\d{1,18}");
  }

  private static String fieldName(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The content-length-range, or null when the policy sets none. */
  public @Nullable LengthRange lengthRange() {
    LengthRange range = null;
    for (Condition condition : conditions) {
      if (condition instanceof LengthRange found) {
        range = found;
      }
    }
    return range;
  }

  /**
   * Checks the form against this policy: not expired, every condition met by the fields (the bucket
   * is the {@code bucket} field), and every field but the exempt ones named by a condition.
   *
   * @param fields the form's fields before the file, names in lower case, as sent
   */
  public void check(String bucket, Map<String, String> fields, Instant now) {
    if (!now.isBefore(expiration)) {
      throw denied("Policy expired.");
    }
    TreeSet<String> covered = new TreeSet<>();
    for (Condition condition : conditions) {
      String field = condition.field();
      if (field == null) {
        continue;
      }
      covered.add(field);
      String actual = field.equals("bucket") ? bucket : fields.get(field);
      boolean met =
          switch (condition) {
            case Exact exact -> exact.value().equals(actual);
            case StartsWith startsWith -> startsWith(field, actual, startsWith.prefix());
            case LengthRange range -> true;
          };
      if (!met) {
        throw denied("Policy Condition failed: " + condition.text());
      }
    }
    List<String> extra = new ArrayList<>();
    for (String field : fields.keySet()) {
      if (!exempt(field) && !covered.contains(field)) {
        extra.add(field);
      }
    }
    if (!extra.isEmpty()) {
      throw denied("Extra input fields: " + String.join(", ", extra));
    }
  }

  /** Content-Type may list several types, each of which must start with the prefix. */
  private static boolean startsWith(String field, @Nullable String actual, String prefix) {
    if (actual == null) {
      return prefix.isEmpty();
    }
    if (field.equals("content-type")) {
      for (String type : actual.split(",")) {
        if (!type.strip().startsWith(prefix)) {
          return false;
        }
      }
      return true;
    }
    return actual.startsWith(prefix);
  }

  /** Fields no condition has to name, as the POST policy documentation lists them. */
  private static boolean exempt(String field) {
    return field.equals("policy")
        || field.equals("x-amz-signature")
        || field.equals("signature")
        || field.equals("awsaccesskeyid")
        || field.equals("file")
        || field.startsWith("x-ignore-");
  }

  private static AwsException invalid(String message) {
    return S3Errors.invalidPolicyDocument(message);
  }

  private static AwsException denied(String why) {
    return S3Errors.accessDenied("Invalid according to Policy: " + why);
  }
}
