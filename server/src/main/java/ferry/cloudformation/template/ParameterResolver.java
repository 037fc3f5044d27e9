package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import ferry.cloudformation.template.ResolvedParameters.StackParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives each of a template's parameters its value (the one given, or its {@code Default}), checks
 * it against its type and constraints with AWS's messages, and reads {@code
 * AWS::SSM::Parameter::Value<…>} parameters from Parameter Store.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html">Parameters</a>
 */
public final class ParameterResolver {
  static final String NO_ECHO_MASK = "****";

  private ParameterResolver() {}

  public static ResolvedParameters resolve(
      Template template, Map<String, String> given, SsmParameterValues ssm) {
    List<String> unknown = new ArrayList<>();
    for (String name : given.keySet()) {
      if (!template.parameters().containsKey(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw TemplateErrors.validation(
          "Parameters: " + TemplateErrors.list(unknown) + " do not exist in the template");
    }
    List<String> missing = new ArrayList<>();
    for (ParameterDeclaration declaration : template.parameters().values()) {
      if (!given.containsKey(declaration.name()) && declaration.defaultValue() == null) {
        missing.add(declaration.name());
      }
    }
    if (!missing.isEmpty()) {
      throw TemplateErrors.validation(
          "Parameters: " + TemplateErrors.list(missing) + " must have values");
    }
    Map<String, JsonNode> values = new LinkedHashMap<>();
    List<StackParameter> shown = new ArrayList<>();
    List<String> notFound = new ArrayList<>();
    for (ParameterDeclaration declaration : template.parameters().values()) {
      String value = given.getOrDefault(declaration.name(), declaration.defaultValue());
      ParameterConstraints.check(declaration, value);
      String resolved = null;
      String type = declaration.type();
      if (declaration.isSsm()) {
        resolved = ssm.value(value);
        if (resolved == null) {
          notFound.add(value);
          continue;
        }
        type = ParameterTypes.ssmValueType(type);
      }
      String effective = resolved == null ? value : resolved;
      values.put(declaration.name(), value(type, effective));
      shown.add(
          new StackParameter(
              declaration.name(), declaration.noEcho() ? NO_ECHO_MASK : value, resolved));
    }
    if (!notFound.isEmpty()) {
      throw TemplateErrors.validation(
          "Unable to fetch parameters "
              + TemplateErrors.list(notFound)
              + " from parameter store for this account.");
    }
    return new ResolvedParameters(values, shown);
  }

  private static JsonNode value(String type, String value) {
    if (!ParameterTypes.isList(type)) {
      return Evaluator.NODES.textNode(value);
    }
    ArrayNode list = Evaluator.NODES.arrayNode();
    if (!value.isEmpty()) {
      // Each member of a list parameter is space trimmed.
      for (String item : value.split(",", -1)) {
        list.add(item.strip());
      }
    }
    return list;
  }
}
