package ferry.cloudformation.stack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.cloudformation.ResourceChange;
import ferry.cloudformation.ResourceStatus;
import ferry.cloudformation.Stack;
import ferry.cloudformation.StackResource;
import ferry.cloudformation.resource.ResourceHandler;
import ferry.cloudformation.resource.ResourceTypes;
import ferry.cloudformation.store.ResourceRepository;
import ferry.cloudformation.template.DependencyGraph;
import ferry.cloudformation.template.Evaluator;
import ferry.cloudformation.template.ExportLookup;
import ferry.cloudformation.template.ResourceDeclaration;
import ferry.cloudformation.template.ResourceLookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What applying a plan to a stack would change, resource by resource, as a change set lists it:
 * Add, Remove, or Modify with whether the resource is replaced (a changed create-only property). A
 * property that reads a resource the plan makes or replaces cannot be known yet: it is a Dynamic
 * change, and the replacement Conditional.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ResourceChange.html">ResourceChange</a>
 */
final class ChangePlanner {
  private static final String PENDING = "{{ferry:pending:";

  private final ResourceRepository resources;
  private final ResourceTypes types;

  ChangePlanner(ResourceRepository resources, ResourceTypes types) {
    this.resources = resources;
    this.types = types;
  }

  List<ResourceChange> changes(StackEngine engine, Stack stack, StackPlan plan) {
    Map<String, StackResource> current = new LinkedHashMap<>();
    for (StackResource resource : resources.list(stack.stackId())) {
      if (resource.physicalId() != null
          && resource.status() != ResourceStatus.DELETE_COMPLETE
          && resource.status() != ResourceStatus.DELETE_SKIPPED) {
        current.put(resource.logicalId(), resource);
      }
    }
    ResourceLookup lookup =
        new ResourceLookup() {
          @Override
          public @Nullable String physicalId(String logicalId) {
            StackResource resource = current.get(logicalId);
            return resource == null ? PENDING + logicalId + "}}" : resource.physicalId();
          }

          @Override
          public @Nullable String attribute(String logicalId, String attribute) {
            StackResource resource = current.get(logicalId);
            String value = resource == null ? null : resource.attributes().get(attribute);
            return value == null ? PENDING + logicalId + "." + attribute + "}}" : value;
          }
        };
    ExportLookup exports =
        name ->
            engine
                .exports()
                .find(stack.account(), stack.region(), name)
                .map(ferry.cloudformation.StackExport::value)
                .orElse(null);
    Evaluator evaluator = engine.evaluator(stack, plan, lookup, exports);
    List<String> included = evaluator.includedResources();
    List<ResourceChange> changes = new ArrayList<>();
    for (String id : DependencyGraph.of(plan.template()).creationOrder()) {
      if (!included.contains(id)) {
        continue;
      }
      ResourceDeclaration declaration = plan.template().resource(id);
      StackResource old = current.get(id);
      if (declaration == null) {
        continue;
      }
      if (old == null) {
        changes.add(
            new ResourceChange(
                "Add",
                id,
                null,
                declaration.type(),
                null,
                List.of(),
                List.of(),
                null,
                context(evaluator, id)));
        continue;
      }
      ResourceChange modified = modified(evaluator, declaration, old);
      if (modified != null) {
        changes.add(modified);
      }
    }
    for (StackResource old : current.values()) {
      if (!included.contains(old.logicalId())) {
        changes.add(
            new ResourceChange(
                "Remove",
                old.logicalId(),
                old.physicalId(),
                old.type(),
                null,
                List.of(),
                List.of(),
                context(old.properties()),
                null));
      }
    }
    return changes;
  }

  private @Nullable ResourceChange modified(
      Evaluator evaluator, ResourceDeclaration declaration, StackResource old) {
    String id = declaration.logicalId();
    ResourceHandler handler = types.find(declaration.type()).orElse(null);
    Set<String> createOnly = handler == null ? Set.of() : handler.schema().createOnly();
    if (!old.type().equals(declaration.type())) {
      return new ResourceChange(
          "Modify",
          id,
          old.physicalId(),
          declaration.type(),
          "True",
          List.of("Properties"),
          List.of(),
          context(old.properties()),
          context(evaluator, id));
    }
    ObjectNode properties;
    try {
      properties = evaluator.properties(id);
    } catch (AwsException e) {
      return new ResourceChange(
          "Modify",
          id,
          old.physicalId(),
          old.type(),
          "Conditional",
          List.of("Properties"),
          List.of(),
          context(old.properties()),
          null);
    }
    if (properties.equals(old.properties())) {
      return null;
    }
    List<ResourceChange.Detail> details = new ArrayList<>();
    boolean replaced = false;
    boolean conditional = false;
    boolean tags = false;
    for (String name : StackUpdate.changedProperties(old.properties(), properties)) {
      boolean dynamic = properties.has(name) && properties.get(name).toString().contains(PENDING);
      boolean recreates = createOnly.contains(name);
      if (recreates) {
        if (dynamic) {
          conditional = true;
        } else {
          replaced = true;
        }
      }
      tags |= name.equals("Tags");
      details.add(
          new ResourceChange.Detail(
              name.equals("Tags") ? "Tags" : "Properties",
              name,
              recreates ? (dynamic ? "Conditionally" : "Always") : "Never",
              dynamic ? "Dynamic" : "Static",
              dynamic ? "ResourceReference" : "DirectModification",
              "/Properties/" + name,
              value(old.properties().get(name)),
              value(properties.get(name)),
              !old.properties().has(name) ? "Add" : !properties.has(name) ? "Remove" : "Modify"));
    }
    List<String> scope = new ArrayList<>();
    if (details.stream().anyMatch(d -> d.attribute().equals("Properties"))) {
      scope.add("Properties");
    }
    if (tags) {
      scope.add("Tags");
    }
    return new ResourceChange(
        "Modify",
        id,
        old.physicalId(),
        old.type(),
        replaced ? "True" : conditional ? "Conditional" : "False",
        scope,
        details,
        context(old.properties()),
        context(properties));
  }

  /** A resource's properties as CloudFormation's BeforeContext/AfterContext give them. */
  private static String context(ObjectNode properties) {
    ObjectNode context = properties.objectNode();
    context.set("Properties", properties);
    return context.toString();
  }

  private static @Nullable String context(Evaluator evaluator, String logicalId) {
    try {
      return context(evaluator.properties(logicalId));
    } catch (AwsException e) {
      return null;
    }
  }

  private static @Nullable String value(com.fasterxml.jackson.databind.@Nullable JsonNode value) {
    if (value == null) {
      return null;
    }
    return value.isTextual() ? value.asText() : value.toString();
  }
}
