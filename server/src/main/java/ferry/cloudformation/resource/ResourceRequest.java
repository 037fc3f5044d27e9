package ferry.cloudformation.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.Caller;
import java.util.Map;

/**
 * One resource operation of a stack: who acts ({@code caller}: the stack's caller, or a session of
 * the role passed to the stack, with CloudFormation acting on its behalf), which resource of which
 * stack, its properties with every intrinsic function resolved, and the stack's tags (which AWS
 * propagates to the resources whose types take tags).
 */
public record ResourceRequest(
    Caller caller,
    String stackName,
    String stackId,
    String logicalId,
    ObjectNode properties,
    Map<String, String> stackTags) {
  public ResourceRequest {
    stackTags = Map.copyOf(stackTags);
  }

  /** The name CloudFormation makes for a resource whose template gives none. */
  public String generatedName(int maxLength) {
    return GeneratedName.of(stackName, logicalId, maxLength);
  }
}
