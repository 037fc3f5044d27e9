package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which resources each resource depends on (its {@code DependsOn}, and every resource its
 * properties name through {@code Ref}, {@code Fn::GetAtt} or {@code Fn::Sub}), and the order that
 * follows: waves of resources that may be created together, and the reverse for deletion.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-dependson.html">DependsOn</a>
 */
public final class DependencyGraph {
  private final Map<String, Set<String>> dependencies;
  private final List<List<String>> waves;

  private DependencyGraph(Map<String, Set<String>> dependencies, List<List<String>> waves) {
    this.dependencies = dependencies;
    this.waves = waves;
  }

  /**
   * The graph of a template's resources. A dependency on a resource the template does not declare,
   * or a cycle, is AWS's {@code ValidationError}.
   */
  public static DependencyGraph of(Template template) {
    Map<String, Set<String>> dependencies = new LinkedHashMap<>();
    Set<String> unresolved = new LinkedHashSet<>();
    for (ResourceDeclaration resource : template.resources().values()) {
      Set<String> on = new LinkedHashSet<>();
      for (String name : resource.dependsOn()) {
        if (template.resources().containsKey(name)) {
          on.add(name);
        } else {
          unresolved.add(name);
        }
      }
      for (JsonNode part : declaredValues(resource)) {
        for (String name : References.names(part)) {
          if (template.resources().containsKey(name)) {
            on.add(name);
          }
        }
      }
      dependencies.put(resource.logicalId(), Collections.unmodifiableSet(on));
    }
    if (!unresolved.isEmpty()) {
      throw TemplateErrors.unresolvedDependencies(unresolved, "Resources");
    }
    return new DependencyGraph(Collections.unmodifiableMap(dependencies), waves(dependencies));
  }

  private static List<JsonNode> declaredValues(ResourceDeclaration resource) {
    List<JsonNode> values = new ArrayList<>();
    values.add(resource.properties());
    if (resource.metadata() != null) {
      values.add(resource.metadata());
    }
    return values;
  }

  private static List<List<String>> waves(Map<String, Set<String>> dependencies) {
    List<List<String>> waves = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    while (placed.size() < dependencies.size()) {
      List<String> wave = new ArrayList<>();
      for (var entry : dependencies.entrySet()) {
        if (!placed.contains(entry.getKey()) && placed.containsAll(entry.getValue())) {
          wave.add(entry.getKey());
        }
      }
      if (wave.isEmpty()) {
        List<String> remaining = new ArrayList<>(dependencies.keySet());
        remaining.removeAll(placed);
        throw TemplateErrors.circularDependency(remaining);
      }
      placed.addAll(wave);
      waves.add(List.copyOf(wave));
    }
    return List.copyOf(waves);
  }

  /** The resources {@code logicalId} depends on, directly. */
  public Set<String> dependencies(String logicalId) {
    return dependencies.getOrDefault(logicalId, Set.of());
  }

  /** The resources that depend on {@code logicalId}, directly. */
  public Set<String> dependents(String logicalId) {
    Set<String> dependents = new LinkedHashSet<>();
    dependencies.forEach((name, on) -> {
      if (on.contains(logicalId)) {
        dependents.add(name);
      }
    });
    return dependents;
  }

  /** Creation order: each wave depends only on earlier waves, so its resources may run together. */
  public List<List<String>> creationWaves() {
    return waves;
  }

  /** Deletion order: the creation waves reversed, dependents before what they depend on. */
  public List<List<String>> deletionWaves() {
    List<List<String>> reversed = new ArrayList<>(waves);
    Collections.reverse(reversed);
    return List.copyOf(reversed);
  }

  /** Every resource in one creation order. */
  public List<String> creationOrder() {
    return waves.stream().flatMap(List::stream).toList();
  }
}
