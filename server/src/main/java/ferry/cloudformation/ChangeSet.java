package ferry.cloudformation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A change set: what executing it would do to its stack (CREATE for a stack in {@code
 * REVIEW_IN_PROGRESS}, UPDATE for an existing one), from its template and parameters; {@code
 * clientToken} is the token of the request that made it, so that request may be retried.
 */
public record ChangeSet(
    String changeSetId,
    String stackId,
    String stackName,
    String name,
    String type,
    String status,
    @Nullable String statusReason,
    String executionStatus,
    @Nullable String description,
    String template,
    List<StackParameter> parameters,
    List<String> capabilities,
    @Nullable String roleArn,
    Map<String, String> tags,
    List<ResourceChange> changes,
    Instant created,
    @Nullable String clientToken) {
  public ChangeSet {
    parameters = List.copyOf(parameters);
    capabilities = List.copyOf(capabilities);
    tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    changes = List.copyOf(changes);
  }

  public ChangeSet withExecutionStatus(String next) {
    return new ChangeSet(
        changeSetId,
        stackId,
        stackName,
        name,
        type,
        status,
        statusReason,
        next,
        description,
        template,
        parameters,
        capabilities,
        roleArn,
        tags,
        changes,
        created,
        clientToken);
  }
}
