package ferry.cloudformation.template;

import org.jspecify.annotations.Nullable;

/**
 * The stack's provisioned resources, as {@code Ref} and {@code Fn::GetAtt} read them; the stacks
 * code implements it over its store.
 */
public interface ResourceLookup {
  /** What {@code Ref} returns for the resource; null when it is not provisioned. */
  @Nullable String physicalId(String logicalId);

  /** One of the resource's attributes; null when the resource or attribute is absent. */
  @Nullable String attribute(String logicalId, String attribute);

  /** No resource is provisioned yet. */
  ResourceLookup NONE =
      new ResourceLookup() {
        @Override
        public @Nullable String physicalId(String logicalId) {
          return null;
        }

        @Override
        public @Nullable String attribute(String logicalId, String attribute) {
          return null;
        }
      };
}
