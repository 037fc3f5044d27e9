package ferry.cloudformation.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A resource's resolved properties (or one nested object of them) read as its type's schema types
 * them. CloudFormation passes template values through as given, so a boolean or an integer may
 * arrive as its string ({@code "true"}, {@code "30"}, as parameters always do); anything else of
 * the wrong shape is refused with the schema validation's message naming the resource and the
 * property's path ({@link HandlerErrors#propertyValidation}), and a property Ferry does not
 * implement is refused as unsupported, never ignored.
 */
final class PropertyValues {
  private final String typeName;
  private final String logicalId;
  private final String path;
  private final ObjectNode node;

  private PropertyValues(String typeName, String logicalId, String path, ObjectNode node) {
    this.typeName = typeName;
    this.logicalId = logicalId;
    this.path = path;
    this.node = node;
  }

  static PropertyValues of(ResourceSchema schema, ResourceRequest request) {
    return new PropertyValues(schema.typeName(), request.logicalId(), "#", request.properties());
  }

  /** The same resource's properties as they were before an update. */
  PropertyValues previous(ObjectNode previousProperties) {
    return new PropertyValues(typeName, logicalId, "#", previousProperties);
  }

  boolean has(String name) {
    return raw(name) != null;
  }

  /** The value, or null when absent or JSON null. */
  private @Nullable JsonNode raw(String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  /** Whether the property differs from its value in {@code other} (absent equals absent). */
  boolean changed(PropertyValues other, String name) {
    JsonNode mine = raw(name);
    JsonNode theirs = other.raw(name);
    return mine == null ? theirs != null : !mine.equals(theirs);
  }

  /** Fails unless the property is given. */
  void require(String name) {
    if (!has(name)) {
      throw missing(name);
    }
  }

  @Nullable String string(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (!value.isValueNode()) {
      throw mismatch(name, "String", value);
    }
    return value.asText();
  }

  String requiredString(String name) {
    String value = string(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  /** A boolean, given as one or (from a parameter) as the string true or false. */
  @Nullable Boolean bool(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual() && value.textValue().equalsIgnoreCase("true")) {
      return true;
    }
    if (value.isTextual() && value.textValue().equalsIgnoreCase("false")) {
      return false;
    }
    throw mismatch(name, "Boolean", value);
  }

  boolean bool(String name, boolean absent) {
    Boolean value = bool(name);
    return value == null ? absent : value;
  }

  /** An integer, given as a number or (from a parameter) as a string of digits. */
  @Nullable Integer integer(String name) {
    Long value = longValue(name);
    if (value == null) {
      return null;
    }
    if (value != value.intValue()) {
      throw mismatch(name, "Integer", node.get(name));
    }
    return value.intValue();
  }

  @Nullable Long longValue(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isTextual() && value.textValue().trim().matches("-?[0-9]{1,18}")) {
      return Long.parseLong(value.textValue().trim());
    }
    throw mismatch(name, "Integer", value);
  }

  /** A nested object, or null when absent. */
  @Nullable PropertyValues object(String name) {
    JsonNode value = raw(name);
    return value == null ? null : nested(value, at(name));
  }

  PropertyValues requiredObject(String name) {
    PropertyValues object = object(name);
    if (object == null) {
      throw missing(name);
    }
    return object;
  }

  /** The objects of an array property; none when it is absent. */
  List<PropertyValues> objects(String name) {
    List<PropertyValues> items = new ArrayList<>();
    List<JsonNode> values = items(name);
    for (int i = 0; i < values.size(); i++) {
      items.add(nested(values.get(i), at(name) + "/" + i));
    }
    return items;
  }

  /** The objects of an array property the schema allows at most {@code maxItems} of. */
  List<PropertyValues> objects(String name, int maxItems) {
    List<PropertyValues> items = objects(name);
    if (items.size() > maxItems) {
      throw invalid(
          at(name) + ": expected maximum item count: " + maxItems + ", found: " + items.size());
    }
    return items;
  }

  /** The strings of an array property; none when it is absent. */
  List<String> strings(String name) {
    List<String> strings = new ArrayList<>();
    List<JsonNode> values = items(name);
    for (int i = 0; i < values.size(); i++) {
      JsonNode item = values.get(i);
      if (!item.isValueNode() || item.isNull()) {
        throw mismatch(name + "/" + i, "String", item);
      }
      strings.add(item.asText());
    }
    return strings;
  }

  /** A string-to-string object ({@code InputPathsMap}); empty when absent. */
  Map<String, String> stringMap(String name) {
    PropertyValues object = object(name);
    Map<String, String> map = new LinkedHashMap<>();
    if (object != null) {
      for (String key : object.names()) {
        map.put(key, object.requiredString(key));
      }
    }
    return map;
  }

  /**
   * A JSON document property a schema types as {@code ["object", "string"]} (a policy, an event
   * pattern): an object is written as JSON, a string is taken as it is.
   */
  @Nullable String document(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isObject()) {
      return value.toString();
    }
    throw mismatch(name, "JSONObject", value);
  }

  String requiredDocument(String name) {
    String value = document(name);
    if (value == null) {
      throw missing(name);
    }
    return value;
  }

  /**
   * A {@code [{"Key": …, "Value": …}]} tag list, in order; empty when absent. A key given twice is
   * kept twice, for the service to refuse as it does.
   */
  List<Map.Entry<String, String>> tags(String name) {
    List<Map.Entry<String, String>> tags = new ArrayList<>();
    for (PropertyValues tag : objects(name)) {
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
    List<Map.Entry<String, String>> own = tags("Tags");
    Map<String, String> stack = new LinkedHashMap<>(stackTags);
    own.forEach(tag -> stack.remove(tag.getKey()));
    List<Map.Entry<String, String>> all = new ArrayList<>(stack.entrySet());
    all.addAll(own);
    return all;
  }

  /** The {@code Policies} property (of a role, a user): inline policies by name, with documents. */
  Map<String, String> inlinePolicies() {
    Map<String, String> policies = new LinkedHashMap<>();
    for (PropertyValues policy : objects("Policies")) {
      policy.allowing("PolicyName", "PolicyDocument");
      policies.put(policy.requiredString("PolicyName"), policy.requiredDocument("PolicyDocument"));
    }
    return policies;
  }

  /** The object as JSON text. */
  String json() {
    return node.toString();
  }

  /** The keys given a value. */
  private List<String> names() {
    List<String> names = new ArrayList<>();
    for (String name : (Iterable<String>) node::fieldNames) {
      if (has(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * Refuses a key the schema's definition of this object does not declare (it allows no others), as
   * schema validation does, and returns these properties.
   */
  PropertyValues allowing(String... keys) {
    List<String> allowed = List.of(keys);
    for (String key : (Iterable<String>) node::fieldNames) {
      if (!allowed.contains(key)) {
        throw invalid(path + ": extraneous key [" + key + "] is not permitted");
      }
    }
    return this;
  }

  /** Refuses each of {@code names} that is given: Ferry does not implement it. */
  PropertyValues refuse(String... names) {
    for (String name : names) {
      if (has(name)) {
        throw unsupported(name, "");
      }
    }
    return this;
  }

  /** Refuses each of {@code names} that is given, saying why Ferry does not implement it. */
  PropertyValues refuse(Set<String> names, String why) {
    for (String name : names) {
      if (has(name)) {
        throw unsupported(name, why);
      }
    }
    return this;
  }

  /** A property (or a value of it) whose feature Ferry does not implement, and why if known. */
  AwsException unsupported(String property, String why) {
    return HandlerErrors.unsupported(typeName, logicalId, where(property), why);
  }

  /** A malformed value, in schema validation's words ({@code #/Path: what is wrong}). */
  AwsException invalid(String message) {
    return HandlerErrors.propertyValidation(logicalId, message);
  }

  /** A value the schema's enum does not list, in schema validation's words. */
  AwsException notOneOf(String name, String value) {
    return invalid(at(name) + ": " + value + " is not a valid enum value");
  }

  /** Where a property is, as validation messages name it: {@code #/Stages/0/Name}. */
  String at(String name) {
    return path + "/" + name;
  }

  /** The property's path without the root, as an unsupported message names it. */
  String where(String name) {
    return path.equals("#") ? name : path.substring(2) + "/" + name;
  }

  private PropertyValues nested(JsonNode value, String at) {
    if (!(value instanceof ObjectNode object)) {
      throw invalid(at + ": expected type: JSONObject, found: " + kind(value));
    }
    return new PropertyValues(typeName, logicalId, at, object);
  }

  private List<JsonNode> items(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw mismatch(name, "JSONArray", value);
    }
    List<JsonNode> items = new ArrayList<>();
    value.forEach(items::add);
    return items;
  }

  private AwsException missing(String name) {
    return invalid(path + ": required key [" + name + "] not found");
  }

  private AwsException mismatch(String name, String expected, JsonNode value) {
    return invalid(at(name) + ": expected type: " + expected + ", found: " + kind(value));
  }

  /** A JSON value's type as schema validation names it (its Java class in the validator). */
  private static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case STRING, BINARY -> "String";
      case BOOLEAN -> "Boolean";
      case NUMBER -> value.isIntegralNumber() ? "Integer" : "BigDecimal";
      case ARRAY -> "JSONArray";
      case OBJECT, POJO -> "JSONObject";
      case NULL, MISSING -> "Null";
    };
  }
}
