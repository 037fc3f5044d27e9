package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.cloudformation.template.ResourceDeclaration.DeletionPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A template's JSON object read into its sections, each section's shape checked as AWS does. */
final class TemplateSections {
  static final Set<String> SECTIONS =
      Set.of(
          "AWSTemplateFormatVersion",
          "Description",
          "Metadata",
          "Parameters",
          "Mappings",
          "Conditions",
          "Rules",
          "Resources",
          "Outputs",
          "Transform",
          "Hooks");
  private static final Set<String> RESOURCE_ATTRIBUTES =
      Set.of(
          "Type",
          "Properties",
          "DependsOn",
          "Condition",
          "DeletionPolicy",
          "UpdateReplacePolicy",
          "Metadata",
          "CreationPolicy",
          "UpdatePolicy");
  private static final Set<String> OUTPUT_ATTRIBUTES =
      Set.of("Value", "Export", "Condition", "Description");

  private TemplateSections() {}

  static Template read(ObjectNode body) {
    List<String> unknown = new ArrayList<>();
    body.fieldNames()
        .forEachRemaining(name -> {
          if (!SECTIONS.contains(name)) {
            unknown.add(name);
          }
        });
    if (!unknown.isEmpty()) {
      throw TemplateErrors.format(
          "Invalid template property or properties " + TemplateErrors.list(unknown));
    }
    String version = optionalText(body, "AWSTemplateFormatVersion");
    if (version != null && !version.equals("2010-09-09")) {
      throw TemplateErrors.format("Unsupported AWSTemplateFormatVersion " + version);
    }
    String description = optionalText(body, "Description");
    if (description != null && description.length() > 1024) {
      throw TemplateErrors.format("'Description' length is greater than 1024.");
    }
    JsonNode resources = body.get("Resources");
    if (resources == null || !resources.isObject() || resources.isEmpty()) {
      throw TemplateErrors.format("At least one Resources member must be defined.");
    }
    return new Template(
        version,
        description,
        body.get("Metadata"),
        ParameterSection.read(section(body, "Parameters")),
        mappings(section(body, "Mappings")),
        members(body, "Conditions"),
        RuleSection.read(section(body, "Rules")),
        resources(section(body, "Resources")),
        outputs(section(body, "Outputs")),
        transforms(body.get("Transform")),
        body);
  }

  private static @Nullable String optionalText(ObjectNode body, String name) {
    JsonNode node = body.get(name);
    if (node == null) {
      return null;
    }
    if (!node.isValueNode() || node.isNull()) {
      throw TemplateErrors.format("Every " + name + " member must be a string.");
    }
    return node.asText();
  }

  static ObjectNode section(ObjectNode body, String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!(node instanceof ObjectNode object)) {
      throw TemplateErrors.format("Every " + name + " member must be an object.");
    }
    return object;
  }

  private static Map<String, JsonNode> members(ObjectNode body, String name) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    section(body, name).properties().forEach(e -> map.put(e.getKey(), e.getValue()));
    return map;
  }

  private static Map<String, JsonNode> mappings(ObjectNode section) {
    Map<String, JsonNode> mappings = new LinkedHashMap<>();
    for (var map : section.properties()) {
      if (!map.getValue().isObject()) {
        throw TemplateErrors.format("Every Mappings member " + map.getKey() + " must be a map");
      }
      for (var key : map.getValue().properties()) {
        if (!key.getValue().isObject()) {
          throw TemplateErrors.format("Every Mappings member " + key.getKey() + " must be a map");
        }
        for (JsonNode value : key.getValue()) {
          if (!value.isValueNode() && !value.isArray()) {
            throw TemplateErrors.format("Every Mappings attribute must be a String or a List.");
          }
        }
      }
      mappings.put(map.getKey(), map.getValue());
    }
    return mappings;
  }

  private static Map<String, ResourceDeclaration> resources(ObjectNode section) {
    Map<String, ResourceDeclaration> resources = new LinkedHashMap<>();
    for (var entry : section.properties()) {
      resources.put(entry.getKey(), resource(entry.getKey(), entry.getValue()));
    }
    return resources;
  }

  private static ResourceDeclaration resource(String logicalId, JsonNode node) {
    checkLogicalId(logicalId);
    if (!node.isObject()) {
      throw TemplateErrors.format("Any Resources member must be a JSON object.");
    }
    node.fieldNames()
        .forEachRemaining(name -> {
          if (!RESOURCE_ATTRIBUTES.contains(name)) {
            throw TemplateErrors.validation("Invalid template resource property '" + name + "'");
          }
        });
    JsonNode type = node.get("Type");
    if (type == null || !type.isTextual()) {
      throw TemplateErrors.format(
          "[/Resources/" + logicalId + "] Every Resources object must contain a Type member.");
    }
    JsonNode properties = node.get("Properties");
    if (properties != null && !properties.isNull() && !properties.isObject()) {
      throw TemplateErrors.format("Every Properties member must be an object.");
    }
    return new ResourceDeclaration(
        logicalId,
        type.asText(),
        properties instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode(),
        dependsOn(node.get("DependsOn")),
        condition(node.get("Condition")),
        policy(node.get("DeletionPolicy"), "DeletionPolicy"),
        policy(node.get("UpdateReplacePolicy"), "UpdateReplacePolicy"),
        node.get("Metadata"));
  }

  static void checkLogicalId(String logicalId) {
    if (!logicalId.matches("[A-Za-z0-9]+")) {
      throw TemplateErrors.format("Resource name " + logicalId + " is non alphanumeric.");
    }
  }

  private static List<String> dependsOn(@Nullable JsonNode node) {
    if (node == null) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    if (node.isArray()) {
      List<String> names = new ArrayList<>();
      for (JsonNode item : node) {
        if (!item.isTextual()) {
          throw TemplateErrors.format("DependsOn must be a string or list of strings.");
        }
        names.add(item.asText());
      }
      return names;
    }
    throw TemplateErrors.format("DependsOn must be a string or list of strings.");
  }

  static @Nullable String condition(@Nullable JsonNode node) {
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw TemplateErrors.format("Every Condition member must be a string.");
    }
    return node.asText();
  }

  private static DeletionPolicy policy(@Nullable JsonNode node, String attribute) {
    if (node == null) {
      return DeletionPolicy.Delete;
    }
    for (DeletionPolicy policy : DeletionPolicy.values()) {
      if (policy.name().equals(node.asText())) {
        return policy;
      }
    }
    throw TemplateErrors.format(
        "Unrecognized "
            + attribute
            + " "
            + node.asText()
            + ". Valid values are [Delete, Retain, RetainExceptOnCreate, Snapshot]");
  }

  private static Map<String, OutputDeclaration> outputs(ObjectNode section) {
    Map<String, OutputDeclaration> outputs = new LinkedHashMap<>();
    for (var entry : section.properties()) {
      String name = entry.getKey();
      JsonNode node = entry.getValue();
      if (!node.isObject() || node.get("Value") == null) {
        throw TemplateErrors.format("Every Outputs member must contain a Value object");
      }
      node.fieldNames()
          .forEachRemaining(field -> {
            if (!OUTPUT_ATTRIBUTES.contains(field)) {
              throw TemplateErrors.validation("Invalid template output property '" + field + "'");
            }
          });
      JsonNode value = node.get("Value");
      if (value.isArray() || value.isObject() && !isFunction(value)) {
        throw TemplateErrors.validation(
            "The Value field of every Outputs member must evaluate to a String and not a "
                + (value.isArray() ? "List." : "Map."));
      }
      JsonNode export = node.get("Export");
      JsonNode exportName = null;
      if (export != null) {
        exportName = export.get("Name");
        if (!export.isObject() || exportName == null || export.size() != 1) {
          throw TemplateErrors.format(
              "Output "
                  + name
                  + " is malformed. The Name field of every Export member must be specified and consist only of alphanumeric characters, colons, or hyphens.");
        }
      }
      JsonNode description = node.get("Description");
      outputs.put(
          name,
          new OutputDeclaration(
              name,
              node.get("Value"),
              exportName,
              condition(node.get("Condition")),
              description == null ? null : description.asText()));
    }
    return outputs;
  }

  private static boolean isFunction(JsonNode node) {
    return node.size() == 1 && IntrinsicFunctions.isFunctionName(node.fieldNames().next());
  }

  private static List<String> transforms(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    List<String> names = new ArrayList<>();
    if (node.isArray()) {
      for (JsonNode item : node) {
        names.add(item.isTextual() ? item.asText() : item.path("Name").asText());
      }
      return names;
    }
    names.add(node.path("Name").asText());
    return names;
  }
}
