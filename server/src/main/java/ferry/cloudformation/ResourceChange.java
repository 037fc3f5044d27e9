package ferry.cloudformation;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One resource change of a change set: Add, Modify or Remove; for Modify whether it replaces the
 * resource ({@code True}, {@code False}, {@code Conditional}), the scope of what changed
 * (Properties, Tags) and one detail per changed property.
 */
public record ResourceChange(
    String action,
    String logicalId,
    @Nullable String physicalId,
    String type,
    @Nullable String replacement,
    List<String> scope,
    List<Detail> details) {
  public ResourceChange {
    scope = List.copyOf(scope);
    details = List.copyOf(details);
  }

  /**
   * What changed in one attribute of the resource: a property ({@code name}) and whether changing
   * it recreates the resource ({@code Never}, {@code Always}).
   */
  public record Detail(
      String attribute,
      @Nullable String name,
      @Nullable String requiresRecreation,
      String evaluation,
      String changeSource) {}
}
