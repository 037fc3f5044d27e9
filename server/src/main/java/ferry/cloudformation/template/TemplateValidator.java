package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks what {@link TemplateReader} cannot see in one section alone, as CloudFormation checks a
 * template before it creates anything: resource types, every reference (to resources, parameters
 * and conditions), the shapes of the functions, and cycles. The first problem is thrown as AWS's
 * {@code ValidationError}.
 *
 * @see <a href="https://repost.aws/knowledge-center/cloudformation-template-validation">Template
 *     validation errors</a>
 */
public final class TemplateValidator {
  private TemplateValidator() {}

  /** Validates the template; {@code supportedTypes} are the resource types a stack may create. */
  public static DependencyGraph validate(Template template, Set<String> supportedTypes) {
    return validate(template, supportedTypes, null);
  }

  /**
   * Validates the template as {@link #validate(Template, Set)} does, and checks each {@code
   * Fn::GetAtt} (and {@code ${Resource.Attribute}} of {@code Fn::Sub}) against the attributes of
   * the resource's type: {@code attributesByType} maps each supported type to its attributes.
   */
  public static DependencyGraph validate(
      Template template, Map<String, Set<String>> attributesByType) {
    return validate(template, attributesByType.keySet(), attributesByType);
  }

  private static DependencyGraph validate(
      Template template,
      Set<String> supportedTypes,
      @Nullable Map<String, Set<String>> attributesByType) {
    checkTransforms(template);
    checkNames(template);
    FunctionShapes.check(template);
    checkConditions(template);
    checkConditionCycles(template);
    checkResources(template, supportedTypes);
    checkOutputs(template);
    if (attributesByType != null) {
      AttributeCheck.check(template, attributesByType);
    }
    return DependencyGraph.of(template);
  }

  private static void checkTransforms(Template template) {
    for (String transform : template.transforms()) {
      if (!transform.equals("AWS::LanguageExtensions")) {
        throw TemplateErrors.validation(
            "Ferry does not support the transform "
                + transform
                + "; the only transform it processes is AWS::LanguageExtensions.");
      }
    }
  }

  private static void checkNames(Template template) {
    List<String> common = new ArrayList<>();
    for (String name : template.resources().keySet()) {
      if (template.parameters().containsKey(name)) {
        common.add(name);
      }
    }
    if (!common.isEmpty()) {
      throw TemplateErrors.template(
          "all resources and parameters must have unique names. Common name(s):"
              + TemplateErrors.list(common));
    }
  }

  private static void checkResources(Template template, Set<String> supportedTypes) {
    Set<String> unknownTypes = new LinkedHashSet<>();
    for (ResourceDeclaration resource : template.resources().values()) {
      if (!supportedTypes.contains(resource.type())) {
        unknownTypes.add(resource.type());
      }
    }
    if (!unknownTypes.isEmpty()) {
      throw TemplateErrors.unrecognizedResourceTypes(unknownTypes);
    }
    List<String> unresolved = new ArrayList<>();
    for (ResourceDeclaration resource : template.resources().values()) {
      if (resource.condition() != null
          && !template.conditions().containsKey(resource.condition())) {
        throw TemplateErrors.format(
            "Unresolved condition dependencies "
                + TemplateErrors.list(List.of(resource.condition()))
                + " in the Resources block of the template");
      }
      checkGetAtts(template, resource.properties());
      unresolved.addAll(unresolved(template, resource.properties()));
      checkIfConditions(template, resource.properties());
    }
    if (!unresolved.isEmpty()) {
      throw TemplateErrors.unresolvedDependencies(new LinkedHashSet<>(unresolved), "Resources");
    }
  }

  private static void checkOutputs(Template template) {
    List<String> unresolved = new ArrayList<>();
    for (OutputDeclaration output : template.outputs().values()) {
      if (output.condition() != null && !template.conditions().containsKey(output.condition())) {
        throw TemplateErrors.format(
            "Unresolved condition dependencies "
                + TemplateErrors.list(List.of(output.condition()))
                + " in the Outputs block of the template");
      }
      checkGetAtts(template, output.value());
      unresolved.addAll(unresolved(template, output.value()));
      checkIfConditions(template, output.value());
      if (output.exportName() != null) {
        unresolved.addAll(unresolved(template, output.exportName()));
      }
    }
    if (!unresolved.isEmpty()) {
      throw TemplateErrors.unresolvedDependencies(new LinkedHashSet<>(unresolved), "Outputs");
    }
  }

  private static void checkConditions(Template template) {
    for (JsonNode condition : template.conditions().values()) {
      List<String> resources = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      for (String name : References.names(condition)) {
        if (template.resources().containsKey(name)) {
          resources.add(name);
        } else if (!template.parameters().containsKey(name) && !PseudoParameters.isPseudo(name)) {
          unknown.add(name);
        }
      }
      if (!resources.isEmpty()) {
        throw TemplateErrors.format(
            "Unresolved dependencies "
                + TemplateErrors.list(resources)
                + ". Cannot reference resources in the Conditions block of the template");
      }
      if (!unknown.isEmpty()) {
        throw TemplateErrors.format(
            "Unresolved dependencies "
                + TemplateErrors.list(unknown)
                + ". Cannot reference resources in the Conditions block of the template");
      }
      for (String name : References.conditions(condition)) {
        if (!template.conditions().containsKey(name)) {
          throw TemplateErrors.format(
              "Unresolved condition dependencies "
                  + TemplateErrors.list(List.of(name))
                  + " in the Conditions block of the template");
        }
      }
    }
  }

  private static void checkConditionCycles(Template template) {
    Map<String, Set<String>> graph = new LinkedHashMap<>();
    template.conditions().forEach((name, body) -> graph.put(name, References.conditions(body)));
    Set<String> done = new LinkedHashSet<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (var entry : graph.entrySet()) {
        if (!done.contains(entry.getKey()) && done.containsAll(entry.getValue())) {
          done.add(entry.getKey());
          progress = true;
        }
      }
    }
    if (done.size() < graph.size()) {
      List<String> cycle = new ArrayList<>(graph.keySet());
      cycle.removeAll(done);
      throw TemplateErrors.format(
          "Circular dependency between conditions: " + TemplateErrors.list(cycle));
    }
  }

  private static List<String> unresolved(Template template, JsonNode node) {
    List<String> unresolved = new ArrayList<>();
    for (String name : References.names(node)) {
      if (!template.resources().containsKey(name)
          && !template.parameters().containsKey(name)
          && !PseudoParameters.isPseudo(name)) {
        unresolved.add(name);
      }
    }
    return unresolved;
  }

  private static void checkGetAtts(Template template, JsonNode node) {
    if (node.isObject() && node.size() == 1 && node.has("Fn::GetAtt")) {
      String resource = References.getAttResource(node.get("Fn::GetAtt"));
      if (resource != null && !template.resources().containsKey(resource)) {
        throw TemplateErrors.template(
            "instance of Fn::GetAtt references undefined resource " + resource);
      }
    }
    node.forEach(child -> checkGetAtts(template, child));
  }

  private static void checkIfConditions(Template template, JsonNode node) {
    if (node.isObject() && node.size() == 1 && node.has("Fn::If")) {
      JsonNode name = node.get("Fn::If").path(0);
      if (name.isTextual() && !template.conditions().containsKey(name.asText())) {
        throw TemplateErrors.template(
            "unresolved condition dependency " + name.asText() + " in Fn::If");
      }
    }
    node.forEach(child -> checkIfConditions(template, child));
  }
}
