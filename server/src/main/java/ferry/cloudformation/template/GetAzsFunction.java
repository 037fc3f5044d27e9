package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * {@code Fn::GetAZs}: the region's Availability Zones; Ferry's regions each have three, {@code
 * <region>a} to {@code <region>c}. An empty string means the stack's region.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getavailabilityzones.html">Fn::GetAZs</a>
 */
final class GetAzsFunction implements IntrinsicFunction {

  @Override
  public JsonNode apply(JsonNode argument, Evaluator evaluator) {
    JsonNode region = evaluator.resolve(argument);
    if (!region.isTextual()) {
      throw TemplateErrors.template("Fn::GetAZs requires a string argument (a region name)");
    }
    String name =
        region.asText().isEmpty() ? evaluator.context().pseudo().region() : region.asText();
    ArrayNode zones = Evaluator.NODES.arrayNode();
    for (char zone = 'a'; zone <= 'c'; zone++) {
      zones.add(name + zone);
    }
    return zones;
  }
}
