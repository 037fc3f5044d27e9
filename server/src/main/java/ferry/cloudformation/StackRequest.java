package ferry.cloudformation;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What CreateStack, UpdateStack and CreateChangeSet share: the stack, its template (or the previous
 * one), parameter values, capabilities, the service role, tags and what to do on failure.
 *
 * @param tags null to keep the stack's tags (an update), else the tags to set
 * @param disableRollback null for the default (roll back)
 * @param onFailure CreateStack's {@code ROLLBACK}, {@code DO_NOTHING} or {@code DELETE}; null when
 *     not given
 */
public record StackRequest(
    String stackName,
    @Nullable String templateBody,
    boolean usePreviousTemplate,
    List<ParameterValue> parameters,
    List<String> capabilities,
    @Nullable String roleArn,
    @Nullable Map<String, String> tags,
    @Nullable Boolean disableRollback,
    @Nullable String onFailure,
    @Nullable String clientRequestToken) {
  public StackRequest {
    parameters = List.copyOf(parameters);
    capabilities = List.copyOf(capabilities);
  }

  /** One parameter as a request gives it: a value, or the previous one. */
  public record ParameterValue(String key, @Nullable String value, boolean usePreviousValue) {}
}
