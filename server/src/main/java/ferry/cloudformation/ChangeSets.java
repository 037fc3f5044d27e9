package ferry.cloudformation;

import ferry.aws.Caller;
import ferry.cloudformation.stack.OnFailure;
import ferry.cloudformation.stack.StackEngine;
import ferry.cloudformation.store.ChangeSetRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Change sets: what a template would change in a stack, computed when the change set is created (a
 * CREATE change set makes the stack in {@code REVIEW_IN_PROGRESS}), and applied by ExecuteChangeSet
 * as CreateStack or UpdateStack would. A change set that changes nothing fails with AWS's reason,
 * which {@code aws cloudformation deploy} reads as "No changes to deploy".
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateChangeSet.html">CreateChangeSet</a>
 */
public final class ChangeSets {
  static final String NO_CHANGES =
      "The submitted information didn't contain changes. Submit different information to create a"
          + " change set.";

  private final StackAccess access;
  private final StackTemplates templates;
  private final StackEngine engine;
  private final ChangeSetRepository changeSets;
  private final Clock clock;

  ChangeSets(
      StackAccess access,
      StackTemplates templates,
      StackEngine engine,
      ChangeSetRepository changeSets,
      Clock clock) {
    this.access = access;
    this.templates = templates;
    this.engine = engine;
    this.changeSets = changeSets;
    this.clock = clock;
  }

  /**
   * Makes a change set. A request carrying the {@code clientToken} of the change set of that name
   * already made is a retry, answered with that change set.
   */
  public ChangeSet createChangeSet(
      Caller caller,
      StackRequest request,
      String name,
      String type,
      @Nullable String description,
      @Nullable String clientToken) {
    StackAccess.checkName(name, "changeSetName");
    if (!type.equals("CREATE") && !type.equals("UPDATE")) {
      if (type.equals("IMPORT")) {
        throw CloudFormationErrors.unsupported("CreateChangeSet", "ChangeSetType IMPORT");
      }
      throw CloudFormationErrors.validation(
          "1 validation error detected: Value '"
              + type
              + "' at 'changeSetType' failed to satisfy constraint: Member must satisfy enum value"
              + " set: [IMPORT, UPDATE, CREATE]");
    }
    var existing = access.lookup(caller, request.stackName());
    String stackId =
        existing
            .map(Stack::stackId)
            .orElseGet(() -> {
              StackAccess.checkName(request.stackName(), "stackName");
              return StackAccess.newStackId(caller, request.stackName());
            });
    access.authorize(caller, "CreateChangeSet", stackId);
    Stack stack = existing.orElse(null);
    if (stack != null && clientToken != null) {
      var retried =
          changeSets
              .findByName(stack.stackId(), name)
              .filter(earlier -> clientToken.equals(earlier.clientToken()));
      if (retried.isPresent()) {
        return retried.get();
      }
    }
    if (type.equals("CREATE")) {
      if (stack != null && stack.status() != StackStatus.REVIEW_IN_PROGRESS) {
        throw CloudFormationErrors.validation(
            "Stack ["
                + stack.name()
                + "] already exists and cannot be created again with the changeSet ["
                + name
                + "].");
      }
    } else if (stack == null) {
      throw CloudFormationErrors.validation("Stack [" + request.stackName() + "] does not exist");
    } else if (stack.status() == StackStatus.REVIEW_IN_PROGRESS || !stack.status().updatable()) {
      throw CloudFormationErrors.inProgress(stack.stackId(), stack.status(), "updated");
    }
    String body =
        stack != null && type.equals("UPDATE")
            ? Stacks.body(request, stack)
            : Objects.requireNonNullElse(request.templateBody(), "");
    if (type.equals("CREATE") && request.usePreviousTemplate()) {
      throw CloudFormationErrors.validation(
          "UsePreviousTemplate can only be used with an UPDATE change set");
    }
    var prepared =
        templates.prepare(
            caller,
            request.stackName(),
            body,
            StackTemplates.values(request.parameters(), type.equals("UPDATE") ? stack : null),
            request.capabilities());
    if (request.roleArn() != null) {
      access.actor(caller, request.roleArn());
    }
    if (stack == null) {
      stack =
          new Stack(
              stackId,
              caller.account(),
              caller.region(),
              request.stackName(),
              StackStatus.REVIEW_IN_PROGRESS,
              "User Initiated",
              body,
              prepared.description(),
              prepared.parameters(),
              request.capabilities(),
              request.roleArn(),
              request.tags() == null ? Map.of() : request.tags(),
              List.of(),
              false,
              null,
              clock.instant(),
              null,
              null);
      if (!access.stacks().insert(stack)) {
        throw CloudFormationErrors.alreadyExists(request.stackName());
      }
      engine.review(stack);
    }
    var sameName = changeSets.findByName(stack.stackId(), name);
    if (sameName.isPresent()) {
      // An executed change set no longer holds its name (the aws CLI's deploy names its change
      // sets by the second, so two deploys in one second reuse a name).
      if (!sameName.get().executionStatus().equals("EXECUTE_COMPLETE")) {
        throw CloudFormationErrors.changeSetAlreadyExists(name);
      }
      changeSets.delete(sameName.get().changeSetId());
    }
    var changes = engine.changes(stack, prepared.plan());
    Map<String, String> tags = request.tags() == null ? stack.tags() : request.tags();
    boolean unchanged =
        type.equals("UPDATE")
            && changes.isEmpty()
            && prepared.parameters().equals(stack.parameters())
            && tags.equals(stack.tags())
            && sameOutputs(stack, prepared);
    String changeSetId =
        "arn:aws:cloudformation:"
            + caller.region().name()
            + ":"
            + caller.account().value()
            + ":changeSet/"
            + name
            + "/"
            + UUID.randomUUID();
    ChangeSet changeSet =
        new ChangeSet(
            changeSetId,
            stack.stackId(),
            stack.name(),
            name,
            type,
            unchanged ? "FAILED" : "CREATE_COMPLETE",
            unchanged ? NO_CHANGES : null,
            unchanged ? "UNAVAILABLE" : "AVAILABLE",
            description,
            body,
            prepared.parameters(),
            request.capabilities(),
            request.roleArn() != null ? request.roleArn() : stack.roleArn(),
            tags,
            changes,
            clock.instant(),
            clientToken);
    changeSets.put(changeSet);
    return changeSet;
  }

  private static boolean sameOutputs(Stack stack, StackTemplates.Prepared prepared) {
    var previous = StackEngine.readStoredTemplate(stack);
    return previous != null && previous.outputs().equals(prepared.plan().template().outputs());
  }

  public ChangeSet describeChangeSet(
      Caller caller, String nameOrId, @Nullable String stackNameOrId) {
    return find(access, changeSets, caller, nameOrId, stackNameOrId, "DescribeChangeSet");
  }

  public void executeChangeSet(
      Caller caller,
      String nameOrId,
      @Nullable String stackNameOrId,
      @Nullable Boolean disableRollback,
      @Nullable String token) {
    ChangeSet changeSet =
        find(access, changeSets, caller, nameOrId, stackNameOrId, "ExecuteChangeSet");
    if (!changeSet.executionStatus().equals("AVAILABLE")) {
      throw CloudFormationErrors.invalidChangeSetStatus(
          "ChangeSet ["
              + changeSet.changeSetId()
              + "] cannot be executed in its current execution status of ["
              + changeSet.executionStatus()
              + "]");
    }
    Stack stack =
        access
            .stacks()
            .find(changeSet.stackId())
            .orElseThrow(() -> CloudFormationErrors.stackNotFound(changeSet.stackId()));
    Map<String, String> values = new java.util.LinkedHashMap<>();
    changeSet.parameters().forEach(p -> values.put(p.key(), p.value()));
    var prepared =
        templates.prepare(
            caller, stack.name(), changeSet.template(), values, changeSet.capabilities());
    Caller actor = access.actor(caller, changeSet.roleArn());
    boolean noRollback = Boolean.TRUE.equals(disableRollback);
    if (changeSet.type().equals("CREATE")) {
      if (stack.status() != StackStatus.REVIEW_IN_PROGRESS) {
        throw CloudFormationErrors.invalidChangeSetStatus(
            "ChangeSet [" + changeSet.changeSetId() + "] cannot be executed: the stack exists");
      }
      Stack created =
          new Stack(
              stack.stackId(),
              stack.account(),
              stack.region(),
              stack.name(),
              StackStatus.CREATE_IN_PROGRESS,
              "User Initiated",
              changeSet.template(),
              prepared.description(),
              prepared.parameters(),
              changeSet.capabilities(),
              changeSet.roleArn(),
              changeSet.tags(),
              List.of(),
              noRollback,
              changeSet.changeSetId(),
              stack.created(),
              null,
              null);
      access.stacks().update(created);
      finishExecution(changeSet);
      engine.create(
          created,
          prepared.plan(),
          actor,
          noRollback ? OnFailure.DO_NOTHING : OnFailure.ROLLBACK,
          token);
      return;
    }
    if (!stack.status().updatable()) {
      throw CloudFormationErrors.inProgress(stack.stackId(), stack.status(), "updated");
    }
    Stack next =
        new Stack(
            stack.stackId(),
            stack.account(),
            stack.region(),
            stack.name(),
            stack.status(),
            stack.statusReason(),
            changeSet.template(),
            prepared.description(),
            prepared.parameters(),
            changeSet.capabilities(),
            changeSet.roleArn(),
            changeSet.tags(),
            stack.outputs(),
            noRollback,
            changeSet.changeSetId(),
            stack.created(),
            clock.instant(),
            null);
    finishExecution(changeSet);
    engine.update(stack, next, prepared.plan(), actor, !noRollback, token);
  }

  /** Executing one change set makes the stack's other change sets obsolete: AWS deletes them. */
  private void finishExecution(ChangeSet executed) {
    changeSets.deleteAll(executed.stackId());
    changeSets.put(executed.withExecutionStatus("EXECUTE_COMPLETE"));
  }

  public void deleteChangeSet(Caller caller, String nameOrId, @Nullable String stackNameOrId) {
    ChangeSet changeSet =
        find(access, changeSets, caller, nameOrId, stackNameOrId, "DeleteChangeSet");
    if (changeSet.executionStatus().equals("EXECUTE_IN_PROGRESS")) {
      throw CloudFormationErrors.invalidChangeSetStatus(
          "Cannot delete ChangeSet "
              + changeSet.changeSetId()
              + " while it is in "
              + changeSet.executionStatus()
              + " status");
    }
    changeSets.delete(changeSet.changeSetId());
  }

  public List<ChangeSet> listChangeSets(Caller caller, String stackNameOrId) {
    Stack stack = access.find(caller, stackNameOrId, "ListChangeSets");
    return changeSets.list(stack.stackId());
  }

  /** A change set by ARN, or by name within the named stack; authorized on its stack. */
  static ChangeSet find(
      StackAccess access,
      ChangeSetRepository changeSets,
      Caller caller,
      String nameOrId,
      @Nullable String stackNameOrId,
      String operation) {
    if (nameOrId.startsWith("arn:")) {
      ChangeSet changeSet = changeSets.find(nameOrId).orElse(null);
      if (changeSet == null
          || !changeSet.changeSetId().contains(":" + caller.account().value() + ":")) {
        access.authorize(caller, operation, StackAccess.wildcardArn(caller, "*"));
        throw CloudFormationErrors.changeSetNotFound(nameOrId);
      }
      access.find(caller, changeSet.stackId(), operation);
      return changeSet;
    }
    if (stackNameOrId == null) {
      throw CloudFormationErrors.validation(
          "StackName must be specified if ChangeSetName is not specified as an ARN.");
    }
    Stack stack = access.find(caller, stackNameOrId, operation);
    return changeSets
        .findByName(stack.stackId(), nameOrId)
        .orElseThrow(() -> CloudFormationErrors.changeSetNotFound(nameOrId));
  }
}
