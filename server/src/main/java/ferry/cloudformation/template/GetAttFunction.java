package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code Fn::GetAtt}: one attribute of a resource of the stack, {@code [Resource, Attribute]} (the
 * attribute name may itself be a function).
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getatt.html">Fn::GetAtt</a>
 */
final class GetAttFunction implements IntrinsicFunction {

  @Override
  public JsonNode apply(JsonNode argument, Evaluator evaluator) {
    String resource;
    String attribute;
    if (argument.isTextual() && argument.asText().contains(".")) {
      String text = argument.asText();
      resource = text.substring(0, text.indexOf('.'));
      attribute = text.substring(text.indexOf('.') + 1);
    } else if (argument.isArray() && argument.size() == 2 && argument.get(0).isTextual()) {
      resource = argument.get(0).asText();
      JsonNode name = evaluator.resolve(argument.get(1));
      if (!name.isTextual() || name.asText().isEmpty()) {
        throw shape();
      }
      attribute = name.asText();
    } else {
      throw shape();
    }
    return Evaluator.NODES.textNode(value(resource, attribute, evaluator));
  }

  static String value(String resource, String attribute, Evaluator evaluator) {
    if (evaluator.template().resource(resource) == null) {
      throw TemplateErrors.template(
          "instance of Fn::GetAtt references undefined resource " + resource);
    }
    if (!evaluator.includes(resource)) {
      throw TemplateErrors.unresolvedDependencies(java.util.List.of(resource), "Resources");
    }
    String value = evaluator.context().resources().attribute(resource, attribute);
    if (value == null) {
      throw TemplateErrors.template(
          "resource "
              + resource
              + " does not support attribute type "
              + attribute
              + " in Fn::GetAtt");
    }
    return value;
  }

  static RuntimeException shape() {
    return TemplateErrors.template("every Fn::GetAtt object requires two non-empty parameters.");
  }
}
