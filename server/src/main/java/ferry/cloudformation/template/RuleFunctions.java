package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The functions only a template's {@code Rules} use: {@code Fn::Contains}, {@code
 * Fn::EachMemberEquals} and {@code Fn::EachMemberIn}. {@code Fn::RefAll}, {@code Fn::ValueOf} and
 * {@code Fn::ValueOfAll} read the account's EC2 resources, which Ferry does not have: they are
 * refused.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html#rules-specific-intrinsic-section-structure">Rule
 *     functions</a>
 */
final class RuleFunctions {
  private RuleFunctions() {}

  static Map<String, IntrinsicFunction> all() {
    return Map.of(
        "Fn::Contains",
        (argument, evaluator) -> {
          JsonNode[] operands = pair(argument, "Fn::Contains", evaluator);
          return ConditionFunctions.bool(texts(operands[0]).contains(operands[1].asText()));
        },
        "Fn::EachMemberEquals",
        (argument, evaluator) -> {
          JsonNode[] operands = pair(argument, "Fn::EachMemberEquals", evaluator);
          return ConditionFunctions.bool(
              texts(operands[0]).stream().allMatch(operands[1].asText()::equals));
        },
        "Fn::EachMemberIn",
        (argument, evaluator) -> {
          JsonNode[] operands = pair(argument, "Fn::EachMemberIn", evaluator);
          return ConditionFunctions.bool(texts(operands[1]).containsAll(texts(operands[0])));
        },
        "Fn::RefAll",
        refused("Fn::RefAll"),
        "Fn::ValueOf",
        refused("Fn::ValueOf"),
        "Fn::ValueOfAll",
        refused("Fn::ValueOfAll"));
  }

  private static IntrinsicFunction refused(String name) {
    return (argument, evaluator) -> {
      throw TemplateErrors.validation(
          "Ferry does not support "
              + name
              + ": it reads the account's EC2 resources, which Ferry does not have.");
    };
  }

  private static JsonNode[] pair(JsonNode argument, String name, Evaluator evaluator) {
    if (!argument.isArray() || argument.size() != 2) {
      throw TemplateErrors.template("every " + name + " object requires a list of 2 parameters.");
    }
    return new JsonNode[] {evaluator.resolve(argument.get(0)), evaluator.resolve(argument.get(1))};
  }

  private static Set<String> texts(JsonNode list) {
    Set<String> texts = new HashSet<>();
    if (list.isArray()) {
      list.forEach(item -> texts.add(item.asText()));
    } else {
      texts.add(list.asText());
    }
    return texts;
  }
}
