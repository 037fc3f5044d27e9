package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A template's {@code Parameters} read into declarations, each checked as AWS checks it. */
final class ParameterSection {
  private static final Set<String> PROPERTIES =
      Set.of(
          "Type",
          "Default",
          "Description",
          "NoEcho",
          "AllowedValues",
          "AllowedPattern",
          "MinLength",
          "MaxLength",
          "MinValue",
          "MaxValue",
          "ConstraintDescription");

  private ParameterSection() {}

  static Map<String, ParameterDeclaration> read(ObjectNode section) {
    Map<String, ParameterDeclaration> parameters = new LinkedHashMap<>();
    for (var entry : section.properties()) {
      parameters.put(entry.getKey(), parameter(entry.getKey(), entry.getValue()));
    }
    return parameters;
  }

  private static ParameterDeclaration parameter(String name, JsonNode node) {
    if (!node.isObject()) {
      throw TemplateErrors.format("Every Parameters member must be an object.");
    }
    node.fieldNames()
        .forEachRemaining(property -> {
          if (!PROPERTIES.contains(property)) {
            throw TemplateErrors.validation(
                "Invalid template parameter property '" + property + "'");
          }
        });
    JsonNode type = node.get("Type");
    if (type == null || !type.isTextual()) {
      throw TemplateErrors.format(
          "[/Parameters/" + name + "] Every Parameters object must contain a Type member.");
    }
    if (!ParameterTypes.isKnown(type.asText())) {
      throw TemplateErrors.format("Unrecognized parameter type: " + type.asText());
    }
    return new ParameterDeclaration(
        name,
        type.asText(),
        scalar(node, "Default"),
        scalar(node, "Description"),
        node.path("NoEcho").asText().equalsIgnoreCase("true"),
        allowedValues(node.get("AllowedValues")),
        scalar(node, "AllowedPattern"),
        integer(node, "MinLength"),
        integer(node, "MaxLength"),
        number(node, "MinValue"),
        number(node, "MaxValue"),
        scalar(node, "ConstraintDescription"));
  }

  private static @Nullable String scalar(JsonNode node, String property) {
    JsonNode value = node.get(property);
    if (value == null) {
      return null;
    }
    if (value.isArray() && property.equals("Default")) {
      // A list parameter's default may be written as a YAML list.
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(item.asText()));
      return String.join(",", items);
    }
    if (!value.isValueNode() || value.isNull()) {
      throw TemplateErrors.format("Every " + property + " member must be a string.");
    }
    return value.asText();
  }

  private static List<String> allowedValues(@Nullable JsonNode node) {
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      throw TemplateErrors.format("Every AllowedValues member must be a list.");
    }
    List<String> values = new ArrayList<>();
    node.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static @Nullable Integer integer(JsonNode node, String property) {
    String text = scalar(node, property);
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      throw TemplateErrors.format("Every " + property + " member must be an integer.");
    }
  }

  private static @Nullable BigDecimal number(JsonNode node, String property) {
    String text = scalar(node, property);
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw TemplateErrors.format("Every " + property + " member must be a number.");
    }
  }
}
