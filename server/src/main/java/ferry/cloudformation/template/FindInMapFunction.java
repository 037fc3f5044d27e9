package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code Fn::FindInMap}: {@code [MapName, TopLevelKey, SecondLevelKey]} of the template's {@code
 * Mappings}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap.html">Fn::FindInMap</a>
 */
final class FindInMapFunction implements IntrinsicFunction {

  @Override
  public JsonNode apply(JsonNode argument, Evaluator evaluator) {
    if (!argument.isArray() || argument.size() != 3) {
      throw shape();
    }
    String[] keys = new String[3];
    for (int i = 0; i < 3; i++) {
      JsonNode key = evaluator.resolve(argument.get(i));
      if (!key.isValueNode() || key.isNull()) {
        throw shape();
      }
      keys[i] = key.asText();
    }
    JsonNode map = evaluator.template().mappings().get(keys[0]);
    JsonNode value = map == null ? null : map.path(keys[1]).get(keys[2]);
    if (value == null) {
      throw TemplateErrors.template(
          "Unable to get mapping for " + keys[0] + "::" + keys[1] + "::" + keys[2]);
    }
    return value;
  }

  static RuntimeException shape() {
    return TemplateErrors.template(
        "every Fn::FindInMap object requires three parameters, the map name, map key and the"
            + " attribute for return value");
  }
}
