package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
    return of(template, List.copyOf(template.resources().keySet()), null);
  }

  /**
   * The graph of the resources a stack will have: those whose condition holds, each depending only
   * on what the branches its {@code Fn::If}s choose refer to. A dependency on a resource left out
   * by its condition is an unresolved dependency.
   */
  public static DependencyGraph of(Template template, Evaluator evaluator) {
    return of(template, evaluator.includedResources(), evaluator);
  }

  private static DependencyGraph of(
      Template template, List<String> included, @Nullable Evaluator evaluator) {
    Set<String> members = new LinkedHashSet<>(included);
    Map<String, Set<String>> dependencies = new LinkedHashMap<>();
    Set<String> unresolved = new LinkedHashSet<>();
    for (String logicalId : included) {
      ResourceDeclaration resource = template.resources().get(logicalId);
      Set<String> on = new LinkedHashSet<>();
      for (String name : resource.dependsOn()) {
        if (members.contains(name)) {
          on.add(name);
        } else {
          unresolved.add(name);
        }
      }
      for (JsonNode part : declaredValues(resource)) {
        Set<String> names =
            evaluator == null
                ? References.names(part)
                : References.liveNames(part, evaluator::condition);
        for (String name : names) {
          if (members.contains(name)) {
            on.add(name);
          } else if (template.resources().containsKey(name)) {
            unresolved.add(name);
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
