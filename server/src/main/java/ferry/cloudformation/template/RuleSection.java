package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.cloudformation.template.RuleDeclaration.Assertion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A template's {@code Rules} read into declarations. */
final class RuleSection {
  private RuleSection() {}

  static Map<String, RuleDeclaration> read(ObjectNode section) {
    Map<String, RuleDeclaration> rules = new LinkedHashMap<>();
    for (var entry : section.properties()) {
      String name = entry.getKey();
      JsonNode node = entry.getValue();
      JsonNode assertions = node.get("Assertions");
      if (!node.isObject() || assertions == null || !assertions.isArray()) {
        throw TemplateErrors.format(
            "Every Rules member must contain an Assertions list. Rule " + name + " is malformed.");
      }
      List<Assertion> list = new ArrayList<>();
      for (JsonNode assertion : assertions) {
        JsonNode test = assertion.get("Assert");
        if (test == null) {
          throw TemplateErrors.format("Every Assertions member must contain an Assert object.");
        }
        JsonNode description = assertion.get("AssertDescription");
        list.add(new Assertion(test, description == null ? null : description.asText()));
      }
      rules.put(name, new RuleDeclaration(name, node.get("RuleCondition"), list));
    }
    return rules;
  }
}
