package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code Fn::ImportValue}: the value another stack of the account and region exports.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-importvalue.html">Fn::ImportValue</a>
 */
final class ImportValueFunction implements IntrinsicFunction {

  @Override
  public JsonNode apply(JsonNode argument, Evaluator evaluator) {
    JsonNode name = evaluator.resolve(argument);
    if (!name.isTextual()) {
      throw TemplateErrors.template("The value of every Fn::ImportValue must be a string.");
    }
    String value = evaluator.context().exports().value(name.asText());
    if (value == null) {
      throw TemplateErrors.validation("No export named " + name.asText() + " found.");
    }
    return Evaluator.NODES.textNode(value);
  }
}
