package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code Fn::Sub}: a string whose {@code ${Name}} variables are replaced, by the given map's values
 * or as {@code Ref} and {@code Fn::GetAtt} would ({@code ${Resource.Attribute}}).
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html">Fn::Sub</a>
 */
final class SubFunction implements IntrinsicFunction {

  @Override
  public JsonNode apply(JsonNode argument, Evaluator evaluator) {
    JsonNode text = argument;
    Map<String, String> variables = new HashMap<>();
    if (argument.isArray()) {
      if (argument.size() != 2 || !argument.get(1).isObject()) {
        throw shape();
      }
      text = argument.get(0);
      for (var entry : argument.get(1).properties()) {
        JsonNode value = evaluator.resolve(entry.getValue());
        if (!value.isValueNode() || value.isNull()) {
          throw notAString(entry.getKey());
        }
        variables.put(entry.getKey(), value.asText());
      }
    }
    if (!text.isTextual()) {
      throw shape();
    }
    StringBuilder result = new StringBuilder();
    for (SubTemplate.Part part : SubTemplate.parse(text.asText()).parts()) {
      switch (part) {
        case SubTemplate.Literal literal -> result.append(literal.text());
        case SubTemplate.Variable variable -> result.append(value(variable, variables, evaluator));
      }
    }
    return Evaluator.NODES.textNode(result.toString());
  }

  private static String value(
      SubTemplate.Variable variable, Map<String, String> variables, Evaluator evaluator) {
    String name = variable.name();
    String given = variables.get(name);
    if (given != null) {
      return given;
    }
    if (variable.isAttribute()) {
      int dot = name.indexOf('.');
      return GetAttFunction.value(name.substring(0, dot), name.substring(dot + 1), evaluator);
    }
    JsonNode value = RefFunction.value(name, evaluator);
    if (!value.isValueNode() || value.isNull()) {
      throw notAString(name);
    }
    return value.asText();
  }

  private static RuntimeException notAString(String name) {
    return TemplateErrors.template(
        "variable " + name + " in Fn::Sub expression does not resolve to a string");
  }

  static RuntimeException shape() {
    return TemplateErrors.template(
        "One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a"
            + " string as first argument, and an optional second argument to specify a mapping of"
            + " values to replace in the string");
  }
}
