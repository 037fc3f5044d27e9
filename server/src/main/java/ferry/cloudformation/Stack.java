package ferry.cloudformation;

import ferry.aws.AccountId;
import ferry.aws.Region;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A stack: its identity ({@code arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/UUID}), status,
 * the template and parameters its resources were last made from, and what it shows the world.
 */
public record Stack(
    String stackId,
    AccountId account,
    Region region,
    String name,
    StackStatus status,
    @Nullable String statusReason,
    String template,
    @Nullable String description,
    List<StackParameter> parameters,
    List<String> capabilities,
    @Nullable String roleArn,
    Map<String, String> tags,
    List<StackOutput> outputs,
    boolean disableRollback,
    @Nullable String changeSetId,
    Instant created,
    @Nullable Instant lastUpdated,
    @Nullable Instant deleted) {

  public Stack {
    parameters = List.copyOf(parameters);
    capabilities = List.copyOf(capabilities);
    tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    outputs = List.copyOf(outputs);
  }

  public Stack withStatus(StackStatus next, @Nullable String reason) {
    return new Stack(
        stackId,
        account,
        region,
        name,
        next,
        reason,
        template,
        description,
        parameters,
        capabilities,
        roleArn,
        tags,
        outputs,
        disableRollback,
        changeSetId,
        created,
        lastUpdated,
        deleted);
  }
}
