package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The names a piece of a template refers to through {@code Ref}, {@code Fn::GetAtt} and {@code
 * Fn::Sub} (resources, parameters and pseudo parameters alike), and the conditions it names through
 * {@code Fn::If} and {@code Condition}.
 */
public final class References {
  private References() {}

  /** The logical names referred to, in the order they appear. */
  public static Set<String> names(JsonNode node) {
    Set<String> names = new LinkedHashSet<>();
    collect(node, names, null);
    return names;
  }

  /**
   * The logical names referred to where the template will be evaluated: of each {@code Fn::If},
   * only the branch its condition chooses.
   */
  public static Set<String> liveNames(JsonNode node, Predicate<String> condition) {
    Set<String> names = new LinkedHashSet<>();
    collect(node, names, condition);
    return names;
  }

  /** The condition names referred to through {@code Fn::If} and {@code Condition}. */
  public static Set<String> conditions(JsonNode node) {
    Set<String> names = new LinkedHashSet<>();
    collectConditions(node, names);
    return names;
  }

  private static void collect(
      JsonNode node, Set<String> names, @Nullable Predicate<String> condition) {
    if (node.isArray()) {
      node.forEach(item -> collect(item, names, condition));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    if (node.size() == 1) {
      var entry = node.properties().iterator().next();
      JsonNode argument = entry.getValue();
      switch (entry.getKey()) {
        case "Ref" -> {
          if (argument.isTextual()) {
            names.add(argument.asText());
          }
          return;
        }
        case "Fn::GetAtt" -> {
          String resource = getAttResource(argument);
          if (resource != null) {
            names.add(resource);
          }
          if (argument.isArray() && argument.size() > 1) {
            collect(argument.get(1), names, condition);
          }
          return;
        }
        case "Fn::Sub" -> {
          sub(argument, names, condition);
          return;
        }
        case "Fn::If" -> {
          if (condition != null
              && argument.isArray()
              && argument.size() == 3
              && argument.get(0).isTextual()) {
            collect(
                argument.get(condition.test(argument.get(0).asText()) ? 1 : 2), names, condition);
            return;
          }
        }
        default -> {}
      }
    }
    node.forEach(value -> collect(value, names, condition));
  }

  private static void sub(
      JsonNode argument, Set<String> names, @Nullable Predicate<String> condition) {
    JsonNode text = argument.isArray() ? argument.path(0) : argument;
    Set<String> local = new LinkedHashSet<>();
    if (argument.isArray() && argument.path(1).isObject()) {
      argument.get(1).fieldNames().forEachRemaining(local::add);
      argument.get(1).forEach(value -> collect(value, names, condition));
    }
    if (!text.isTextual()) {
      return;
    }
    for (var variable : SubTemplate.parse(text.asText()).variables()) {
      String name = variable.name();
      if (local.contains(name)) {
        continue;
      }
      names.add(variable.isAttribute() ? name.substring(0, name.indexOf('.')) : name);
    }
  }

  static @Nullable String getAttResource(JsonNode argument) {
    if (argument.isArray() && argument.size() > 0 && argument.get(0).isTextual()) {
      return argument.get(0).asText();
    }
    if (argument.isTextual() && argument.asText().contains(".")) {
      return argument.asText().substring(0, argument.asText().indexOf('.'));
    }
    return null;
  }

  private static void collectConditions(JsonNode node, Set<String> names) {
    if (node.isObject() && node.size() == 1) {
      var entry = node.properties().iterator().next();
      if (entry.getKey().equals("Condition") && entry.getValue().isTextual()) {
        names.add(entry.getValue().asText());
        return;
      }
      if (entry.getKey().equals("Fn::If")
          && entry.getValue().isArray()
          && entry.getValue().path(0).isTextual()) {
        names.add(entry.getValue().get(0).asText());
      }
    }
    node.forEach(value -> collectConditions(value, names));
  }
}
