package ferry.events;

import ferry.aws.AccountId;
import ferry.aws.Region;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An EventBridge rule on an event bus: what events it matches and whether it is enabled. */
public record Rule(
    AccountId account,
    Region region,
    String eventBus,
    String name,
    @Nullable String eventPattern,
    @Nullable String scheduleExpression,
    RuleState state,
    @Nullable String description,
    @Nullable String roleArn,
    Instant created) {

  public String arn() {
    String path = eventBus.equals(EventsService.DEFAULT_BUS) ? name : eventBus + "/" + name;
    return "arn:aws:events:" + region + ":" + account + ":rule/" + path;
  }

  public Rule withState(RuleState other) {
    return new Rule(
        account,
        region,
        eventBus,
        name,
        eventPattern,
        scheduleExpression,
        other,
        description,
        roleArn,
        created);
  }
}
