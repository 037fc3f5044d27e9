package ferry.cloudformation.stack;

import ferry.cloudformation.resource.Provisioned;
import ferry.cloudformation.template.ResourceLookup;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** The resources of a stack as an operation has them so far, for {@code Ref} and {@code GetAtt}. */
final class LiveResources implements ResourceLookup {
  private final Map<String, Provisioned> resources = new ConcurrentHashMap<>();

  void put(String logicalId, Provisioned provisioned) {
    resources.put(logicalId, provisioned);
  }

  void remove(String logicalId) {
    resources.remove(logicalId);
  }

  @Nullable Provisioned get(String logicalId) {
    return resources.get(logicalId);
  }

  @Override
  public @Nullable String physicalId(String logicalId) {
    Provisioned provisioned = resources.get(logicalId);
    return provisioned == null ? null : provisioned.physicalId();
  }

  @Override
  public @Nullable String attribute(String logicalId, String attribute) {
    Provisioned provisioned = resources.get(logicalId);
    return provisioned == null ? null : provisioned.attributes().get(attribute);
  }
}
