package ferry.cloudformation;

import ferry.aws.Caller;
import ferry.cloudformation.resource.ResourceTypes;
import ferry.cloudformation.stack.StackPlan;
import ferry.cloudformation.template.DependencyGraph;
import ferry.cloudformation.template.EvaluationContext;
import ferry.cloudformation.template.Evaluator;
import ferry.cloudformation.template.ExportLookup;
import ferry.cloudformation.template.ParameterDeclaration;
import ferry.cloudformation.template.ParameterResolver;
import ferry.cloudformation.template.PseudoParameters;
import ferry.cloudformation.template.References;
import ferry.cloudformation.template.ResolvedParameters;
import ferry.cloudformation.template.ResourceDeclaration;
import ferry.cloudformation.template.ResourceLookup;
import ferry.cloudformation.template.SsmParameterValues;
import ferry.cloudformation.template.Template;
import ferry.cloudformation.template.TemplateErrors;
import ferry.cloudformation.template.TemplateReader;
import ferry.cloudformation.template.TemplateSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The checks CloudFormation makes before a stack operation starts, each answered with a {@code
 * ValidationError} (or {@code InsufficientCapabilitiesException}) and nothing created: the template
 * reads, its resource types exist, its dependencies resolve without a cycle, the capabilities it
 * needs were given, and its parameters' values meet their constraints.
 */
final class StackTemplates {
  private static final Set<String> CAPABILITIES =
      Set.of("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND");

  /** A template ready for the engine, and the parameters as the stack keeps them. */
  record Prepared(StackPlan plan, List<StackParameter> parameters) {
    @Nullable String description() {
      return plan.template().description();
    }
  }

  private final ResourceTypes types;
  private final Function<Caller, SsmParameterValues> ssm;

  StackTemplates(ResourceTypes types, Function<Caller, SsmParameterValues> ssm) {
    this.types = types;
    this.ssm = ssm;
  }

  /** Reads and checks a template on its own (ValidateTemplate, GetTemplateSummary). */
  Template read(@Nullable String body) {
    if (body == null || body.isEmpty()) {
      throw CloudFormationErrors.validation(
          "Either Template URL or Template Body must be specified.");
    }
    Template template = TemplateReader.read(body);
    DependencyGraph.of(template);
    unresolved(
        template,
        "Resources",
        template.resources().values().stream().map(ResourceDeclaration::properties).toList());
    unresolved(
        template, "Outputs", template.outputs().values().stream().map(o -> o.value()).toList());
    return template;
  }

  /**
   * A {@code Ref} or {@code Fn::GetAtt} naming neither a resource, a parameter nor a pseudo
   * parameter is refused before anything is made, as CloudFormation refuses it.
   */
  private static void unresolved(
      Template template,
      String block,
      List<? extends com.fasterxml.jackson.databind.JsonNode> parts) {
    Set<String> missing = new LinkedHashSet<>();
    for (var part : parts) {
      for (String name : References.names(part)) {
        if (!template.resources().containsKey(name)
            && !template.parameters().containsKey(name)
            && !PseudoParameters.isPseudo(name)) {
          missing.add(name);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw TemplateErrors.unresolvedDependencies(missing, block);
    }
  }

  Prepared prepare(
      Caller caller,
      String stackName,
      @Nullable String body,
      Map<String, String> values,
      List<String> capabilities) {
    Template template = read(body);
    Set<String> unknown = new LinkedHashSet<>();
    for (ResourceDeclaration resource : template.resources().values()) {
      if (types.find(resource.type()).isEmpty()) {
        unknown.add(resource.type());
      }
    }
    if (!unknown.isEmpty()) {
      throw TemplateErrors.unrecognizedResourceTypes(unknown);
    }
    for (String capability : capabilities) {
      if (!CAPABILITIES.contains(capability)) {
        throw CloudFormationErrors.validation(
            "1 validation error detected: Value '["
                + capability
                + "]' at 'capabilities' failed to satisfy constraint: Member must satisfy"
                + " constraint: [Member must satisfy enum value set: [CAPABILITY_AUTO_EXPAND,"
                + " CAPABILITY_NAMED_IAM, CAPABILITY_IAM]]");
      }
    }
    TemplateSummary summary = TemplateSummary.of(template);
    for (String needed : summary.capabilities()) {
      boolean given =
          capabilities.contains(needed)
              || (needed.equals("CAPABILITY_IAM") && capabilities.contains("CAPABILITY_NAMED_IAM"));
      if (!given) {
        throw CloudFormationErrors.insufficientCapabilities(List.of(needed));
      }
    }
    ResolvedParameters resolved = ParameterResolver.resolve(template, values, ssm.apply(caller));
    // Conditions are evaluated once here, so a template whose conditions cannot be is refused
    // before anything is made.
    new Evaluator(
        template,
        new EvaluationContext(
            new PseudoParameters(
                caller.account().value(), caller.region().name(), stackName, "", List.of()),
            resolved,
            ResourceLookup.NONE,
            ExportLookup.NONE));
    Map<String, String> ssmValues = new LinkedHashMap<>();
    for (ResolvedParameters.StackParameter shown : resolved.parameters()) {
      if (shown.resolvedValue() != null) {
        ssmValues.put(shown.key(), shown.resolvedValue());
      }
    }
    List<StackParameter> parameters = new ArrayList<>();
    for (ParameterDeclaration declaration : template.parameters().values()) {
      String value = values.getOrDefault(declaration.name(), declaration.defaultValue());
      parameters.add(
          new StackParameter(
              declaration.name(),
              value == null ? "" : value,
              ssmValues.get(declaration.name()),
              declaration.noEcho()));
    }
    return new Prepared(new StackPlan(template, resolved), parameters);
  }

  /**
   * The values a request gives, with {@code UsePreviousValue} ones taken from the stack as it is
   * (an update), refused for a new stack.
   */
  static Map<String, String> values(
      List<StackRequest.ParameterValue> given, @Nullable Stack previous) {
    Map<String, String> values = new LinkedHashMap<>();
    for (StackRequest.ParameterValue parameter : given) {
      if (parameter.usePreviousValue()) {
        if (parameter.value() != null) {
          throw CloudFormationErrors.validation(
              "Invalid input for parameter key "
                  + parameter.key()
                  + ". Cannot specify usePreviousValue as true and non empty value for a"
                  + " parameter");
        }
        StackParameter was =
            previous == null
                ? null
                : previous.parameters().stream()
                    .filter(p -> p.key().equals(parameter.key()))
                    .findFirst()
                    .orElse(null);
        if (was == null) {
          throw CloudFormationErrors.validation(
              "Invalid input for parameter key "
                  + parameter.key()
                  + ". Need to specify either usePreviousValue as true or a value for the"
                  + " parameter");
        }
        values.put(parameter.key(), was.value());
      } else {
        values.put(parameter.key(), parameter.value() == null ? "" : parameter.value());
      }
    }
    return values;
  }
}
