package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A stack's parameters once checked: the value {@code Ref} gives for each (text, or a list for list
 * types; SSM types already read), and the parameters as {@code DescribeStacks} shows them.
 */
public record ResolvedParameters(Map<String, JsonNode> values, List<StackParameter> parameters) {
  public ResolvedParameters {
    values = Template.ordered(values);
    parameters = List.copyOf(parameters);
  }

  /**
   * One parameter as {@code DescribeStacks} shows it: {@code NoEcho} values as {@code ****}, and
   * for an SSM type the parameter's name as value and what it resolved to.
   */
  public record StackParameter(String key, String value, @Nullable String resolvedValue) {}
}
