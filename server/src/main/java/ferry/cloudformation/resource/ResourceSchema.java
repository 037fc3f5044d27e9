package ferry.cloudformation.resource;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a type's published resource schema says that a stack needs to know: the properties a
 * template may give (any other is refused), those it must give, those whose change replaces the
 * resource ({@code createOnlyProperties}), the attributes {@code Fn::GetAtt} may read, and the
 * property naming the resource, if any (a template that gives none gets a generated name; for IAM
 * types, giving one needs {@code CAPABILITY_NAMED_IAM}).
 */
public record ResourceSchema(
    String typeName,
    Set<String> properties,
    Set<String> required,
    Set<String> createOnly,
    Set<String> attributes,
    @Nullable String nameProperty) {
  public ResourceSchema {
    properties = Set.copyOf(properties);
    required = Set.copyOf(required);
    createOnly = Set.copyOf(createOnly);
    attributes = Set.copyOf(attributes);
  }

  /** Whether the type creates IAM resources, for which a stack needs {@code CAPABILITY_IAM}. */
  public boolean isIam() {
    return typeName.startsWith("AWS::IAM::");
  }
}
