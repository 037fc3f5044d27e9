package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Evaluates a template's {@code Conditions}, each once, in the order they refer to each other. */
final class ConditionEvaluator {
  private final Template template;
  private final Evaluator evaluator;
  private final Map<String, Boolean> values = new LinkedHashMap<>();
  private final Set<String> evaluating = new HashSet<>();

  ConditionEvaluator(Template template, Evaluator evaluator) {
    this.template = template;
    this.evaluator = evaluator;
  }

  Map<String, Boolean> evaluateAll() {
    for (String name : template.conditions().keySet()) {
      evaluate(name);
    }
    Map<String, Boolean> ordered = new LinkedHashMap<>();
    template.conditions().keySet().forEach(name -> ordered.put(name, values.get(name)));
    return Collections.unmodifiableMap(ordered);
  }

  boolean evaluate(String name) {
    Boolean known = values.get(name);
    if (known != null) {
      return known;
    }
    JsonNode condition = template.conditions().get(name);
    if (condition == null) {
      throw TemplateErrors.format(
          "Unresolved condition dependencies "
              + TemplateErrors.list(java.util.List.of(name))
              + " in the Conditions block of the template");
    }
    if (!evaluating.add(name)) {
      throw TemplateErrors.format(
          "Circular dependency between conditions: "
              + TemplateErrors.list(java.util.List.copyOf(evaluating)));
    }
    boolean value = ConditionFunctions.truth(condition, evaluator);
    evaluating.remove(name);
    values.put(name, value);
    return value;
  }
}
