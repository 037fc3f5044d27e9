package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;

/**
 * YAML's short-form function tags ({@code !Ref}, {@code !GetAtt}, {@code !Sub} …) in their long
 * JSON form: {@code !Sub x} is {@code {"Fn::Sub": "x"}}, {@code !GetAtt A.B} is {@code
 * {"Fn::GetAtt": ["A", "B"]}}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html">Intrinsic
 *     functions</a>
 */
final class ShortFormTags {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> FUNCTIONS =
      Set.of(
          "Sub",
          "GetAtt",
          "If",
          "Join",
          "Select",
          "Split",
          "Equals",
          "And",
          "Or",
          "Not",
          "FindInMap",
          "Base64",
          "GetAZs",
          "Cidr",
          "ImportValue",
          "Transform",
          "ToJsonString",
          "Length");

  private ShortFormTags() {}

  static JsonNode longForm(String tag, JsonNode content, Mark mark) {
    String name = tag.substring(1);
    ObjectNode function = NODES.objectNode();
    switch (name) {
      case "Ref", "Condition" -> function.set(name, content);
      case "GetAtt" -> function.set("Fn::GetAtt", getAtt(content));
      default -> {
        if (!FUNCTIONS.contains(name)) {
          throw YamlTemplateParser.notWellFormed(mark);
        }
        function.set("Fn::" + name, content);
      }
    }
    return function;
  }

  /** {@code !GetAtt Resource.Attribute}: the attribute is everything after the first dot. */
  private static JsonNode getAtt(JsonNode content) {
    if (!content.isTextual()) {
      return content;
    }
    String text = content.asText();
    int dot = text.indexOf('.');
    if (dot < 0) {
      return content;
    }
    return NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1));
  }
}
