package ferry.cloudformation.stack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.cloudformation.ResourceStatus;
import ferry.cloudformation.Stack;
import ferry.cloudformation.StackEvent;
import ferry.cloudformation.StackResource;
import ferry.cloudformation.StackStatus;
import ferry.cloudformation.resource.Provisioned;
import ferry.cloudformation.resource.ResourceHandler;
import ferry.cloudformation.resource.ResourceRequest;
import ferry.cloudformation.resource.ResourceSchema;
import ferry.cloudformation.resource.ResourceTypes;
import ferry.cloudformation.store.ResourceRepository;
import ferry.cloudformation.store.StackEventRepository;
import ferry.cloudformation.store.StackRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One operation on one stack: who acts (the stack's caller through CloudFormation, or a session of
 * its role), and the records it writes as it goes (the stack's status, its resources, its events).
 */
final class StackRun {
  private final StackRepository stacks;
  private final ResourceRepository resources;
  private final StackEventRepository events;
  private final ResourceTypes types;
  private final Clock clock;
  private final Caller actor;
  private final @Nullable String token;
  private volatile Stack stack;
  private volatile Map<String, String> tags;

  StackRun(
      StackRepository stacks,
      ResourceRepository resources,
      StackEventRepository events,
      ResourceTypes types,
      Clock clock,
      Stack stack,
      Caller actor,
      @Nullable String token) {
    this.stacks = stacks;
    this.resources = resources;
    this.events = events;
    this.types = types;
    this.clock = clock;
    this.stack = stack;
    this.tags = stack.tags();
    this.actor = actor;
    this.token = token;
  }

  Stack stack() {
    return stack;
  }

  Clock clock() {
    return clock;
  }

  ResourceRepository resources() {
    return resources;
  }

  /** Moves the stack to {@code status} and records the stack's event. */
  synchronized void status(StackStatus status, @Nullable String reason) {
    stack = stack.withStatus(status, reason);
    stacks.update(stack);
    event(stack.name(), stack.stackId(), "AWS::CloudFormation::Stack", status.name(), reason, null);
  }

  /** Saves the stack as given (template, parameters, outputs …), without an event. */
  synchronized void save(Stack next) {
    stack = next;
    stacks.update(stack);
  }

  void event(
      String logicalId,
      @Nullable String physicalId,
      String type,
      String status,
      @Nullable String reason,
      @Nullable ObjectNode properties) {
    events.add(
        new StackEvent(
            UUID.randomUUID().toString(),
            stack.stackId(),
            stack.name(),
            logicalId,
            physicalId,
            type,
            clock.instant(),
            status,
            reason,
            properties == null ? null : properties.toString(),
            token));
  }

  /** Records a resource's new state, and its event. */
  void resource(
      String logicalId,
      String type,
      @Nullable String physicalId,
      ResourceStatus status,
      @Nullable String reason,
      @Nullable ObjectNode properties,
      Map<String, String> attributes,
      boolean withPropertiesInEvent) {
    resources.put(
        new StackResource(
            stack.stackId(),
            stack.name(),
            logicalId,
            physicalId,
            type,
            status,
            reason,
            properties,
            attributes,
            clock.instant()));
    event(
        logicalId,
        physicalId,
        type,
        status.name(),
        reason,
        withPropertiesInEvent ? properties : null);
  }

  ResourceHandler handler(String type) {
    return types
        .find(type)
        .orElseThrow(() ->
            new IllegalStateException("No handler for " + type + "; the template check missed it"));
  }

  ResourceRequest request(String logicalId, ObjectNode properties) {
    return new ResourceRequest(actor, stack.name(), stack.stackId(), logicalId, properties, tags);
  }

  /** The stack tags resources get from now on (an update's new tags, or a rollback's old). */
  void useTags(Map<String, String> next) {
    tags = Map.copyOf(next);
  }

  /**
   * The properties' check CloudFormation makes against the type's schema before calling the
   * handler: a property the type does not have, or a required one missing, fails the resource.
   */
  static void checkProperties(String logicalId, ResourceSchema schema, ObjectNode properties) {
    List<String> unknown = new ArrayList<>();
    properties
        .fieldNames()
        .forEachRemaining(name -> {
          if (!schema.properties().contains(name)) {
            unknown.add(name);
          }
        });
    if (!unknown.isEmpty()) {
      throw new AwsException(
          ferry.aws.ErrorCode.sender("ValidationError", 400),
          "Encountered unsupported property " + unknown.getFirst());
    }
    for (String required : new TreeSet<>(schema.required())) {
      if (!properties.has(required)) {
        throw new AwsException(
            ferry.aws.ErrorCode.sender("ValidationError", 400),
            "Properties validation failed for resource "
                + logicalId
                + " with message: #: required key ["
                + required
                + "] not found");
      }
    }
  }

  static Provisioned provisioned(StackResource resource) {
    return new Provisioned(
        resource.physicalId() == null ? "" : resource.physicalId(), resource.attributes());
  }
}
