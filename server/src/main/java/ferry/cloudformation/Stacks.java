package ferry.cloudformation;

import ferry.aws.Caller;
import ferry.cloudformation.stack.OnFailure;
import ferry.cloudformation.stack.StackEngine;
import ferry.cloudformation.store.ChangeSetRepository;
import ferry.cloudformation.store.ResourceRepository;
import ferry.cloudformation.store.StackEventRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * CloudFormation's stack operations: CreateStack, UpdateStack and DeleteStack start the engine's
 * work and return; the describe and list operations read what it has done so far.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html">CreateStack</a>
 */
public final class Stacks {
  private final StackAccess access;
  private final StackTemplates templates;
  private final StackEngine engine;
  private final ResourceRepository resources;
  private final StackEventRepository events;
  private final ChangeSetRepository changeSets;
  private final Clock clock;

  Stacks(
      StackAccess access,
      StackTemplates templates,
      StackEngine engine,
      ResourceRepository resources,
      StackEventRepository events,
      ChangeSetRepository changeSets,
      Clock clock) {
    this.access = access;
    this.templates = templates;
    this.engine = engine;
    this.resources = resources;
    this.events = events;
    this.changeSets = changeSets;
    this.clock = clock;
  }

  public String createStack(Caller caller, StackRequest request) {
    StackAccess.checkName(request.stackName(), "stackName");
    String stackId = StackAccess.newStackId(caller, request.stackName());
    access.authorize(caller, "CreateStack", stackId);
    if (request.disableRollback() != null && request.onFailure() != null) {
      throw CloudFormationErrors.validation(
          "You cannot specify both DisableRollback and OnFailure.");
    }
    OnFailure onFailure = onFailure(request);
    if (access.lookup(caller, request.stackName()).isPresent()) {
      throw CloudFormationErrors.alreadyExists(request.stackName());
    }
    var prepared =
        templates.prepare(
            caller,
            request.stackName(),
            request.templateBody(),
            StackTemplates.values(request.parameters(), null),
            request.capabilities());
    Caller actor = access.actor(caller, request.roleArn());
    Stack stack =
        new Stack(
            stackId,
            caller.account(),
            caller.region(),
            request.stackName(),
            StackStatus.CREATE_IN_PROGRESS,
            "User Initiated",
            java.util.Objects.requireNonNull(request.templateBody()),
            prepared.description(),
            prepared.parameters(),
            request.capabilities(),
            request.roleArn(),
            request.tags() == null ? Map.of() : request.tags(),
            List.of(),
            onFailure != OnFailure.ROLLBACK,
            null,
            clock.instant(),
            null,
            null);
    if (!access.stacks().insert(stack)) {
      throw CloudFormationErrors.alreadyExists(request.stackName());
    }
    engine.create(stack, prepared.plan(), actor, onFailure, request.clientRequestToken());
    return stackId;
  }

  private static OnFailure onFailure(StackRequest request) {
    if (Boolean.TRUE.equals(request.disableRollback())) {
      return OnFailure.DO_NOTHING;
    }
    String onFailure = request.onFailure();
    if (onFailure == null) {
      return OnFailure.ROLLBACK;
    }
    try {
      return OnFailure.valueOf(onFailure);
    } catch (IllegalArgumentException e) {
      throw CloudFormationErrors.validation(
          "1 validation error detected: Value '"
              + onFailure
              + "' at 'onFailure' failed to satisfy constraint: Member must satisfy enum value"
              + " set: [DELETE, DO_NOTHING, ROLLBACK]");
    }
  }

  public String updateStack(Caller caller, StackRequest request) {
    Stack stack = access.find(caller, request.stackName(), "UpdateStack");
    if (!stack.status().updatable()) {
      throw CloudFormationErrors.inProgress(stack.stackId(), stack.status(), "updated");
    }
    String body = body(request, stack);
    var prepared =
        templates.prepare(
            caller,
            stack.name(),
            body,
            StackTemplates.values(request.parameters(), stack),
            request.capabilities());
    String roleArn = request.roleArn() != null ? request.roleArn() : stack.roleArn();
    Caller actor = access.actor(caller, roleArn);
    Map<String, String> tags = request.tags() == null ? stack.tags() : request.tags();
    boolean disableRollback = Boolean.TRUE.equals(request.disableRollback());
    Stack next =
        new Stack(
            stack.stackId(),
            stack.account(),
            stack.region(),
            stack.name(),
            stack.status(),
            stack.statusReason(),
            body,
            prepared.description(),
            prepared.parameters(),
            request.capabilities(),
            roleArn,
            tags,
            stack.outputs(),
            disableRollback,
            null,
            stack.created(),
            clock.instant(),
            null);
    if (engine.changes(stack, prepared.plan()).isEmpty()
        && next.parameters().equals(stack.parameters())
        && tags.equals(stack.tags())
        && sameOutputs(stack, prepared.plan())) {
      throw CloudFormationErrors.noUpdates();
    }
    engine.update(
        stack, next, prepared.plan(), actor, !disableRollback, request.clientRequestToken());
    return stack.stackId();
  }

  private boolean sameOutputs(Stack stack, ferry.cloudformation.stack.StackPlan plan) {
    var previous = ferry.cloudformation.stack.StackEngine.readStoredTemplate(stack);
    return previous != null && previous.outputs().equals(plan.template().outputs());
  }

  static String body(StackRequest request, Stack stack) {
    if (request.usePreviousTemplate()) {
      if (request.templateBody() != null) {
        throw CloudFormationErrors.validation(
            "You cannot specify both usePreviousTemplate and Template Body");
      }
      return stack.template();
    }
    if (request.templateBody() == null) {
      throw CloudFormationErrors.validation(
          "Either Template URL or Template Body must be specified.");
    }
    return request.templateBody();
  }

  public void deleteStack(
      Caller caller, String nameOrId, @Nullable String roleArn, @Nullable String token) {
    var found = access.lookup(caller, nameOrId);
    access.authorize(
        caller,
        "DeleteStack",
        found.map(Stack::stackId).orElse(StackAccess.wildcardArn(caller, nameOrId)));
    if (found.isEmpty() || found.get().status() == StackStatus.DELETE_COMPLETE) {
      // Deleting a stack that does not exist (or no longer does) succeeds, as in AWS.
      return;
    }
    Stack stack = found.get();
    if (stack.status() == StackStatus.DELETE_IN_PROGRESS) {
      return;
    }
    if (stack.status().inProgress()) {
      throw CloudFormationErrors.inProgress(stack.stackId(), stack.status(), "deleted");
    }
    Caller actor = access.actor(caller, roleArn != null ? roleArn : stack.roleArn());
    engine.delete(stack, actor, token);
  }

  public List<Stack> describeStacks(Caller caller, @Nullable String nameOrId) {
    if (nameOrId == null) {
      access.authorize(caller, "DescribeStacks", "*");
      return access.stacks().list(caller.account(), caller.region()).stream()
          .filter(s -> s.status() != StackStatus.DELETE_COMPLETE)
          .toList();
    }
    return List.of(access.find(caller, nameOrId, "DescribeStacks"));
  }

  public List<Stack> listStacks(Caller caller, Set<StackStatus> filter) {
    access.authorize(caller, "ListStacks", "*");
    return access.stacks().list(caller.account(), caller.region()).stream()
        .filter(s -> filter.isEmpty() || filter.contains(s.status()))
        .toList();
  }

  public String getTemplate(
      Caller caller, @Nullable String nameOrId, @Nullable String changeSetName) {
    if (nameOrId == null && (changeSetName == null || !changeSetName.startsWith("arn:"))) {
      throw CloudFormationErrors.validation("StackName must be specified");
    }
    if (changeSetName != null) {
      ChangeSet changeSet =
          ChangeSets.find(access, changeSets, caller, changeSetName, nameOrId, "GetTemplate");
      return changeSet.template();
    }
    return access
        .find(caller, java.util.Objects.requireNonNull(nameOrId), "GetTemplate")
        .template();
  }

  /** Ferry keeps no stack policy (requests that set one are refused), so there is none to get. */
  public void getStackPolicy(Caller caller, String nameOrId) {
    access.find(caller, nameOrId, "GetStackPolicy");
  }

  public List<StackEvent> describeStackEvents(Caller caller, @Nullable String nameOrId) {
    if (nameOrId == null) {
      throw CloudFormationErrors.validation("StackName must be specified");
    }
    return events.list(access.find(caller, nameOrId, "DescribeStackEvents").stackId());
  }

  public StackResource describeStackResource(Caller caller, String nameOrId, String logicalId) {
    Stack stack = access.find(caller, nameOrId, "DescribeStackResource");
    return resources
        .find(stack.stackId(), logicalId)
        .orElseThrow(() ->
            CloudFormationErrors.validation(
                "Resource " + logicalId + " does not exist for stack " + stack.name()));
  }

  public List<StackResource> describeStackResources(
      Caller caller,
      @Nullable String nameOrId,
      @Nullable String logicalId,
      @Nullable String physicalId) {
    Stack stack;
    if (nameOrId != null) {
      stack = access.find(caller, nameOrId, "DescribeStackResources");
    } else if (physicalId != null) {
      var owner =
          resources.byPhysicalId(physicalId).stream()
              .map(r -> access.stacks().find(r.stackId()).orElse(null))
              .filter(s ->
                  s != null
                      && s.account().equals(caller.account())
                      && s.region().equals(caller.region())
                      && s.status() != StackStatus.DELETE_COMPLETE)
              .findFirst();
      if (owner.isEmpty()) {
        access.authorize(caller, "DescribeStackResources", "*");
        throw CloudFormationErrors.validation("Stack for " + physicalId + " does not exist");
      }
      stack = access.find(caller, owner.get().stackId(), "DescribeStackResources");
    } else {
      throw CloudFormationErrors.validation(
          "Either StackName or PhysicalResourceId must be specified.");
    }
    return resources.list(stack.stackId()).stream()
        .filter(r -> logicalId == null || r.logicalId().equals(logicalId))
        .filter(r -> physicalId == null || physicalId.equals(r.physicalId()))
        .toList();
  }

  public List<StackResource> listStackResources(Caller caller, String nameOrId) {
    return resources.list(access.find(caller, nameOrId, "ListStackResources").stackId());
  }
}
