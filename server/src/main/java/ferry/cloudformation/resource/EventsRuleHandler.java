package ferry.cloudformation.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.events.EntryResult;
import ferry.events.EventsService;
import ferry.events.InputTransformer;
import ferry.events.PutRuleRequest;
import ferry.events.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * AWS::Events::Rule through {@link EventsService}: PutRule, then PutTargets; an update puts the
 * rule again and its targets that changed, and removes those no longer listed; delete removes the
 * targets, then the rule. {@code Ref} returns the rule's name, {@code bus|name} on a custom bus.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-events-rule.html">AWS::Events::Rule</a>
 */
public final class EventsRuleHandler implements ResourceHandler {
  static final String TYPE = "AWS::Events::Rule";
  private static final int MAX_NAME = 64;
  private static final int MAX_TARGETS = 5;
  private static final Set<String> TARGET_PROPERTIES =
      Set.of("Id", "Arn", "RoleArn", "Input", "InputPath", "InputTransformer");
  private static final Set<String> UNSUPPORTED_TARGET_PROPERTIES =
      Set.of(
          "AppSyncParameters",
          "BatchParameters",
          "DeadLetterConfig",
          "EcsParameters",
          "HttpParameters",
          "KinesisParameters",
          "RedshiftDataParameters",
          "RetryPolicy",
          "RunCommandParameters",
          "SageMakerPipelineParameters",
          "SqsParameters");

  private static final ResourceSchema SCHEMA =
      new ResourceSchema(
          TYPE,
          Set.of(
              "Name",
              "EventBusName",
              "EventPattern",
              "ScheduleExpression",
              "Description",
              "State",
              "Targets",
              "RoleArn"),
          Set.of(),
          Set.of("Name", "EventBusName"),
          Set.of("Arn"),
          "Name");

  private final EventsService events;

  public EventsRuleHandler(EventsService events) {
    this.events = events;
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Provisioned create(ResourceRequest request) {
    PropertyValues properties = PropertyValues.of(request);
    String given = properties.string("Name");
    String name = given == null ? request.generatedName(MAX_NAME) : given;
    String bus = properties.string("EventBusName");
    PutRuleRequest rule = rule(name, properties);
    List<Target> targets = targets(properties);
    Caller caller = request.caller();
    if (given != null) {
      requireAbsent(caller, name, bus);
    }
    String arn = events.putRule(caller, rule);
    try {
      put(caller, name, bus, targets);
    } catch (AwsException e) {
      try {
        delete(caller, name, bus);
      } catch (AwsException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    return new Provisioned(physicalId(name, bus), Map.of("Arn", arn));
  }

  @Override
  public Provisioned update(
      ResourceRequest request, Provisioned current, ObjectNode previousProperties) {
    PropertyValues properties = PropertyValues.of(request);
    PropertyValues previous = PropertyValues.of(request.logicalId(), previousProperties);
    String name = name(current);
    String bus = bus(current);
    PutRuleRequest rule = rule(name, properties);
    List<Target> targets = targets(properties);
    Caller caller = request.caller();
    if (!rule.equals(rule(name, previous))) {
      events.putRule(caller, rule);
    }
    Map<String, Target> before = byId(targets(previous));
    Map<String, Target> after = byId(targets);
    List<String> removed = before.keySet().stream().filter(id -> !after.containsKey(id)).toList();
    if (!removed.isEmpty()) {
      requireNoFailures(events.removeTargets(caller, name, bus, removed));
    }
    List<Target> changed =
        targets.stream().filter(target -> !target.equals(before.get(target.id()))).toList();
    put(caller, name, bus, changed);
    return current;
  }

  /** Removes the rule's targets, then the rule; a rule that is gone is deleted. */
  @Override
  public void delete(ResourceRequest request, Provisioned current) {
    try {
      delete(request.caller(), name(current), bus(current));
    } catch (AwsException e) {
      if (!e.code().equals("ResourceNotFoundException")) {
        throw e;
      }
    }
  }

  private void delete(Caller caller, String name, @Nullable String bus) {
    List<String> ids =
        events.listTargetsByRule(caller, name, bus).stream().map(Target::id).toList();
    if (!ids.isEmpty()) {
      requireNoFailures(events.removeTargets(caller, name, bus, ids));
    }
    events.deleteRule(caller, name, bus);
  }

  private void requireAbsent(Caller caller, String name, @Nullable String bus) {
    try {
      events.describeRule(caller, name, bus);
    } catch (AwsException e) {
      if (e.code().equals("ResourceNotFoundException")) {
        return;
      }
      throw e;
    }
    throw HandlerErrors.alreadyExists(TYPE, physicalId(name, bus));
  }

  private void put(Caller caller, String name, @Nullable String bus, List<Target> targets) {
    if (!targets.isEmpty()) {
      requireNoFailures(events.putTargets(caller, name, bus, targets));
    }
  }

  /** A target EventBridge refused fails the resource with that target's error. */
  private static void requireNoFailures(List<EntryResult> failed) {
    if (!failed.isEmpty()) {
      EntryResult first = failed.getFirst();
      throw HandlerErrors.invalidRequest(
          first.errorCode()
              + ": "
              + first.errorMessage()
              + " (target "
              + first.id()
              + ", "
              + failed.size()
              + " of the targets failed)");
    }
  }

  private static PutRuleRequest rule(String name, PropertyValues properties) {
    if (properties.has("ScheduleExpression")) {
      throw HandlerErrors.unsupported(
          TYPE,
          "ScheduleExpression",
          "Ferry's EventBridge does not run scheduled rules; give an EventPattern");
    }
    String state = properties.string("State");
    return new PutRuleRequest(
        name,
        properties.document("EventPattern"),
        null,
        state == null ? "ENABLED" : state,
        properties.string("Description"),
        properties.string("RoleArn"),
        properties.string("EventBusName"));
  }

  private static List<Target> targets(PropertyValues properties) {
    List<Target> targets = new ArrayList<>();
    for (PropertyValues target : properties.objects("Targets", MAX_TARGETS)) {
      target.check(
          TYPE,
          TARGET_PROPERTIES,
          UNSUPPORTED_TARGET_PROPERTIES,
          "Ferry's EventBridge delivers to CodePipeline with the event, Input, InputPath or an"
              + " InputTransformer, without retry or dead-letter settings");
      PropertyValues transformer = target.object("InputTransformer");
      InputTransformer inputTransformer = null;
      if (transformer != null) {
        transformer.check(TYPE, Set.of("InputTemplate", "InputPathsMap"), Set.of(), "");
        inputTransformer =
            new InputTransformer(
                transformer.stringMap("InputPathsMap"),
                transformer.requiredString("InputTemplate"));
      }
      targets.add(
          new Target(
              target.requiredString("Id"),
              target.requiredString("Arn"),
              target.string("RoleArn"),
              target.string("Input"),
              target.string("InputPath"),
              inputTransformer));
    }
    return targets;
  }

  private static Map<String, Target> byId(List<Target> targets) {
    Map<String, Target> map = new LinkedHashMap<>();
    targets.forEach(target -> map.put(target.id(), target));
    return map;
  }

  /** The rule's name; on a custom bus its physical id is {@code bus|name}. */
  private static String name(Provisioned current) {
    String id = current.physicalId();
    return id.substring(id.indexOf('|') + 1);
  }

  /** The rule's bus: the part of its physical id before {@code |}, else the default bus. */
  private static @Nullable String bus(Provisioned current) {
    String id = current.physicalId();
    int bar = id.indexOf('|');
    return bar < 0 ? null : id.substring(0, bar);
  }

  private static String physicalId(String name, @Nullable String bus) {
    String busName = busName(bus);
    return busName.equals(EventsService.DEFAULT_BUS) ? name : busName + "|" + name;
  }

  private static String busName(@Nullable String bus) {
    if (bus == null) {
      return EventsService.DEFAULT_BUS;
    }
    int slash = bus.indexOf("event-bus/");
    return bus.startsWith("arn:") && slash >= 0
        ? bus.substring(slash + "event-bus/".length())
        : bus;
  }
}
