package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates a template for one stack: its conditions, and every intrinsic function in a resource's
 * properties, the outputs and the export names ({@code AWS::NoValue} removes the property or list
 * item it stands for).
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html">Intrinsic
 *     functions</a>
 */
public final class Evaluator {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern EXPORT_NAME = Pattern.compile("[A-Za-z0-9:-]+");
  private final Template template;
  private final EvaluationContext context;
  private final ConditionEvaluator conditionEvaluator;
  private final Map<String, Boolean> conditions;

  public Evaluator(Template template, EvaluationContext context) {
    this.template = template;
    this.context = context;
    this.conditionEvaluator = new ConditionEvaluator(template, this);
    this.conditions = conditionEvaluator.evaluateAll();
  }

  public Template template() {
    return template;
  }

  public EvaluationContext context() {
    return context;
  }

  /** Every condition of the template, evaluated. */
  public Map<String, Boolean> conditions() {
    return conditions;
  }

  /** Whether the named condition holds; an undeclared one is a {@code ValidationError}. */
  public boolean condition(String name) {
    return conditionEvaluator.evaluate(name);
  }

  /** Whether the resource is part of the stack: it has no condition, or its condition holds. */
  public boolean includes(String logicalId) {
    ResourceDeclaration resource = declared(logicalId);
    return resource.condition() == null || condition(resource.condition());
  }

  /** The logical ids of the resources {@link #includes included}, in template order. */
  public List<String> includedResources() {
    return template.resources().keySet().stream().filter(this::includes).toList();
  }

  /** The resource's properties with every function resolved. */
  public ObjectNode properties(String logicalId) {
    JsonNode resolved = resolve(declared(logicalId).properties());
    return resolved instanceof ObjectNode object ? object : NODES.objectNode();
  }

  /** The outputs whose condition holds, every function resolved. */
  public List<ResolvedOutput> outputs() {
    List<ResolvedOutput> outputs = new ArrayList<>();
    for (OutputDeclaration output : template.outputs().values()) {
      if (output.condition() != null && !condition(output.condition())) {
        continue;
      }
      String exportName =
          output.exportName() == null ? null : text(resolve(output.exportName()), "Export Name");
      if (exportName != null && !EXPORT_NAME.matcher(exportName).matches()) {
        throw TemplateErrors.format(
            "Output "
                + output.logicalId()
                + " is malformed. The Name field of every Export member must be specified and"
                + " consist only of alphanumeric characters, colons, or hyphens.");
      }
      outputs.add(
          new ResolvedOutput(
              output.logicalId(),
              outputText(resolve(output.value())),
              output.description(),
              exportName));
    }
    return outputs;
  }

  /**
   * A piece of the template with every function resolved; {@link MissingNode} when it is {@code
   * AWS::NoValue}.
   */
  public JsonNode resolve(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.size() == 1) {
        var entry = object.properties().iterator().next();
        if (IntrinsicFunctions.isFunctionName(entry.getKey())) {
          IntrinsicFunction function = IntrinsicFunctions.find(entry.getKey());
          if (function == null) {
            throw unsupportedFunction(entry.getKey());
          }
          return function.apply(entry.getValue(), this);
        }
      }
      ObjectNode resolved = NODES.objectNode();
      for (var entry : object.properties()) {
        JsonNode value = resolve(entry.getValue());
        if (!value.isMissingNode()) {
          resolved.set(entry.getKey(), value);
        }
      }
      return resolved;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode resolved = NODES.arrayNode();
      for (JsonNode item : array) {
        JsonNode value = resolve(item);
        if (!value.isMissingNode()) {
          resolved.add(value);
        }
      }
      return resolved;
    }
    return node;
  }

  static RuntimeException unsupportedFunction(String name) {
    return TemplateErrors.format(
        "Encountered unsupported function: "
            + name
            + " Supported functions are: "
            + TemplateErrors.list(IntrinsicFunctions.SUPPORTED));
  }

  ResourceDeclaration declared(String logicalId) {
    ResourceDeclaration resource = template.resource(logicalId);
    if (resource == null) {
      throw TemplateErrors.unresolvedDependencies(List.of(logicalId), "Resources");
    }
    return resource;
  }

  /** A resolved value that must be text (numbers and booleans are read as their text). */
  static String text(JsonNode value, String what) {
    if (value.isValueNode() && !value.isNull()) {
      return value.asText();
    }
    throw TemplateErrors.template(what + " must be a string");
  }

  private static String outputText(JsonNode value) {
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(item.asText()));
      return String.join(",", items);
    }
    if (value.isObject()) {
      return value.toString();
    }
    return value.asText();
  }
}
