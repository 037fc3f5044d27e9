package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;

/**
 * {@code Ref}: a parameter's value, a pseudo parameter's, or what a resource's type returns (its
 * physical id).
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ref.html">Ref</a>
 */
final class RefFunction implements IntrinsicFunction {

  @Override
  public JsonNode apply(JsonNode argument, Evaluator evaluator) {
    if (!argument.isTextual()) {
      throw TemplateErrors.template("every Ref object must have a single String value.");
    }
    return value(argument.asText(), evaluator);
  }

  static JsonNode value(String name, Evaluator evaluator) {
    var context = evaluator.context();
    var pseudo = context.pseudo();
    switch (name) {
      case "AWS::AccountId" -> {
        return Evaluator.NODES.textNode(pseudo.accountId());
      }
      case "AWS::Region" -> {
        return Evaluator.NODES.textNode(pseudo.region());
      }
      case "AWS::StackName" -> {
        return Evaluator.NODES.textNode(pseudo.stackName());
      }
      case "AWS::StackId" -> {
        return Evaluator.NODES.textNode(pseudo.stackId());
      }
      case "AWS::Partition" -> {
        return Evaluator.NODES.textNode(pseudo.partition());
      }
      case "AWS::URLSuffix" -> {
        return Evaluator.NODES.textNode(pseudo.urlSuffix());
      }
      case "AWS::NotificationARNs" -> {
        ArrayNode arns = Evaluator.NODES.arrayNode();
        pseudo.notificationArns().forEach(arns::add);
        return arns;
      }
      case "AWS::NoValue" -> {
        return MissingNode.getInstance();
      }
      default -> {}
    }
    JsonNode parameter = context.parameters().values().get(name);
    if (parameter != null) {
      return parameter;
    }
    if (evaluator.template().resource(name) == null || !evaluator.includes(name)) {
      throw TemplateErrors.unresolvedDependencies(List.of(name), "Resources");
    }
    String physicalId = context.resources().physicalId(name);
    if (physicalId == null) {
      throw TemplateErrors.template("resource " + name + " has not been created");
    }
    return Evaluator.NODES.textNode(physicalId);
  }
}
