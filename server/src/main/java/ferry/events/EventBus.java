package ferry.events;

import ferry.aws.AccountId;
import ferry.aws.Region;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An event bus: each account's {@code default} bus, or a custom bus made with CreateEventBus. */
public record EventBus(
    AccountId account,
    Region region,
    String name,
    @Nullable String description,
    Instant created,
    Instant updated) {

  public String arn() {
    return arn(region, account, name);
  }

  public static String arn(Region region, AccountId account, String name) {
    return "arn:aws:events:" + region + ":" + account + ":event-bus/" + name;
  }

  public boolean isDefault() {
    return name.equals(EventsService.DEFAULT_BUS);
  }
}
