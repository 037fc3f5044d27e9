package ferry.cloudformation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One resource of a stack as it is: what {@code Ref} returns ({@code physicalId}, null until made),
 * its status, the properties last applied to it and its attributes for {@code Fn::GetAtt}.
 */
public record StackResource(
    String stackId,
    String stackName,
    String logicalId,
    @Nullable String physicalId,
    String type,
    ResourceStatus status,
    @Nullable String statusReason,
    @Nullable ObjectNode properties,
    Map<String, String> attributes,
    Instant updated) {
  public StackResource {
    attributes = Map.copyOf(attributes);
  }
}
