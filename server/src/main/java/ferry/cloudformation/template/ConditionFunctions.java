package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The condition functions: {@code Fn::If}, {@code Fn::Equals}, {@code Fn::And}, {@code Fn::Or} and
 * {@code Fn::Not}. A condition operand may be {@code {"Condition": "Name"}}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-conditions.html">Condition
 *     functions</a>
 */
final class ConditionFunctions {
  private ConditionFunctions() {}

  static Map<String, IntrinsicFunction> all() {
    Map<String, IntrinsicFunction> functions = new HashMap<>();
    functions.put("Fn::If", ConditionFunctions::ifThenElse);
    functions.put("Fn::Equals", (argument, evaluator) -> bool(equals(argument, evaluator)));
    functions.put("Fn::And", (argument, evaluator) -> bool(and(argument, evaluator)));
    functions.put("Fn::Or", (argument, evaluator) -> bool(or(argument, evaluator)));
    functions.put("Fn::Not", (argument, evaluator) -> bool(not(argument, evaluator)));
    return functions;
  }

  static JsonNode bool(boolean value) {
    return Evaluator.NODES.booleanNode(value);
  }

  private static JsonNode ifThenElse(JsonNode argument, Evaluator evaluator) {
    if (!argument.isArray() || argument.size() != 3 || !argument.get(0).isTextual()) {
      throw TemplateErrors.template("Fn::If requires a list argument with three elements");
    }
    String name = argument.get(0).asText();
    if (!evaluator.template().conditions().containsKey(name)) {
      throw TemplateErrors.template("unresolved condition dependency " + name + " in Fn::If");
    }
    return evaluator.resolve(argument.get(evaluator.condition(name) ? 1 : 2));
  }

  /** A condition operand: a condition function, {@code {"Condition": name}}, or a boolean. */
  static boolean truth(JsonNode operand, Evaluator evaluator) {
    if (operand.isObject() && operand.size() == 1 && operand.has("Condition")) {
      return evaluator.condition(operand.get("Condition").asText());
    }
    JsonNode value = evaluator.resolve(operand);
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
      return Boolean.parseBoolean(value.asText());
    }
    throw TemplateErrors.template(
        "Conditions can only be boolean operations on parameters and other conditions");
  }

  static boolean equals(JsonNode argument, Evaluator evaluator) {
    if (!argument.isArray() || argument.size() != 2) {
      throw TemplateErrors.template(
          "every Fn::Equals object requires a list of 2 string parameters.");
    }
    JsonNode left = evaluator.resolve(argument.get(0));
    JsonNode right = evaluator.resolve(argument.get(1));
    if (left.isValueNode() && right.isValueNode()) {
      return left.asText().equals(right.asText());
    }
    return left.equals(right);
  }

  private static boolean and(JsonNode argument, Evaluator evaluator) {
    checkOperands(argument, "Fn::And");
    boolean all = true;
    for (JsonNode operand : argument) {
      all &= truth(operand, evaluator);
    }
    return all;
  }

  private static boolean or(JsonNode argument, Evaluator evaluator) {
    checkOperands(argument, "Fn::Or");
    boolean any = false;
    for (JsonNode operand : argument) {
      any |= truth(operand, evaluator);
    }
    return any;
  }

  private static void checkOperands(JsonNode argument, String name) {
    if (!argument.isArray() || argument.size() < 2 || argument.size() > 10) {
      throw TemplateErrors.template(
          "every "
              + name
              + " object requires a list of at least 2 and at most 10 boolean parameters.");
    }
  }

  private static boolean not(JsonNode argument, Evaluator evaluator) {
    if (!argument.isArray() || argument.size() != 1) {
      throw TemplateErrors.template("every Fn::Not object requires a list of 1 boolean parameter.");
    }
    return !truth(argument.get(0), evaluator);
  }
}
