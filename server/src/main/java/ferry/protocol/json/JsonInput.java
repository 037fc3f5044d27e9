package ferry.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Typed access to a JSON 1.1 input document, with AWS's ValidationException on bad members. */
public record JsonInput(ObjectNode node) {

  public @Nullable String string(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(name, "must be a string");
    }
    return value.textValue();
  }

  public String requiredString(String name) {
    String value = string(name);
    if (value == null) {
      throw new AwsException(
          ErrorCode.sender("ValidationException", 400),
          "1 validation error detected: Value null at '"
              + lowerFirst(name)
              + "' failed to satisfy constraint: Member must not be null");
    }
    return value;
  }

  public @Nullable Integer integer(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.canConvertToInt()) {
      throw invalid(name, "must be an integer");
    }
    return value.intValue();
  }

  public @Nullable Boolean bool(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw invalid(name, "must be a boolean");
    }
    return value.booleanValue();
  }

  /** A blob member: base64 text on the wire. */
  public byte @Nullable [] blob(String name) {
    String text = string(name);
    if (text == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new AwsException(
          ErrorCode.sender("SerializationException", 400),
          "Member " + name + " is not valid base64");
    }
  }

  public List<String> strings(String name) {
    JsonNode value = node.get(name);
    List<String> items = new ArrayList<>();
    if (value == null || value.isNull()) {
      return items;
    }
    if (!value.isArray()) {
      throw invalid(name, "must be a list");
    }
    value.forEach(item -> items.add(item.asText()));
    return items;
  }

  public Map<String, String> stringMap(String name) {
    JsonNode value = node.get(name);
    Map<String, String> items = new LinkedHashMap<>();
    if (value == null || value.isNull()) {
      return items;
    }
    if (!value.isObject()) {
      throw invalid(name, "must be a map");
    }
    value.properties().forEach(entry -> items.put(entry.getKey(), entry.getValue().asText()));
    return items;
  }

  public @Nullable JsonInput object(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!(value instanceof ObjectNode object)) {
      throw invalid(name, "must be a structure");
    }
    return new JsonInput(object);
  }

  public List<JsonInput> objects(String name) {
    JsonNode value = node.get(name);
    List<JsonInput> items = new ArrayList<>();
    if (value == null || value.isNull()) {
      return items;
    }
    if (!value.isArray()) {
      throw invalid(name, "must be a list");
    }
    for (JsonNode item : value) {
      if (!(item instanceof ObjectNode object)) {
        throw invalid(name, "must be a list of structures");
      }
      items.add(new JsonInput(object));
    }
    return items;
  }

  private static AwsException invalid(String name, String constraint) {
    return new AwsException(
        ErrorCode.sender("SerializationException", 400), "Member " + name + " " + constraint);
  }

  private static String lowerFirst(String name) {
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
