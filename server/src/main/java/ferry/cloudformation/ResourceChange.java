package ferry.cloudformation;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One resource change of a change set: Add, Modify or Remove; for Modify whether it replaces the
 * resource ({@code True}, {@code False}, {@code Conditional}), the scope of what changed
 * (Properties, Tags) and one detail per changed property; the resource's properties before and
 * after ({@code BeforeContext}/{@code AfterContext}, what DescribeChangeSet's {@code
 * IncludePropertyValues} shows).
 */
public record ResourceChange(
    String action,
    String logicalId,
    @Nullable String physicalId,
    String type,
    @Nullable String replacement,
    List<String> scope,
    List<Detail> details,
    @Nullable String beforeContext,
    @Nullable String afterContext) {
  public ResourceChange {
    scope = List.copyOf(scope);
    details = List.copyOf(details);
  }

  /**
   * What changed in one attribute of the resource: a property ({@code name}, at {@code path}),
   * whether changing it recreates the resource ({@code Never}, {@code Always}), and its values
   * before and after (as JSON text unless a plain string) with how it changes (Add, Remove,
   * Modify).
   */
  public record Detail(
      String attribute,
      @Nullable String name,
      @Nullable String requiresRecreation,
      String evaluation,
      String changeSource,
      @Nullable String path,
      @Nullable String beforeValue,
      @Nullable String afterValue,
      @Nullable String attributeChangeType) {}
}
