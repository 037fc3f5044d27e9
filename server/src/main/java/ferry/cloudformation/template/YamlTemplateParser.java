package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses a YAML template into JSON: YAML 1.1 scalars (so an unquoted {@code yes} is {@code true},
 * as CloudFormation reads it), anchors, aliases and merge keys, duplicate keys refused, and the
 * short-form tags turned into their long form by {@link ShortFormTags}.
 */
final class YamlTemplateParser {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9_]*)");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?");
  // CloudFormation refuses these YAML types: a template's values are JSON's.
  private static final Set<Tag> UNSUPPORTED = Set.of(Tag.BINARY, Tag.SET, Tag.OMAP, Tag.PAIRS);

  private YamlTemplateParser() {}

  static JsonNode parse(String body) {
    var options = new LoaderOptions();
    options.setMaxAliasesForCollections(100);
    options.setNestingDepthLimit(100);
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(body));
    } catch (MarkedYAMLException e) {
      throw notWellFormed(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark());
    } catch (YAMLException e) {
      throw TemplateErrors.yamlNotWellFormed(1, 1);
    }
    if (root == null) {
      throw TemplateErrors.format("YAML not well-formed. (line 1, column 1)");
    }
    return convert(root);
  }

  static JsonNode convert(Node node) {
    Tag tag = node.getTag();
    if (isLocalTag(tag)) {
      return ShortFormTags.longForm(tag.getValue(), convertContent(node), node.getStartMark());
    }
    if (UNSUPPORTED.contains(tag)) {
      throw notWellFormed(node.getStartMark());
    }
    return convertContent(node);
  }

  private static JsonNode convertContent(Node node) {
    return switch (node) {
      case ScalarNode scalar -> scalar(scalar);
      case SequenceNode sequence -> {
        ArrayNode array = NODES.arrayNode();
        for (Node item : sequence.getValue()) {
          array.add(convert(item));
        }
        yield array;
      }
      case MappingNode mapping -> mapping(mapping);
      default -> throw notWellFormed(node.getStartMark());
    };
  }

  private static ObjectNode mapping(MappingNode mapping) {
    ObjectNode object = NODES.objectNode();
    Set<String> explicit = new HashSet<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (isMergeKey(tuple.getKeyNode())) {
        continue;
      }
      String key = key(tuple.getKeyNode());
      if (!explicit.add(key)) {
        throw notWellFormed(tuple.getKeyNode().getStartMark());
      }
      object.set(key, convert(tuple.getValueNode()));
    }
    for (NodeTuple tuple : mapping.getValue()) {
      if (isMergeKey(tuple.getKeyNode())) {
        for (MappingNode merged : mergedMappings(tuple.getValueNode())) {
          mapping(merged).properties().forEach(e -> object.putIfAbsent(e.getKey(), e.getValue()));
        }
      }
    }
    return object;
  }

  private static boolean isMergeKey(Node key) {
    return key instanceof ScalarNode && Tag.MERGE.equals(key.getTag());
  }

  private static List<MappingNode> mergedMappings(Node value) {
    if (value instanceof MappingNode mapping) {
      return List.of(mapping);
    }
    if (value instanceof SequenceNode sequence
        && sequence.getValue().stream().allMatch(MappingNode.class::isInstance)) {
      return sequence.getValue().stream().map(MappingNode.class::cast).toList();
    }
    throw notWellFormed(value.getStartMark());
  }

  private static String key(Node key) {
    if (key instanceof ScalarNode scalar && !isLocalTag(key.getTag())) {
      return scalar.getValue();
    }
    throw notWellFormed(key.getStartMark());
  }

  private static boolean isLocalTag(Tag tag) {
    return tag.getValue().startsWith("!") && !tag.getValue().startsWith("!!");
  }

  private static JsonNode scalar(ScalarNode scalar) {
    String value = scalar.getValue();
    Tag tag = scalar.getTag();
    if (Tag.NULL.equals(tag)) {
      return NODES.nullNode();
    }
    if (Tag.BOOL.equals(tag)) {
      return NODES.booleanNode(
          switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on", "y" -> true;
            default -> false;
          });
    }
    // Octal, hexadecimal, binary and sexagesimal forms stay text: a file mode such as 0644
    // keeps the digits it was written with.
    if (Tag.INT.equals(tag) && DECIMAL.matcher(value).matches()) {
      BigInteger number = new BigInteger(value.replace("_", ""));
      if (number.bitLength() < 32) {
        return NODES.numberNode(number.intValue());
      }
      return number.bitLength() < 64
          ? NODES.numberNode(number.longValue())
          : NODES.numberNode(number);
    }
    if (Tag.FLOAT.equals(tag) && FLOAT.matcher(value).matches()) {
      return NODES.numberNode(new BigDecimal(value.replace("_", "")).doubleValue());
    }
    return NODES.textNode(value);
  }

  static RuntimeException notWellFormed(Mark mark) {
    return TemplateErrors.yamlNotWellFormed(mark.getLine() + 1, mark.getColumn() + 1);
  }
}
