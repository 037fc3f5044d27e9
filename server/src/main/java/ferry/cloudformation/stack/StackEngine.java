package ferry.cloudformation.stack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.cloudformation.ResourceStatus;
import ferry.cloudformation.Stack;
import ferry.cloudformation.StackOutput;
import ferry.cloudformation.StackResource;
import ferry.cloudformation.StackStatus;
import ferry.cloudformation.resource.Provisioned;
import ferry.cloudformation.resource.ResourceHandler;
import ferry.cloudformation.resource.ResourceTypes;
import ferry.cloudformation.store.ChangeSetRepository;
import ferry.cloudformation.store.ExportRepository;
import ferry.cloudformation.store.ResourceRepository;
import ferry.cloudformation.store.StackEventRepository;
import ferry.cloudformation.store.StackRepository;
import ferry.cloudformation.template.DependencyGraph;
import ferry.cloudformation.template.EvaluationContext;
import ferry.cloudformation.template.Evaluator;
import ferry.cloudformation.template.ExportLookup;
import ferry.cloudformation.template.PseudoParameters;
import ferry.cloudformation.template.ResolvedOutput;
import ferry.cloudformation.template.ResourceDeclaration;
import ferry.cloudformation.template.ResourceLookup;
import ferry.cloudformation.template.Template;
import ferry.cloudformation.template.TemplateReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs stack operations in the background, as CloudFormation does: the request that starts one
 * returns at once, and the stack's status, resources and events tell how it goes. Resources are
 * made in dependency order, independent ones together on a small bounded pool.
 */
public final class StackEngine implements AutoCloseable {
  /** The reason of an operation that was running when its Ferry process stopped. */
  public static final String INTERRUPTED =
      "The operation was interrupted by a restart of Ferry before it completed; its outcome is"
          + " unknown.";

  private static final System.Logger LOG = System.getLogger(StackEngine.class.getName());
  private static final int WORKERS = 4;

  /**
   * How long a request that starts an operation waits for it before answering. The work runs in the
   * background either way, and a longer one is still running when the request answers; but the
   * CLI's waiters poll every 30 seconds after their first look, so a small stack that is done
   * within this time is seen complete at once rather than half a minute later.
   */
  public static final Duration SETTLE = Duration.ofSeconds(2);

  private final StackRepository stacks;
  private final ResourceRepository resources;
  private final StackEventRepository events;
  private final ChangeSetRepository changeSets;
  private final ExportRepository exports;
  private final ResourceTypes types;
  private final Clock clock;
  private final Duration settle;
  private final ExecutorService operations =
      Executors.newThreadPerTaskExecutor(
          Thread.ofVirtual().name("cloudformation-stack-", 0).factory());
  private final ExecutorService workers =
      Executors.newFixedThreadPool(
          WORKERS, Thread.ofPlatform().name("cloudformation-resource-", 0).daemon().factory());

  public StackEngine(
      StackRepository stacks,
      ResourceRepository resources,
      StackEventRepository events,
      ChangeSetRepository changeSets,
      ExportRepository exports,
      ResourceTypes types,
      Clock clock,
      Duration settle) {
    this.settle = settle;
    this.stacks = stacks;
    this.resources = resources;
    this.events = events;
    this.changeSets = changeSets;
    this.exports = exports;
    this.types = types;
    this.clock = clock;
  }

  public ResourceTypes types() {
    return types;
  }

  /** Records the first event of a stack a CREATE change set made, waiting for its execution. */
  public void review(Stack stack) {
    events.add(
        new ferry.cloudformation.StackEvent(
            java.util.UUID.randomUUID().toString(),
            stack.stackId(),
            stack.name(),
            stack.name(),
            stack.stackId(),
            "AWS::CloudFormation::Stack",
            clock.instant(),
            StackStatus.REVIEW_IN_PROGRESS.name(),
            "User Initiated",
            null,
            null));
  }

  // ---- create

  /**
   * Starts creating a stack that is stored in {@code CREATE_IN_PROGRESS}: its first event is
   * written before this returns, the resources in the background.
   */
  public void create(
      Stack stack, StackPlan plan, Caller actor, OnFailure onFailure, @Nullable String token) {
    StackRun run = run(stack, actor, token);
    run.event(
        stack.name(),
        stack.stackId(),
        "AWS::CloudFormation::Stack",
        StackStatus.CREATE_IN_PROGRESS.name(),
        "User Initiated",
        null);
    settle(submit(stack, () -> runCreate(run, plan, onFailure)));
  }

  private void runCreate(StackRun run, StackPlan plan, OnFailure onFailure) {
    Template template = plan.template();
    LiveResources live = new LiveResources();
    ImportRecorder imports = new ImportRecorder(run.stack());
    Evaluator evaluator = evaluator(run.stack(), plan, live, imports);
    DependencyGraph graph = DependencyGraph.of(template);
    List<String> included = evaluator.includedResources();
    var outcomes =
        DependencyRun.run(
            included,
            graph::dependencies,
            id -> createResource(run, evaluator, template.resource(id), live, null),
            workers);
    List<String> failed = failedOf(outcomes);
    String failure = null;
    if (failed.isEmpty()) {
      failure = finish(run, evaluator, imports, null);
      if (failure == null) {
        run.status(StackStatus.CREATE_COMPLETE, null);
        return;
      }
    }
    String reason =
        failure != null ? failure : "The following resource(s) failed to create: " + failed + ". ";
    switch (onFailure) {
      case DO_NOTHING -> run.status(StackStatus.CREATE_FAILED, reason);
      case ROLLBACK -> {
        run.status(StackStatus.ROLLBACK_IN_PROGRESS, reason + "Rollback requested by user.");
        List<String> notDeleted = deleteAll(run, template, graph, false);
        if (notDeleted.isEmpty()) {
          run.status(StackStatus.ROLLBACK_COMPLETE, null);
        } else {
          run.status(
              StackStatus.ROLLBACK_FAILED,
              "The following resource(s) failed to delete: " + notDeleted + ". ");
        }
      }
      case DELETE -> {
        run.status(StackStatus.DELETE_IN_PROGRESS, reason);
        List<String> notDeleted = deleteAll(run, template, graph, false);
        completeDelete(run, notDeleted);
      }
    }
  }

  /** Creates one resource (a new one, or a replacement when {@code replacing} is given). */
  boolean createResource(
      StackRun run,
      Evaluator evaluator,
      @Nullable ResourceDeclaration declaration,
      LiveResources live,
      @Nullable StackResource replacing) {
    if (declaration == null) {
      return false;
    }
    String id = declaration.logicalId();
    String type = declaration.type();
    ResourceHandler handler = run.handler(type);
    ObjectNode properties = null;
    try {
      properties = evaluator.properties(id);
      if (replacing == null) {
        run.resource(
            id, type, null, ResourceStatus.CREATE_IN_PROGRESS, null, properties, Map.of(), true);
      } else {
        run.event(
            id,
            replacing.physicalId(),
            type,
            ResourceStatus.UPDATE_IN_PROGRESS.name(),
            "Requested update requires the creation of a new physical resource; hence creating"
                + " one.",
            properties);
      }
      StackRun.checkProperties(id, handler.schema(), properties);
      Provisioned made = handler.create(run.request(id, properties));
      live.put(id, made);
      if (replacing == null) {
        run.event(
            id,
            made.physicalId(),
            type,
            ResourceStatus.CREATE_IN_PROGRESS.name(),
            "Resource creation Initiated",
            null);
      }
      run.resource(
          id,
          type,
          made.physicalId(),
          replacing == null ? ResourceStatus.CREATE_COMPLETE : ResourceStatus.UPDATE_COMPLETE,
          null,
          properties,
          made.attributes(),
          false);
      return true;
    } catch (AwsException e) {
      String reason = ResourceFailure.reason(type, e);
      if (replacing == null) {
        run.resource(
            id, type, null, ResourceStatus.CREATE_FAILED, reason, properties, Map.of(), false);
      } else {
        run.event(
            id, replacing.physicalId(), type, ResourceStatus.UPDATE_FAILED.name(), reason, null);
      }
      return false;
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Creating " + id + " of " + run.stack().name() + " failed",
          e);
      String reason = "Internal Failure: " + e;
      if (replacing == null) {
        run.resource(
            id, type, null, ResourceStatus.CREATE_FAILED, reason, properties, Map.of(), false);
      } else {
        run.event(
            id, replacing.physicalId(), type, ResourceStatus.UPDATE_FAILED.name(), reason, null);
      }
      return false;
    }
  }

  /**
   * Sets the stack's outputs and exports once every resource is in place; returns the reason the
   * stack fails instead (an export another stack has), or null.
   */
  @Nullable String finish(
      StackRun run, Evaluator evaluator, ImportRecorder imports, @Nullable Template template) {
    List<StackOutput> outputs = new ArrayList<>();
    Map<String, String> exported = new LinkedHashMap<>();
    try {
      for (ResolvedOutput output : evaluator.outputs()) {
        outputs.add(
            new StackOutput(
                output.key(), output.value(), output.description(), output.exportName()));
        if (output.exportName() != null) {
          exported.put(output.exportName(), output.value());
        }
      }
    } catch (AwsException e) {
      return e.getMessage();
    }
    Stack stack = run.stack();
    Optional<String> taken =
        exports.replaceExports(stack.account(), stack.region(), stack.stackId(), exported);
    if (taken.isPresent()) {
      String owner =
          exports
              .find(stack.account(), stack.region(), taken.get())
              .flatMap(e -> stacks.find(e.exportingStackId()))
              .map(Stack::name)
              .orElse("another stack");
      return "Export with name " + taken.get() + " is already exported by stack " + owner;
    }
    exports.replaceImports(
        stack.account(), stack.region(), stack.stackId(), stack.name(), imports.names());
    Stack current = run.stack();
    run.save(
        new Stack(
            current.stackId(),
            current.account(),
            current.region(),
            current.name(),
            current.status(),
            current.statusReason(),
            current.template(),
            current.description(),
            current.parameters(),
            current.capabilities(),
            current.roleArn(),
            current.tags(),
            outputs,
            current.disableRollback(),
            current.changeSetId(),
            current.created(),
            current.lastUpdated(),
            current.deleted()));
    return null;
  }

  // ---- delete

  /** Starts deleting a stack: DELETE_IN_PROGRESS before this returns, the resources after. */
  public void delete(Stack stack, Caller actor, @Nullable String token) {
    StackRun run = run(stack, actor, token);
    run.status(StackStatus.DELETE_IN_PROGRESS, "User Initiated");
    settle(submit(stack, () -> runDelete(run)));
  }

  private void runDelete(StackRun run) {
    Stack stack = run.stack();
    for (StackOutput output : stack.outputs()) {
      if (output.exportName() == null) {
        continue;
      }
      List<String> importers =
          exports.importers(stack.account(), stack.region(), output.exportName());
      if (!importers.isEmpty()) {
        run.status(
            StackStatus.DELETE_FAILED,
            "Export "
                + output.exportName()
                + " cannot be deleted as it is in use by "
                + String.join(", ", importers));
        return;
      }
    }
    Template template = readStored(stack);
    DependencyGraph graph = template == null ? null : DependencyGraph.of(template);
    List<String> notDeleted = deleteAll(run, template, graph, true);
    completeDelete(run, notDeleted);
  }

  private void completeDelete(StackRun run, List<String> notDeleted) {
    if (!notDeleted.isEmpty()) {
      run.status(
          StackStatus.DELETE_FAILED,
          "The following resource(s) failed to delete: " + notDeleted + ". ");
      return;
    }
    Stack stack = run.stack();
    exports.replaceExports(stack.account(), stack.region(), stack.stackId(), Map.of());
    exports.replaceImports(
        stack.account(), stack.region(), stack.stackId(), stack.name(), List.of());
    changeSets.deleteAll(stack.stackId());
    run.status(StackStatus.DELETE_COMPLETE, null);
    Stack deleted = run.stack();
    run.save(
        new Stack(
            deleted.stackId(),
            deleted.account(),
            deleted.region(),
            deleted.name(),
            deleted.status(),
            deleted.statusReason(),
            deleted.template(),
            deleted.description(),
            deleted.parameters(),
            deleted.capabilities(),
            deleted.roleArn(),
            deleted.tags(),
            deleted.outputs(),
            deleted.disableRollback(),
            deleted.changeSetId(),
            deleted.created(),
            deleted.lastUpdated(),
            clock.instant()));
  }

  /**
   * Deletes every resource of the stack that exists, dependents first; {@code honourRetain} keeps
   * those whose DeletionPolicy is Retain (a rollback of a create deletes them all, as AWS does).
   * Returns the logical ids that failed to delete.
   */
  List<String> deleteAll(
      StackRun run,
      @Nullable Template template,
      @Nullable DependencyGraph graph,
      boolean honourRetain) {
    Map<String, StackResource> existing = new LinkedHashMap<>();
    for (StackResource resource : resources.list(run.stack().stackId())) {
      if (resource.status() != ResourceStatus.DELETE_COMPLETE
          && resource.status() != ResourceStatus.DELETE_SKIPPED) {
        existing.put(resource.logicalId(), resource);
      }
    }
    var outcomes =
        DependencyRun.run(
            existing.keySet(),
            id -> graph == null ? Set.of() : graph.dependents(id),
            id -> {
              ResourceDeclaration declaration = template == null ? null : template.resource(id);
              boolean retain =
                  honourRetain
                      && declaration != null
                      && declaration.deletionPolicy() == ResourceDeclaration.DeletionPolicy.Retain;
              return deleteResource(run, existing.get(id), retain, false);
            },
            workers);
    return failedOf(outcomes);
  }

  /** Deletes one resource (or skips it, retained); a resource never made is simply gone. */
  boolean deleteResource(StackRun run, StackResource resource, boolean retain, boolean quiet) {
    String id = resource.logicalId();
    if (retain) {
      run.resource(
          id,
          resource.type(),
          resource.physicalId(),
          ResourceStatus.DELETE_SKIPPED,
          null,
          resource.properties(),
          resource.attributes(),
          false);
      return true;
    }
    if (resource.physicalId() == null) {
      run.resource(
          id,
          resource.type(),
          null,
          ResourceStatus.DELETE_COMPLETE,
          null,
          resource.properties(),
          Map.of(),
          false);
      return true;
    }
    if (!quiet) {
      run.resource(
          id,
          resource.type(),
          resource.physicalId(),
          ResourceStatus.DELETE_IN_PROGRESS,
          null,
          resource.properties(),
          resource.attributes(),
          false);
    }
    try {
      ObjectNode properties =
          resource.properties() == null
              ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
              : resource.properties();
      run.handler(resource.type())
          .delete(run.request(id, properties), StackRun.provisioned(resource));
      if (!quiet) {
        run.resource(
            id,
            resource.type(),
            resource.physicalId(),
            ResourceStatus.DELETE_COMPLETE,
            null,
            resource.properties(),
            resource.attributes(),
            false);
      }
      return true;
    } catch (AwsException e) {
      run.resource(
          id,
          resource.type(),
          resource.physicalId(),
          ResourceStatus.DELETE_FAILED,
          ResourceFailure.reason(resource.type(), e),
          resource.properties(),
          resource.attributes(),
          false);
      return false;
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Deleting " + id + " of " + run.stack().name() + " failed",
          e);
      run.resource(
          id,
          resource.type(),
          resource.physicalId(),
          ResourceStatus.DELETE_FAILED,
          "Internal Failure: " + e,
          resource.properties(),
          resource.attributes(),
          false);
      return false;
    }
  }

  // ---- update

  /** Starts updating a stack to {@code next} (its new template, parameters and tags). */
  public void update(
      Stack current,
      Stack next,
      StackPlan plan,
      Caller actor,
      boolean rollback,
      @Nullable String token) {
    StackRun run = run(current, actor, token);
    run.status(StackStatus.UPDATE_IN_PROGRESS, "User Initiated");
    settle(submit(current, () -> new StackUpdate(this, run, next, plan, rollback).run()));
  }

  // ---- shared

  Evaluator evaluator(Stack stack, StackPlan plan, ResourceLookup live, ExportLookup exportLookup) {
    return new Evaluator(
        plan.template(),
        new EvaluationContext(
            new PseudoParameters(
                stack.account().value(),
                stack.region().name(),
                stack.name(),
                stack.stackId(),
                List.of()),
            plan.parameters(),
            live,
            exportLookup));
  }

  /** The region's exports, for Fn::ImportValue, remembering which the stack imports. */
  final class ImportRecorder implements ExportLookup {
    private final Stack stack;
    private final Set<String> names = java.util.concurrent.ConcurrentHashMap.newKeySet();

    ImportRecorder(Stack stack) {
      this.stack = stack;
    }

    @Override
    public @Nullable String value(String exportName) {
      var found = exports.find(stack.account(), stack.region(), exportName);
      if (found.isEmpty()) {
        return null;
      }
      names.add(exportName);
      return found.get().value();
    }

    List<String> names() {
      return List.copyOf(new LinkedHashSet<>(names));
    }
  }

  ImportRecorder imports(Stack stack) {
    return new ImportRecorder(stack);
  }

  ExportRepository exports() {
    return exports;
  }

  StackRepository stacks() {
    return stacks;
  }

  ChangeSetRepository changeSets() {
    return changeSets;
  }

  ExecutorService workers() {
    return workers;
  }

  /** What applying {@code plan} to {@code stack} would change, as a change set lists it. */
  public List<ferry.cloudformation.ResourceChange> changes(Stack stack, StackPlan plan) {
    return new ChangePlanner(resources, types).changes(this, stack, plan);
  }

  /** The stack's stored template, read; null when it no longer reads. */
  public static @Nullable Template readStoredTemplate(Stack stack) {
    return readStored(stack);
  }

  static @Nullable Template readStored(Stack stack) {
    try {
      return TemplateReader.read(stack.template());
    } catch (RuntimeException e) {
      return null;
    }
  }

  static List<String> failedOf(Map<String, DependencyRun.Outcome> outcomes) {
    List<String> failed = new ArrayList<>();
    outcomes.forEach((id, outcome) -> {
      if (outcome == DependencyRun.Outcome.FAILED) {
        failed.add(id);
      }
    });
    return failed;
  }

  private StackRun run(Stack stack, Caller actor, @Nullable String token) {
    return new StackRun(stacks, resources, events, types, clock, stack, actor, token);
  }

  private void settle(java.util.concurrent.Future<?> operation) {
    try {
      operation.get(settle.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // Still running: the request answers now, the operation goes on.
    } catch (java.util.concurrent.ExecutionException e) {
      LOG.log(System.Logger.Level.ERROR, "A stack operation failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private java.util.concurrent.Future<?> submit(Stack stack, Runnable work) {
    return operations.submit(() -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "Stack operation on " + stack.stackId() + " failed", e);
        Stack now = stacks.find(stack.stackId()).orElse(stack);
        if (now.status().inProgress()) {
          stacks.update(now.withStatus(failedStatus(now.status()), "Internal Failure: " + e));
        }
      }
    });
  }

  /**
   * Ends every operation that was running when Ferry stopped: the stack and its resources in
   * progress are marked failed with the reason, so none stays in progress forever.
   */
  public void recover() {
    for (Stack stack : stacks.inProgress()) {
      StackRun run =
          new StackRun(
              stacks,
              resources,
              events,
              types,
              clock,
              stack,
              Caller.of(
                  new ferry.aws.Principal.AccountRoot(stack.account()),
                  stack.region(),
                  clock.instant()),
              null);
      for (StackResource resource : resources.list(stack.stackId())) {
        ResourceStatus failed =
            switch (resource.status()) {
              case CREATE_IN_PROGRESS -> ResourceStatus.CREATE_FAILED;
              case UPDATE_IN_PROGRESS -> ResourceStatus.UPDATE_FAILED;
              case DELETE_IN_PROGRESS -> ResourceStatus.DELETE_FAILED;
              default -> null;
            };
        if (failed != null) {
          run.resource(
              resource.logicalId(),
              resource.type(),
              resource.physicalId(),
              failed,
              INTERRUPTED,
              resource.properties(),
              resource.attributes(),
              false);
        }
      }
      run.status(failedStatus(stack.status()), INTERRUPTED);
    }
  }

  static StackStatus failedStatus(StackStatus status) {
    return switch (status) {
      case CREATE_IN_PROGRESS -> StackStatus.CREATE_FAILED;
      case ROLLBACK_IN_PROGRESS -> StackStatus.ROLLBACK_FAILED;
      case DELETE_IN_PROGRESS -> StackStatus.DELETE_FAILED;
      case UPDATE_IN_PROGRESS -> StackStatus.UPDATE_FAILED;
      case UPDATE_COMPLETE_CLEANUP_IN_PROGRESS -> StackStatus.UPDATE_COMPLETE;
      case UPDATE_ROLLBACK_IN_PROGRESS -> StackStatus.UPDATE_ROLLBACK_FAILED;
      case UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS -> StackStatus.UPDATE_ROLLBACK_COMPLETE;
      default -> status;
    };
  }

  /** Waits for running operations to end (tests), at most {@code seconds}. */
  public void close() {
    operations.shutdown();
    try {
      if (!operations.awaitTermination(10, TimeUnit.SECONDS)) {
        operations.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
  }
}
