package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The functions on strings and lists: {@code Fn::Join}, {@code Fn::Select}, {@code Fn::Split} and
 * {@code Fn::Base64}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html">Intrinsic
 *     functions</a>
 */
final class StringFunctions {
  private StringFunctions() {}

  static Map<String, IntrinsicFunction> all() {
    return Map.of(
        "Fn::Join", StringFunctions::join,
        "Fn::Select", StringFunctions::select,
        "Fn::Split", StringFunctions::split,
        "Fn::Base64", StringFunctions::base64);
  }

  private static JsonNode join(JsonNode argument, Evaluator evaluator) {
    if (!argument.isArray() || argument.size() != 2 || !argument.get(0).isTextual()) {
      throw joinShape();
    }
    JsonNode list = evaluator.resolve(argument.get(1));
    if (!list.isArray()) {
      throw joinShape();
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : list) {
      if (!item.isValueNode() || item.isNull()) {
        throw joinShape();
      }
      items.add(item.asText());
    }
    return Evaluator.NODES.textNode(String.join(argument.get(0).asText(), items));
  }

  private static RuntimeException joinShape() {
    return TemplateErrors.template(
        "every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of"
            + " strings to be joined or a function that returns a list of strings (such as"
            + " Fn::GetAZs) to be joined.");
  }

  private static JsonNode select(JsonNode argument, Evaluator evaluator) {
    if (!argument.isArray() || argument.size() != 2) {
      throw selectShape();
    }
    JsonNode index = evaluator.resolve(argument.get(0));
    JsonNode list = evaluator.resolve(argument.get(1));
    if (!list.isArray() || !index.isValueNode()) {
      throw selectShape();
    }
    int position;
    try {
      position = Integer.parseInt(index.asText());
    } catch (NumberFormatException e) {
      throw selectShape();
    }
    if (position < 0 || position >= list.size()) {
      throw TemplateErrors.template(
          "Fn::Select cannot select nonexistent value at index " + position);
    }
    return list.get(position);
  }

  private static RuntimeException selectShape() {
    return TemplateErrors.template(
        "every Fn::Select object requires two parameters, (1) an index and (2) a list of strings"
            + " or a function that returns a list of strings");
  }

  private static JsonNode split(JsonNode argument, Evaluator evaluator) {
    if (!argument.isArray() || argument.size() != 2 || !argument.get(0).isTextual()) {
      throw splitShape();
    }
    JsonNode source = evaluator.resolve(argument.get(1));
    if (!source.isTextual()) {
      throw splitShape();
    }
    ArrayNode parts = Evaluator.NODES.arrayNode();
    String delimiter = argument.get(0).asText();
    if (delimiter.isEmpty()) {
      throw splitShape();
    }
    for (String part : source.asText().split(Pattern.quote(delimiter), -1)) {
      parts.add(part);
    }
    return parts;
  }

  private static RuntimeException splitShape() {
    return TemplateErrors.template(
        "every Fn::Split object requires two parameters, (1) a string delimiter and (2) a string"
            + " to be split or a function that returns a string to be split.");
  }

  private static JsonNode base64(JsonNode argument, Evaluator evaluator) {
    JsonNode value = evaluator.resolve(argument);
    if (!value.isValueNode() || value.isNull()) {
      throw TemplateErrors.template("every Fn::Base64 object must have a String value.");
    }
    return Evaluator.NODES.textNode(
        Base64.getEncoder().encodeToString(value.asText().getBytes(StandardCharsets.UTF_8)));
  }
}
