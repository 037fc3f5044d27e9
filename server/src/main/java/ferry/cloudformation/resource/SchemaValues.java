package ferry.cloudformation.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The resolved properties of one resource, read as its type's schema declares them: a value of the
 * wrong shape, or one Ferry does not support, fails the resource with a message naming the resource
 * and the property, as CloudFormation's property validation does.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html">Troubleshooting
 *     CloudFormation</a>
 */
final class SchemaValues {
  private final String typeName;
  private final String logicalId;
  private final ObjectNode node;
  private final String path;

  private SchemaValues(String typeName, String logicalId, ObjectNode node, String path) {
    this.typeName = typeName;
    this.logicalId = logicalId;
    this.node = node;
    this.path = path;
  }

  static SchemaValues of(ResourceSchema schema, ResourceRequest request) {
    return new SchemaValues(schema.typeName(), request.logicalId(), request.properties(), "#");
  }

  /** The same resource's properties as they were before an update. */
  SchemaValues previous(ObjectNode previousProperties) {
    return new SchemaValues(typeName, logicalId, previousProperties, "#");
  }

  /** A nested object of these properties (an array item, a sub-structure), under its path. */
  private SchemaValues nested(JsonNode value, String at) {
    if (!value.isObject()) {
      throw invalid(at + ": expected type: JSONObject, found: " + kind(value));
    }
    return new SchemaValues(typeName, logicalId, (ObjectNode) value, at);
  }

  /** Where a property is, as validation messages name it: {@code #/Stages/0/Name}. */
  String at(String name) {
    return path + "/" + name;
  }

  boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  /** Whether the property differs from its value in {@code other} (absent equals absent). */
  boolean changed(SchemaValues other, String name) {
    JsonNode mine = node.get(name);
    JsonNode theirs = other.node.get(name);
    boolean absent = mine == null || mine.isNull();
    boolean otherAbsent = theirs == null || theirs.isNull();
    if (absent || otherAbsent) {
      return absent != otherAbsent;
    }
    return !mine.equals(theirs);
  }

  /**
   * Refuses a key the schema does not declare for this object (its definitions allow no others),
   * and returns these properties.
   */
  SchemaValues allowing(String... keys) {
    List<String> allowed = List.of(keys);
    for (String key : (Iterable<String>) node::fieldNames) {
      if (!allowed.contains(key)) {
        throw invalid(path + ": extraneous key [" + key + "] is not permitted");
      }
    }
    return this;
  }

  /** Refuses each of {@code names} that is given: Ferry does not implement it. */
  void refuse(String... names) {
    for (String name : names) {
      if (has(name)) {
        throw unsupported(name);
      }
    }
  }

  AwsException unsupported(String property) {
    return new AwsException(
        ErrorCode.sender("InvalidRequest", 400),
        "Resource "
            + logicalId
            + " of type "
            + typeName
            + " sets "
            + (path.equals("#") ? property : path.substring(2) + "/" + property)
            + ", which Ferry does not support");
  }

  @Nullable String string(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw invalid(at(name) + ": expected type: String, found: " + kind(value));
    }
    return value.asText();
  }

  String requiredString(String name) {
    String value = string(name);
    if (value == null) {
      throw invalid(path + ": required key [" + name + "] not found");
    }
    return value;
  }

  /** An integer, given as a number or (from a parameter) as a string of digits. */
  @Nullable Integer integer(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.canConvertToInt() && value.isIntegralNumber()) {
      return value.intValue();
    }
    if (value.isTextual()) {
      try {
        return Integer.parseInt(value.asText().trim());
      } catch (NumberFormatException e) {
        // Falls through to the type error below.
      }
    }
    throw invalid(at(name) + ": expected type: Integer, found: " + kind(value));
  }

  /** A boolean, given as one or (from a parameter) as the string true or false. */
  boolean bool(String name, boolean absent) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
      return Boolean.parseBoolean(value.asText());
    }
    throw invalid(at(name) + ": expected type: Boolean, found: " + kind(value));
  }

  /** A list of strings; absent is empty. */
  List<String> strings(String name) {
    List<String> values = new ArrayList<>();
    for (JsonNode item : items(name)) {
      if (!item.isValueNode() || item.isNull()) {
        throw invalid(at(name) + ": expected type: String, found: " + kind(item));
      }
      values.add(item.asText());
    }
    return values;
  }

  /** A list of objects; absent is empty. */
  List<SchemaValues> objects(String name) {
    List<SchemaValues> values = new ArrayList<>();
    int i = 0;
    for (JsonNode item : items(name)) {
      values.add(nested(item, at(name) + "/" + i++));
    }
    return values;
  }

  /** A nested object, or null when absent. */
  @Nullable SchemaValues object(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    return nested(value, at(name));
  }

  SchemaValues requiredObject(String name) {
    SchemaValues value = object(name);
    if (value == null) {
      throw invalid(path + ": required key [" + name + "] not found");
    }
    return value;
  }

  /** Fails unless the property is given. */
  void require(String name) {
    if (!has(name)) {
      throw invalid(path + ": required key [" + name + "] not found");
    }
  }

  /** A JSON document given as an object (as templates write it) or as a JSON string. */
  @Nullable String document(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isObject()) {
      return value.toString();
    }
    if (value.isTextual()) {
      return value.asText();
    }
    throw invalid(at(name) + ": expected type: JSONObject, found: " + kind(value));
  }

  String requiredDocument(String name) {
    String value = document(name);
    if (value == null) {
      throw invalid(path + ": required key [" + name + "] not found");
    }
    return value;
  }

  /** The {@code Tags} property ({@code Key}, {@code Value} pairs) in its order. */
  List<Map.Entry<String, String>> tags() {
    List<Map.Entry<String, String>> tags = new ArrayList<>();
    for (SchemaValues tag : objects("Tags")) {
      tag.allowing("Key", "Value");
      tags.add(Map.entry(tag.requiredString("Key"), tag.requiredString("Value")));
    }
    return tags;
  }

  /**
   * The stack's tags, which CloudFormation propagates to the resource, then the resource's own
   * {@code Tags}; a key the resource tags itself keeps the resource's value.
   */
  List<Map.Entry<String, String>> tagsWith(Map<String, String> stackTags) {
    List<Map.Entry<String, String>> own = tags();
    Map<String, String> merged = new LinkedHashMap<>(stackTags);
    own.forEach(tag -> merged.remove(tag.getKey()));
    List<Map.Entry<String, String>> all = new ArrayList<>(merged.entrySet());
    all.addAll(own);
    return all;
  }

  /** The {@code Policies} property: inline policies by name, each with its document. */
  Map<String, String> inlinePolicies() {
    Map<String, String> policies = new LinkedHashMap<>();
    for (SchemaValues policy : objects("Policies")) {
      policy.allowing("PolicyName", "PolicyDocument");
      policies.put(policy.requiredString("PolicyName"), policy.requiredDocument("PolicyDocument"));
    }
    return policies;
  }

  AwsException invalid(String message) {
    return new AwsException(
        ErrorCode.sender("InvalidRequest", 400),
        "Properties validation failed for resource " + logicalId + " with message: " + message);
  }

  private List<JsonNode> items(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw invalid(at(name) + ": expected type: JSONArray, found: " + kind(value));
    }
    List<JsonNode> items = new ArrayList<>();
    value.forEach(items::add);
    return items;
  }

  private static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case ARRAY -> "JSONArray";
      case OBJECT, POJO -> "JSONObject";
      case BOOLEAN -> "Boolean";
      case NUMBER -> "Number";
      case NULL, MISSING -> "Null";
      default -> "String";
    };
  }
}
