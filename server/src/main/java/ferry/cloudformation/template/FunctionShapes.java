package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks, before anything is evaluated, that every intrinsic function in a template is one AWS
 * knows and has the shape of argument it takes, with the message AWS gives when it is not.
 */
final class FunctionShapes {
  private FunctionShapes() {}

  static void check(Template template) {
    for (ResourceDeclaration resource : template.resources().values()) {
      walk(resource.properties());
    }
    for (OutputDeclaration output : template.outputs().values()) {
      walk(output.value());
      if (output.exportName() != null) {
        walk(output.exportName());
      }
    }
    template.conditions().values().forEach(FunctionShapes::walk);
  }

  private static void walk(JsonNode node) {
    if (node.isObject() && node.size() == 1) {
      var entry = node.properties().iterator().next();
      if (IntrinsicFunctions.isFunctionName(entry.getKey())) {
        shape(entry.getKey(), entry.getValue());
      }
    }
    node.forEach(FunctionShapes::walk);
  }

  private static void shape(String name, JsonNode argument) {
    if (IntrinsicFunctions.find(name) == null) {
      throw Evaluator.unsupportedFunction(name);
    }
    switch (name) {
      case "Ref" -> {
        if (!argument.isTextual()) {
          throw TemplateErrors.template("every Ref object must have a single String value.");
        }
      }
      case "Fn::GetAtt" -> {
        boolean dotted = argument.isTextual() && argument.asText().indexOf('.') > 0;
        boolean pair =
            argument.isArray()
                && argument.size() == 2
                && argument.get(0).isTextual()
                && !argument.get(0).asText().isEmpty();
        if (!dotted && !pair) {
          throw GetAttFunction.shape();
        }
      }
      case "Fn::Sub" -> {
        boolean text = argument.isTextual();
        boolean pair =
            argument.isArray()
                && argument.size() == 2
                && argument.get(0).isTextual()
                && argument.get(1).isObject();
        if (!text && !pair) {
          throw SubFunction.shape();
        }
        SubTemplate.parse(text ? argument.asText() : argument.get(0).asText());
      }
      case "Fn::If" -> {
        if (!argument.isArray() || argument.size() != 3 || !argument.get(0).isTextual()) {
          throw TemplateErrors.template("Fn::If requires a list argument with three elements");
        }
      }
      case "Fn::FindInMap" -> {
        if (!argument.isArray() || argument.size() != 3) {
          throw FindInMapFunction.shape();
        }
      }
      default -> {}
    }
  }
}
