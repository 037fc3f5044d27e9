package ferry.cloudformation.resource;

import java.util.Map;

/**
 * A resource as it exists: its physical id (what {@code Ref} returns for the type, such as a
 * bucket's name or a key's id) and the attributes {@code Fn::GetAtt} may read (the type's read-only
 * properties, such as {@code Arn}).
 */
public record Provisioned(String physicalId, Map<String, String> attributes) {
  public Provisioned {
    attributes = Map.copyOf(attributes);
  }
}
