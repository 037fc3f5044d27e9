package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * Checks that every attribute a template reads with {@code Fn::GetAtt} or {@code
 * ${Resource.Attribute}} is one its resource's type has, as CloudFormation does before creating
 * anything.
 */
final class AttributeCheck {
  private AttributeCheck() {}

  static void check(Template template, Map<String, Set<String>> attributesByType) {
    for (ResourceDeclaration resource : template.resources().values()) {
      walk(template, attributesByType, resource.properties());
    }
    for (OutputDeclaration output : template.outputs().values()) {
      walk(template, attributesByType, output.value());
    }
  }

  private static void walk(
      Template template, Map<String, Set<String>> attributesByType, JsonNode node) {
    if (node.isObject() && node.size() == 1) {
      JsonNode getAtt = node.get("Fn::GetAtt");
      if (getAtt != null) {
        if (getAtt.isArray() && getAtt.size() == 2 && getAtt.get(1).isTextual()) {
          require(template, attributesByType, getAtt.get(0).asText(), getAtt.get(1).asText());
        }
        return;
      }
      JsonNode sub = node.get("Fn::Sub");
      if (sub != null) {
        JsonNode text = sub.isArray() ? sub.path(0) : sub;
        Set<String> local = sub.path(1).isObject() ? fieldNames(sub.get(1)) : Set.of();
        if (text.isTextual()) {
          for (var variable : SubTemplate.parse(text.asText()).variables()) {
            if (variable.isAttribute() && !local.contains(variable.name())) {
              int dot = variable.name().indexOf('.');
              require(
                  template,
                  attributesByType,
                  variable.name().substring(0, dot),
                  variable.name().substring(dot + 1));
            }
          }
        }
      }
    }
    node.forEach(child -> walk(template, attributesByType, child));
  }

  private static Set<String> fieldNames(JsonNode object) {
    Set<String> names = new java.util.HashSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void require(
      Template template,
      Map<String, Set<String>> attributesByType,
      String logicalId,
      String attribute) {
    ResourceDeclaration resource = template.resource(logicalId);
    if (resource == null) {
      return;
    }
    Set<String> attributes = attributesByType.get(resource.type());
    if (attributes != null && !attributes.contains(attribute)) {
      throw TemplateErrors.template(
          "resource "
              + logicalId
              + " does not support attribute type "
              + attribute
              + " in Fn::GetAtt");
    }
  }
}
