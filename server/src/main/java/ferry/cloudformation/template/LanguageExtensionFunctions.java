package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The functions of the {@code AWS::LanguageExtensions} transform: {@code Fn::ToJsonString} and
 * {@code Fn::Length}; a template without the transform may not use them.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/transform-aws-languageextensions.html">AWS::LanguageExtensions</a>
 */
final class LanguageExtensionFunctions {
  private LanguageExtensionFunctions() {}

  static Map<String, IntrinsicFunction> all() {
    return Map.of(
        "Fn::ToJsonString", LanguageExtensionFunctions::toJsonString,
        "Fn::Length", LanguageExtensionFunctions::length);
  }

  private static JsonNode toJsonString(JsonNode argument, Evaluator evaluator) {
    requireTransform("Fn::ToJsonString", evaluator);
    JsonNode value = evaluator.resolve(argument);
    if (!value.isContainerNode()) {
      throw TemplateErrors.template("Fn::ToJsonString requires a JSON object or array argument");
    }
    return Evaluator.NODES.textNode(value.toString());
  }

  private static JsonNode length(JsonNode argument, Evaluator evaluator) {
    requireTransform("Fn::Length", evaluator);
    JsonNode value = evaluator.resolve(argument);
    if (!value.isArray()) {
      throw TemplateErrors.template("Fn::Length requires a list argument");
    }
    return Evaluator.NODES.numberNode(value.size());
  }

  private static void requireTransform(String name, Evaluator evaluator) {
    if (!evaluator.template().hasLanguageExtensions()) {
      throw Evaluator.unsupportedFunction(name);
    }
  }
}
