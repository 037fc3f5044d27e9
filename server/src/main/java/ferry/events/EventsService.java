package ferry.events;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.Verdict;
import ferry.aws.AccountId;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.Region;
import ferry.events.store.RuleRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Amazon EventBridge's rules with event patterns on an account's event buses, their targets,
 * PutEvents, and the events AWS services publish (on the default bus). Matching events are
 * delivered to each target as the session of the target's role, which the target's service
 * authorizes.
 */
public final class EventsService {
  public static final String DEFAULT_BUS = "default";
  private static final System.Logger LOG = System.getLogger(EventsService.class.getName());
  private static final Pattern RULE_NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
  private static final Pattern TARGET_ID = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
  private static final Set<String> STATES =
      Set.of("ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** How long another node's change to a rule may take to reach this node's matching. */
  private static final Duration RULE_CACHE_TTL = Duration.ofSeconds(1);

  private final RuleRepository rules;
  private final ListeningRules listening;
  private final EventBusService buses;
  private final EventsTagService tags;
  private final Authorizer authorizer;
  private final TargetRoleSessions roleSessions;
  private final Clock clock;
  private final List<TargetInvoker> invokers = new CopyOnWriteArrayList<>();
  private final TargetDeliveries deliveries;

  public EventsService(
      RuleRepository rules,
      EventBusService buses,
      EventsTagService tags,
      Authorizer authorizer,
      TargetRoleSessions roleSessions,
      Clock clock) {
    this(rules, buses, tags, authorizer, roleSessions, clock, TargetDeliveries.inMemory(clock));
  }

  /**
   * @param deliveries where matched events wait for their targets: the database, so that each is
   *     delivered once by one of the nodes sharing it, even when the node that matched it stops
   */
  public EventsService(
      RuleRepository rules,
      EventBusService buses,
      EventsTagService tags,
      Authorizer authorizer,
      TargetRoleSessions roleSessions,
      Clock clock,
      TargetDeliveries deliveries) {
    this.deliveries = deliveries;
    this.rules = rules;
    this.listening = new ListeningRules(rules, RULE_CACHE_TTL.toNanos());
    this.buses = buses;
    this.tags = tags;
    this.authorizer = authorizer;
    this.roleSessions = roleSessions;
    this.clock = clock;
  }

  /** Makes, every second, the deliveries other nodes abandoned, until {@link #close}. */
  public void startDeliveries() {
    deliveries.start(this::send);
  }

  /** Makes the deliveries other nodes abandoned, once now; how many. */
  public int sweepDeliveries() {
    return deliveries.sweep(this::send);
  }

  public void close() {
    deliveries.close();
  }

  /** Registers a service to the left that receives events at its targets (CodePipeline). */
  public void register(TargetInvoker invoker) {
    invokers.add(invoker);
  }

  // ---- rules ----

  public String putRule(Caller caller, PutRuleRequest request) {
    return putRule(caller, request, List.of());
  }

  /** Creates or updates a rule; {@code tags} are added to the rule's tags. */
  public String putRule(Caller caller, PutRuleRequest request, List<Tag> ruleTags) {
    checkRuleName(request.name());
    EventsTagService.check(ruleTags);
    String bus = bus(caller, request.eventBusName());
    if (request.scheduleExpression() != null) {
      // Ferry has no scheduler for rules: storing the expression would be a schedule that never
      // runs.
      throw EventsErrors.unsupportedParameter("PutRule", "ScheduleExpression");
    }
    String pattern = request.eventPattern();
    if (pattern == null && request.scheduleExpression() == null) {
      throw EventsErrors.validation(
          "Parameter(s) EventPattern or ScheduleExpression must be specified.");
    }
    if (pattern != null) {
      EventPattern.parse(pattern);
    }
    String state = request.state() == null ? "ENABLED" : request.state();
    if (!STATES.contains(state)) {
      throw EventsErrors.validation(
          "1 validation error detected: Value '"
              + state
              + "' at 'state' failed to satisfy constraint: Member must satisfy enum value set:"
              + " [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]");
    }
    Rule rule =
        new Rule(
            caller.account(),
            caller.region(),
            bus,
            request.name(),
            pattern,
            request.scheduleExpression(),
            state.equals("DISABLED") ? RuleState.DISABLED : RuleState.ENABLED,
            request.description(),
            request.roleArn(),
            clock.instant());
    require(caller, "events:PutRule", rule.arn(), caller.account());
    rules.upsert(rule);
    listening.forget(rule.account(), rule.region(), rule.eventBus());
    if (!ruleTags.isEmpty()) {
      tags.tagNew(rule.arn(), ruleTags);
    }
    return rule.arn();
  }

  public Rule describeRule(Caller caller, String name, @Nullable String busName) {
    Rule rule = rule(caller, name, busName);
    require(caller, "events:DescribeRule", rule.arn(), rule.account());
    return rule;
  }

  public List<Rule> listRules(
      Caller caller, @Nullable String namePrefix, @Nullable String busName) {
    String bus = bus(caller, busName);
    require(
        caller,
        "events:ListRules",
        "arn:aws:events:" + caller.region() + ":" + caller.account() + ":rule/*",
        caller.account());
    return rules.list(caller.account(), caller.region(), bus, namePrefix == null ? "" : namePrefix);
  }

  public List<String> listRuleNamesByTarget(
      Caller caller, String targetArn, @Nullable String busName) {
    String bus = bus(caller, busName);
    require(
        caller,
        "events:ListRuleNamesByTarget",
        "arn:aws:events:" + caller.region() + ":" + caller.account() + ":rule/*",
        caller.account());
    return rules.ruleNamesByTarget(caller.account(), caller.region(), bus, targetArn);
  }

  /** Deletes a rule; a rule with targets cannot be deleted. Deleting a missing rule succeeds. */
  public void deleteRule(Caller caller, String name, @Nullable String busName) {
    String bus = bus(caller, busName);
    var existing = rules.find(caller.account(), caller.region(), bus, name);
    if (existing.isEmpty()) {
      return;
    }
    Rule rule = existing.get();
    require(caller, "events:DeleteRule", rule.arn(), rule.account());
    if (!rules.targets(rule.account(), rule.region(), bus, name).isEmpty()) {
      throw EventsErrors.ruleHasTargets(name);
    }
    rules.delete(rule.account(), rule.region(), bus, name);
    listening.forget(rule.account(), rule.region(), bus);
    tags.forget(rule.arn());
  }

  public void enableRule(Caller caller, String name, @Nullable String busName) {
    setState(caller, name, busName, RuleState.ENABLED, "events:EnableRule");
  }

  public void disableRule(Caller caller, String name, @Nullable String busName) {
    setState(caller, name, busName, RuleState.DISABLED, "events:DisableRule");
  }

  private void setState(
      Caller caller, String name, @Nullable String busName, RuleState state, String action) {
    Rule rule = rule(caller, name, busName);
    require(caller, action, rule.arn(), rule.account());
    rules.setState(rule.account(), rule.region(), rule.eventBus(), name, state);
    listening.forget(rule.account(), rule.region(), rule.eventBus());
  }

  // ---- targets ----

  public List<EntryResult> putTargets(
      Caller caller, String ruleName, @Nullable String busName, List<Target> targets) {
    Rule rule = rule(caller, ruleName, busName);
    require(caller, "events:PutTargets", rule.arn(), rule.account());
    if (targets.isEmpty() || targets.size() > 10) {
      throw EventsErrors.validation(
          "1 validation error detected: Value at 'targets' failed to satisfy constraint: Member"
              + " must have length less than or equal to 10 and greater than or equal to 1");
    }
    for (Target target : targets) {
      if (!TARGET_ID.matcher(target.id()).matches()) {
        throw EventsErrors.validation(
            "1 validation error detected: Value '"
                + target.id()
                + "' at 'targets.member.id' failed to satisfy constraint: Member must satisfy"
                + " regular expression pattern: [\\.\\-_A-Za-z0-9]+");
      }
      TargetInput.validate(target);
    }
    List<Target> accepted = new ArrayList<>();
    List<EntryResult> failed = new ArrayList<>();
    for (Target target : targets) {
      if (target.arn().startsWith("arn:aws:codepipeline:") && target.roleArn() == null) {
        failed.add(
            EntryResult.failed(
                target.id(),
                "ValidationException",
                "RoleArn is required for target arn " + target.arn() + "."));
        continue;
      }
      accepted.add(target);
    }
    rules.putTargets(rule.account(), rule.region(), rule.eventBus(), rule.name(), accepted);
    return failed;
  }

  public List<Target> listTargetsByRule(Caller caller, String ruleName, @Nullable String busName) {
    Rule rule = rule(caller, ruleName, busName);
    require(caller, "events:ListTargetsByRule", rule.arn(), rule.account());
    return rules.targets(rule.account(), rule.region(), rule.eventBus(), rule.name());
  }

  /** Removes targets by id; ids that are not targets of the rule are reported as failed. */
  public List<EntryResult> removeTargets(
      Caller caller, String ruleName, @Nullable String busName, List<String> ids) {
    Rule rule = rule(caller, ruleName, busName);
    require(caller, "events:RemoveTargets", rule.arn(), rule.account());
    List<String> removed =
        rules.removeTargets(rule.account(), rule.region(), rule.eventBus(), rule.name(), ids);
    List<EntryResult> failed = new ArrayList<>();
    for (String id : ids) {
      if (!removed.contains(id)) {
        failed.add(
            EntryResult.failed(
                id, "ResourceNotFoundException", "Target " + id + " does not exist."));
      }
    }
    return failed;
  }

  // ---- events ----

  /** PutEvents from a caller: one result per entry, in order. */
  public List<EntryResult> putEvents(Caller caller, List<PutEventsEntry> entries) {
    if (entries.isEmpty() || entries.size() > 10) {
      throw EventsErrors.validation(
          "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member"
              + " must have length less than or equal to 10 and greater than or equal to 1");
    }
    List<EntryResult> results = new ArrayList<>();
    for (PutEventsEntry entry : entries) {
      EventBus bus;
      try {
        bus = buses.find(caller, entry.eventBusName());
      } catch (AwsException e) {
        results.add(EntryResult.failed(null, e.code(), e.getMessage()));
        continue;
      }
      String busArn = bus.arn();
      Verdict verdict =
          authorizer.authorize(
              caller, AccessRequest.of("events:PutEvents", busArn, caller.account()));
      if (!verdict.allowed()) {
        results.add(EntryResult.failed(null, "AccessDeniedException", verdict.message()));
        continue;
      }
      String problem = problem(entry);
      if (problem != null) {
        results.add(EntryResult.failed(null, "InvalidArgument", problem));
        continue;
      }
      String source = java.util.Objects.requireNonNull(entry.source());
      if (source.startsWith("aws.")) {
        results.add(
            EntryResult.failed(
                null, "NotAuthorizedForSourceException", "Not authorized for the source."));
        continue;
      }
      Instant time = clock.instant();
      if (entry.time() != null) {
        try {
          time = Instant.parse(entry.time());
        } catch (DateTimeParseException e) {
          time = clock.instant();
        }
      }
      Event event =
          new Event(
              UUID.randomUUID().toString(),
              source,
              java.util.Objects.requireNonNull(entry.detailType()),
              caller.account(),
              caller.region(),
              time,
              entry.resources(),
              java.util.Objects.requireNonNull(entry.detail()));
      deliver(event, bus.name());
      results.add(EntryResult.ok(event.id()));
    }
    return results;
  }

  /**
   * An event an AWS service publishes on the default bus of the resource owner's account, such as
   * S3's "Object Created": no caller to authorize, as in AWS.
   */
  public void publish(Event event) {
    deliver(event, DEFAULT_BUS);
  }

  /**
   * Whether an event AWS services publish for the account in the region could match a rule: when
   * not, the service need not make it.
   */
  public boolean hasListeners(AccountId account, Region region) {
    return !listening.on(account, region, DEFAULT_BUS).isEmpty();
  }

  private static @Nullable String problem(PutEventsEntry entry) {
    if (entry.source() == null || entry.source().isEmpty()) {
      return "Parameter Source is not valid. Reason: Source is a required argument.";
    }
    if (entry.detailType() == null || entry.detailType().isEmpty()) {
      return "Parameter DetailType is not valid. Reason: DetailType is a required argument.";
    }
    if (entry.detail() == null || entry.detail().isEmpty()) {
      return "Parameter Detail is not valid. Reason: Detail is a required argument.";
    }
    try {
      if (!(MAPPER.readTree(entry.detail()) instanceof ObjectNode)) {
        return "Parameter Detail is not valid. Reason: Detail is malformed.";
      }
    } catch (JacksonException e) {
      return "Parameter Detail is not valid. Reason: Detail is malformed.";
    }
    return null;
  }

  /** The event as targets and patterns see it: EventBridge's envelope. */
  public static String envelope(Event event) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("version", "0");
    json.put("id", event.id());
    json.put("detail-type", event.detailType());
    json.put("source", event.source());
    json.put("account", event.account().value());
    json.put("time", event.time().truncatedTo(ChronoUnit.SECONDS).toString());
    json.put("region", event.region().name());
    var resources = json.putArray("resources");
    event.resources().forEach(resources::add);
    try {
      json.set("detail", MAPPER.readTree(event.detail()));
    } catch (JacksonException e) {
      throw new IllegalArgumentException("An event's detail is a JSON object", e);
    }
    return json.toString();
  }

  /** Delivers an event to the targets of the enabled rules of its bus that match it. */
  private void deliver(Event event, String bus) {
    String json = envelope(event);
    JsonNode parsed = EventPattern.event(json);
    Instant ingested = clock.instant();
    List<Delivery> matched = new ArrayList<>();
    for (ListeningRules.Listening listener : listening.on(event.account(), event.region(), bus)) {
      if (!listener.pattern().matches(parsed)) {
        continue;
      }
      Rule rule = listener.rule();
      for (Target target : rules.targets(rule.account(), rule.region(), bus, rule.name())) {
        matched.add(
            new Delivery(
                UUID.randomUUID().toString(),
                rule.account(),
                rule.region(),
                bus,
                rule.name(),
                target.id(),
                TargetInput.render(target, rule, json, ingested)));
      }
    }
    deliveries.accept(matched, this::send);
  }

  /**
   * Makes one delivery with the rule and target as they are now; true when it is done, delivered or
   * impossible (the rule or target is gone), false when it should be made again.
   */
  private boolean send(Delivery delivery) {
    Rule rule =
        rules
            .find(delivery.account(), delivery.region(), delivery.bus(), delivery.rule())
            .orElse(null);
    if (rule == null) {
      return true;
    }
    Target target =
        rules.targets(rule.account(), rule.region(), delivery.bus(), rule.name()).stream()
            .filter(t -> t.id().equals(delivery.targetId()))
            .findFirst()
            .orElse(null);
    if (target != null) {
      invoke(rule, target, delivery.input(), delivery.id());
    }
    return true;
  }

  /**
   * Delivers to one target. A failed invocation is EventBridge's problem, not the publisher's: it
   * is logged, and the publisher's request has already succeeded.
   */
  private void invoke(Rule rule, Target target, String event, String deliveryId) {
    TargetInvoker invoker =
        invokers.stream().filter(i -> i.accepts(target.arn())).findFirst().orElse(null);
    if (invoker == null) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Rule {0}: no service in Ferry receives events at {1}",
          rule.arn(),
          target.arn());
      return;
    }
    String roleArn = target.roleArn();
    try {
      if (roleArn == null) {
        throw EventsErrors.validation("RoleArn is required for target arn " + target.arn() + ".");
      }
      Caller session = roleSessions.assume(roleArn, rule.region());
      invoker.invoke(session, rule, target, event, deliveryId);
    } catch (AwsException | IllegalStateException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Rule {0}: delivery to {1} failed: {2}",
          rule.arn(),
          target.arn(),
          e.getMessage());
    }
  }

  // ---- internals ----

  private Rule rule(Caller caller, String name, @Nullable String busName) {
    String bus = bus(caller, busName);
    return rules
        .find(caller.account(), caller.region(), bus, name)
        .orElseThrow(() -> EventsErrors.ruleNotFound(name, bus));
  }

  private static void checkRuleName(String name) {
    if (!RULE_NAME.matcher(name).matches()) {
      throw EventsErrors.validation(
          "1 validation error detected: Value '"
              + name
              + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression"
              + " pattern: [\\.\\-_A-Za-z0-9]+");
    }
  }

  private String bus(Caller caller, @Nullable String nameOrArn) {
    return buses.find(caller, nameOrArn).name();
  }

  private void require(Caller caller, String action, String resource, AccountId owner) {
    Verdict verdict = authorizer.authorize(caller, AccessRequest.of(action, resource, owner));
    if (!verdict.allowed()) {
      throw EventsErrors.accessDenied(verdict.message())
          .withHeader("x-ferry-decision-id", verdict.id());
    }
  }
}
