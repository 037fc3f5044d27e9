package ferry.events;

import ferry.authz.Authorizer;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Region;
import ferry.events.store.EventBusRepository;
import ferry.events.store.RuleRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Event buses: each account's {@code default} bus, which always exists and cannot be deleted, and
 * custom buses made with CreateEventBus. Rules belong to one bus and match only the events put on
 * it.
 */
public final class EventBusService {
  private static final Pattern NAME = Pattern.compile("[\\.\\-_A-Za-z0-9]{1,256}");
  private static final Pattern ARN =
      Pattern.compile("arn:aws[\\w-]*:events:([a-z0-9-]+):([0-9]{12}):event-bus/(.+)");

  private final EventBusRepository buses;
  private final RuleRepository rules;
  private final EventsAccess access;
  private final Clock clock;

  public EventBusService(
      EventBusRepository buses, RuleRepository rules, Authorizer authorizer, Clock clock) {
    this.buses = buses;
    this.rules = rules;
    this.access = new EventsAccess(authorizer);
    this.clock = clock;
  }

  public EventBus createEventBus(
      Caller caller, String name, @Nullable String description, List<Tag> tags) {
    if (name.startsWith("aws.")) {
      throw EventsErrors.validation(
          "Event bus names beginning with aws. are partner event buses, which need an"
              + " EventSourceName; Ferry has no partner event sources.");
    }
    checkName(name);
    if (description != null && description.length() > 512) {
      throw EventsErrors.validation(
          "1 validation error detected: Value at 'description' failed to satisfy constraint:"
              + " Member must have length less than or equal to 512");
    }
    EventsTagService.check(tags);
    String arn = EventBus.arn(caller.region(), caller.account(), name);
    access.require(caller, "events:CreateEventBus", arn, caller.account());
    if (name.equals(EventsService.DEFAULT_BUS)) {
      throw EventsErrors.alreadyExists("Event bus " + name + " already exists.");
    }
    if (tags.size() > EventsTagService.MAX_TAGS) {
      throw EventsErrors.tooManyTags();
    }
    Instant now = clock.instant();
    EventBus bus = new EventBus(caller.account(), caller.region(), name, description, now, now);
    if (!buses.insert(bus, tags)) {
      throw EventsErrors.alreadyExists("Event bus " + name + " already exists.");
    }
    return bus;
  }

  public EventBus describeEventBus(Caller caller, @Nullable String nameOrArn) {
    EventBus bus = find(caller, nameOrArn);
    access.require(caller, "events:DescribeEventBus", bus.arn(), bus.account());
    return bus;
  }

  /** The caller's buses in the region, the default bus among them, by name. */
  public List<EventBus> listEventBuses(Caller caller, @Nullable String namePrefix) {
    if (namePrefix != null) {
      checkName(namePrefix);
    }
    access.require(
        caller,
        "events:ListEventBuses",
        EventBus.arn(caller.region(), caller.account(), "*"),
        caller.account());
    List<EventBus> all = new ArrayList<>(buses.list(caller.account(), caller.region()));
    all.add(defaultBus(caller.account(), caller.region()));
    all.sort(Comparator.comparing(EventBus::name));
    String prefix = namePrefix == null ? "" : namePrefix;
    return all.stream().filter(b -> b.name().startsWith(prefix)).toList();
  }

  /**
   * Deletes a custom bus; deleting one that does not exist succeeds. The default bus cannot be
   * deleted, and a bus with rules cannot be deleted until they are.
   */
  public void deleteEventBus(Caller caller, String name) {
    checkName(name);
    String arn = EventBus.arn(caller.region(), caller.account(), name);
    access.require(caller, "events:DeleteEventBus", arn, caller.account());
    if (name.equals(EventsService.DEFAULT_BUS)) {
      throw EventsErrors.validation("Cannot delete event bus default.");
    }
    var bus = buses.find(caller.account(), caller.region(), name);
    if (bus.isEmpty()) {
      return;
    }
    if (!rules.list(caller.account(), caller.region(), name, "").isEmpty()) {
      throw EventsErrors.validation(
          "Event bus " + name + " still has rules; delete its rules before the bus.");
    }
    buses.delete(bus.get());
  }

  /**
   * The bus a request names, by name or ARN, in the caller's account and region; no name is the
   * default bus.
   */
  public EventBus find(Caller caller, @Nullable String nameOrArn) {
    return find(caller.account(), caller.region(), nameOrArn);
  }

  public EventBus find(AccountId account, Region region, @Nullable String nameOrArn) {
    String name = nameOrArn == null ? EventsService.DEFAULT_BUS : nameOrArn;
    var arn = ARN.matcher(name);
    if (arn.matches()) {
      if (!arn.group(1).equals(region.name()) || !arn.group(2).equals(account.value())) {
        // Cross-account and cross-region buses need bus policies (PutPermission), not built yet.
        throw EventsErrors.validation(
            "Ferry does not support event buses of another account or region: " + name);
      }
      name = arn.group(3);
    }
    if (name.equals(EventsService.DEFAULT_BUS)) {
      return defaultBus(account, region);
    }
    String wanted = name;
    return buses.find(account, region, name).orElseThrow(() -> EventsErrors.busNotFound(wanted));
  }

  private static EventBus defaultBus(AccountId account, Region region) {
    return new EventBus(
        account, region, EventsService.DEFAULT_BUS, null, Instant.EPOCH, Instant.EPOCH);
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw EventsErrors.validation(
          "1 validation error detected: Value '"
              + name
              + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression"
              + " pattern: [/\\.\\-_A-Za-z0-9]+");
    }
  }
}
