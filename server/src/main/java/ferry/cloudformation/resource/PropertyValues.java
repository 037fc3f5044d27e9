package ferry.cloudformation.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A resource's resolved properties (or one nested object of them) read as its schema types them.
 * CloudFormation passes template values through as given, so a boolean or an integer may arrive as
 * its string ({@code "true"}, {@code "30"}, as parameters always do); anything else of the wrong
 * type is refused with the schema validation's message, naming the property's path.
 */
final class PropertyValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String logicalId;
  private final String path;
  private final ObjectNode node;

  private PropertyValues(String logicalId, String path, ObjectNode node) {
    this.logicalId = logicalId;
    this.path = path;
    this.node = node;
  }

  static PropertyValues of(ResourceRequest request) {
    return new PropertyValues(request.logicalId(), "#", request.properties());
  }

  static PropertyValues of(String logicalId, ObjectNode properties) {
    return new PropertyValues(logicalId, "#", properties);
  }

  boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  /** The raw value, for comparing a property's old and new value. */
  @Nullable JsonNode raw(String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value;
  }

  /** Whether the property differs between these properties and {@code other}'s. */
  boolean changed(PropertyValues other, String name) {
    JsonNode mine = raw(name);
    JsonNode theirs = other.raw(name);
    return mine == null ? theirs != null : !mine.equals(theirs);
  }

  @Nullable String string(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isNumber() || value.isBoolean()) {
      return value.asText();
    }
    throw mismatch(name, "String", value);
  }

  String requiredString(String name) {
    String value = string(name);
    if (value == null) {
      throw HandlerErrors.propertyValidation(
          logicalId, path + ": required key [" + name + "] not found");
    }
    return value;
  }

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
    if (value.isTextual() && value.textValue().matches("-?[0-9]{1,18}")) {
      return Long.parseLong(value.textValue());
    }
    throw mismatch(name, "Integer", value);
  }

  @Nullable PropertyValues object(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      return null;
    }
    if (value instanceof ObjectNode object) {
      return new PropertyValues(logicalId, path + "/" + name, object);
    }
    throw mismatch(name, "JSONObject", value);
  }

  PropertyValues requiredObject(String name) {
    PropertyValues object = object(name);
    if (object == null) {
      throw HandlerErrors.propertyValidation(
          logicalId, path + ": required key [" + name + "] not found");
    }
    return object;
  }

  /** The objects of an array property; none when it is absent. */
  List<PropertyValues> objects(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw mismatch(name, "JSONArray", value);
    }
    List<PropertyValues> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!(item instanceof ObjectNode object)) {
        throw mismatch(name + "/" + i, "JSONObject", item);
      }
      items.add(new PropertyValues(logicalId, path + "/" + name + "/" + i, object));
    }
    return items;
  }

  /** The objects of an array property the schema allows at most {@code maxItems} of. */
  List<PropertyValues> objects(String name, int maxItems) {
    List<PropertyValues> items = objects(name);
    if (items.size() > maxItems) {
      throw HandlerErrors.propertyValidation(
          logicalId,
          path
              + "/"
              + name
              + ": expected maximum item count: "
              + maxItems
              + ", found: "
              + items.size());
    }
    return items;
  }

  /** The strings of an array property; none when it is absent. */
  List<String> strings(String name) {
    JsonNode value = raw(name);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw mismatch(name, "JSONArray", value);
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isValueNode() || item.isNull()) {
        throw mismatch(name + "/" + i, "String", item);
      }
      items.add(item.asText());
    }
    return items;
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
      try {
        return JSON.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a JSON tree always writes", e);
      }
    }
    throw mismatch(name, "JSONObject", value);
  }

  String requiredDocument(String name) {
    String value = document(name);
    if (value == null) {
      throw HandlerErrors.propertyValidation(
          logicalId, path + ": required key [" + name + "] not found");
    }
    return value;
  }

  /** A {@code [{"Key": …, "Value": …}]} tag list, in order; empty when absent. */
  Map<String, String> tags(String name) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (PropertyValues tag : objects(name)) {
      tags.put(tag.requiredString("Key"), tag.requiredString("Value"));
    }
    return tags;
  }

  /** The object as JSON text. */
  String json() {
    return node.toString();
  }

  List<String> names() {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!node.get(name).isNull()) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * Checks a nested object's keys against its schema definition: a key the definition does not have
   * is refused as schema validation refuses it, one Ferry does not implement is refused as
   * unsupported.
   */
  void check(String typeName, Set<String> known, Set<String> unsupported, String why) {
    for (String name : names()) {
      if (!known.contains(name) && !unsupported.contains(name)) {
        throw HandlerErrors.propertyValidation(
            logicalId, path + ": extraneous key [" + name + "] is not permitted");
      }
      if (unsupported.contains(name)) {
        throw HandlerErrors.unsupported(typeName, where(name), why);
      }
    }
  }

  /** The property's path, as a message names it ({@code Targets/0/DeadLetterConfig}). */
  String where(String name) {
    return path.equals("#") ? name : path.substring(2) + "/" + name;
  }

  private RuntimeException mismatch(String name, String expected, JsonNode value) {
    String found =
        switch (value.getNodeType()) {
          case STRING -> "String";
          case BOOLEAN -> "Boolean";
          case NUMBER -> value.isIntegralNumber() ? "Integer" : "BigDecimal";
          case ARRAY -> "JSONArray";
          case OBJECT -> "JSONObject";
          default -> value.getNodeType().toString();
        };
    return HandlerErrors.propertyValidation(
        logicalId, path + "/" + name + ": expected type: " + expected + ", found: " + found);
  }
}
