package ferry.cloudformation.template;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The resources a test stack has provisioned: physical ids and attributes by logical id. */
final class ProvisionedResources implements ResourceLookup {
  private final Map<String, String> ids = new HashMap<>();
  private final Map<String, Map<String, String>> attributes = new HashMap<>();

  ProvisionedResources with(String logicalId, String physicalId, String... attributePairs) {
    ids.put(logicalId, physicalId);
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < attributePairs.length; i += 2) {
      values.put(attributePairs[i], attributePairs[i + 1]);
    }
    attributes.put(logicalId, values);
    return this;
  }

  @Override
  public @Nullable String physicalId(String logicalId) {
    return ids.get(logicalId);
  }

  @Override
  public @Nullable String attribute(String logicalId, String attribute) {
    return attributes.getOrDefault(logicalId, Map.of()).get(attribute);
  }
}
