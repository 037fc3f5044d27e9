package ferry.codepipeline.engine;

import ferry.authz.ActingService;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.Region;
import ferry.codepipeline.ActionDeclaration;
import ferry.codepipeline.ActionExecution;
import ferry.codepipeline.ActionStatus;
import ferry.codepipeline.ArtifactLocation;
import ferry.codepipeline.ArtifactStore;
import ferry.codepipeline.ErrorDetails;
import ferry.codepipeline.ExecutionStatus;
import ferry.codepipeline.PipelineDeclaration;
import ferry.codepipeline.PipelineExecution;
import ferry.codepipeline.PipelineVariable;
import ferry.codepipeline.StageDeclaration;
import ferry.codepipeline.StageExecution;
import ferry.codepipeline.StageStatus;
import ferry.codepipeline.StsPipelineRoles;
import ferry.codepipeline.store.ExecutionRepository;
import ferry.codepipeline.store.ExecutionRepository.Gate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Runs one claimed execution from where it stands: stages in order (each behind its gate), inside a
 * stage the actions grouped by runOrder, each group's actions in parallel. Stages and actions that
 * already succeeded in this execution are not run again, which is what makes a retried stage
 * continue the execution.
 */
final class ExecutionRunner {
  private static final long WAIT_MILLIS = 25;

  private final PipelineEngine engine;
  private final ExecutionRepository executions;
  private final String executionId;
  // Checked before every write the runner makes: once another worker took the execution over, the
  // runner stops (ClaimLost) instead of reporting over the taker's outcome or a retry's progress.
  private final LeasedClaim claim;
  private @Nullable Caller serviceSession;

  ExecutionRunner(PipelineEngine engine, LeasedClaim claim) {
    this.engine = engine;
    this.executions = engine.executions();
    this.executionId = claim.executionId();
    this.claim = claim;
  }

  void run() {
    PipelineExecution execution = engine.execution(executionId);
    if (!execution.status().isActive()) {
      return;
    }
    PipelineDeclaration pipeline =
        engine
            .pipelines()
            .findVersion(
                execution.account(),
                execution.region(),
                execution.pipelineName(),
                execution.pipelineVersion())
            .orElse(null);
    if (pipeline == null) {
      engine.fail(
          executionId,
          new ErrorDetails(
              "JobFailed",
              "Pipeline version " + execution.pipelineVersion() + " no longer exists"));
      return;
    }
    Map<String, StageExecution> stages = new HashMap<>();
    executions.stages(executionId).forEach(s -> stages.put(s.stageName(), s));
    String previous = null;
    for (StageDeclaration stage : pipeline.stages()) {
      StageExecution state = stages.get(stage.name());
      String before = previous;
      previous = stage.name();
      if (state != null && state.status() == StageStatus.SUCCEEDED) {
        continue;
      }
      boolean retried = state != null && state.status() == StageStatus.IN_PROGRESS;
      if (!retried && !enter(execution, before, stage)) {
        return;
      }
      if (!runStage(execution, pipeline, stage)) {
        return;
      }
    }
    claim.check();
    executions.transition(
        executionId,
        List.of(ExecutionStatus.IN_PROGRESS),
        ExecutionStatus.SUCCEEDED,
        null,
        engine.clock().instant());
    engine.publishExecution(executionId);
  }

  /** Waits at the stage's gate; false if the execution was superseded or stopped meanwhile. */
  private boolean enter(
      PipelineExecution execution, @Nullable String previous, StageDeclaration stage) {
    while (!engine.closed()) {
      claim.check();
      PipelineExecution now = engine.execution(executionId);
      if (now.status() != ExecutionStatus.IN_PROGRESS) {
        executions.stopWaiting(executionId);
        if (now.status() == ExecutionStatus.STOPPING) {
          executions.transition(
              executionId,
              List.of(ExecutionStatus.STOPPING),
              ExecutionStatus.STOPPED,
              null,
              engine.clock().instant());
          engine.publishExecution(executionId);
        }
        return false;
      }
      Gate gate =
          executions.tryEnterStage(execution, previous, stage.name(), 0, engine.clock().instant());
      switch (gate) {
        case ENTER -> {
          changed(stage.name(), null, StageStatus.IN_PROGRESS.wireName());
          return true;
        }
        case SUPERSEDED -> {
          executions.stopWaiting(executionId);
          executions.transition(
              executionId,
              List.of(ExecutionStatus.IN_PROGRESS),
              ExecutionStatus.SUPERSEDED,
              "A newer execution of the pipeline superseded this one before stage '"
                  + stage.name()
                  + "'",
              engine.clock().instant());
          engine.publishExecution(executionId);
          return false;
        }
        case WAIT -> sleep();
      }
    }
    return false;
  }

  private boolean runStage(
      PipelineExecution execution, PipelineDeclaration pipeline, StageDeclaration stage) {
    Instant entered = executions.stageEntered(executionId, stage.name());
    TreeMap<Integer, List<ActionDeclaration>> groups = new TreeMap<>();
    stage
        .actions()
        .forEach(a -> groups.computeIfAbsent(a.runOrder(), k -> new ArrayList<>()).add(a));
    for (List<ActionDeclaration> group : groups.values()) {
      claim.check();
      PipelineExecution current = engine.execution(executionId);
      if (current.status() != ExecutionStatus.IN_PROGRESS) {
        endStopped(current, stage);
        return false;
      }
      Context context = context(execution, pipeline, stage, entered);
      List<ActionDeclaration> toRun =
          group.stream().filter(a -> !context.succeeded.contains(a.name())).toList();
      List<ErrorDetails> failures = runGroup(execution, pipeline, stage, toRun, context);
      claim.check();
      if (!failures.isEmpty()) {
        // One transaction with the stage, as a stop's: the stage never fails under a running
        // execution, nor after a stop that got there first.
        if (executions.end(
            executionId,
            ExecutionRepository.Ending.failed(failures.getFirst()),
            engine.clock().instant())) {
          changed(stage.name(), null, StageStatus.FAILED.wireName());
        }
        engine.publishExecution(executionId);
        return false;
      }
    }
    claim.check();
    PipelineExecution current = engine.execution(executionId);
    if (current.status() != ExecutionStatus.IN_PROGRESS) {
      endStopped(current, stage);
      return false;
    }
    executions.finishStage(
        executionId, stage.name(), StageStatus.SUCCEEDED, engine.clock().instant());
    changed(stage.name(), null, StageStatus.SUCCEEDED.wireName());
    return true;
  }

  private void endStopped(PipelineExecution current, StageDeclaration stage) {
    if (current.status() == ExecutionStatus.STOPPING) {
      Instant now = engine.clock().instant();
      executions.finishStage(executionId, stage.name(), StageStatus.STOPPED, now);
      changed(stage.name(), null, StageStatus.STOPPED.wireName());
      executions.transition(
          executionId, List.of(ExecutionStatus.STOPPING), ExecutionStatus.STOPPED, null, now);
      engine.publishExecution(executionId);
    }
  }

  private List<ErrorDetails> runGroup(
      PipelineExecution execution,
      PipelineDeclaration pipeline,
      StageDeclaration stage,
      List<ActionDeclaration> group,
      Context context) {
    List<ErrorDetails> failures = new ArrayList<>();
    if (group.size() == 1) {
      ErrorDetails error = runAction(execution, pipeline, stage, group.getFirst(), context);
      if (error != null) {
        failures.add(error);
      }
      return failures;
    }
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<@Nullable ErrorDetails>> results = new ArrayList<>();
      for (ActionDeclaration action : group) {
        results.add(threads.submit(() -> runAction(execution, pipeline, stage, action, context)));
      }
      for (Future<@Nullable ErrorDetails> result : results) {
        ErrorDetails error = result.get();
        if (error != null) {
          failures.add(error);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add(new ErrorDetails("JobFailed", "The execution was interrupted"));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ClaimLost lost) {
        throw lost;
      }
      failures.add(new ErrorDetails("JobFailed", "Internal error: " + e.getCause()));
    }
    return failures;
  }

  /** Runs one action and records it; returns its error, or null when it succeeded. */
  private @Nullable ErrorDetails runAction(
      PipelineExecution execution,
      PipelineDeclaration pipeline,
      StageDeclaration stage,
      ActionDeclaration action,
      Context context) {
    Instant start = engine.clock().instant();
    boolean approval = action.actionTypeId().category().equals("Approval");
    List<ArtifactLocation> inputs = new ArrayList<>();
    for (String name : action.inputArtifacts()) {
      ArtifactLocation location = context.artifacts.get(name);
      if (location != null) {
        inputs.add(location);
      }
    }
    ActionExecution record =
        new ActionExecution(
            UUID.randomUUID().toString(),
            executionId,
            execution.pipelineVersion(),
            stage.name(),
            action.name(),
            ActionStatus.IN_PROGRESS,
            start,
            start,
            pipeline.roleArn(),
            action.actionTypeId(),
            action.configuration(),
            Map.of(),
            action.roleArn(),
            action.region(),
            action.namespace(),
            inputs,
            List.of(),
            Map.of(),
            null,
            null,
            null,
            approval ? UUID.randomUUID().toString() : null);
    claim.check();
    executions.insertAction(execution, record);
    changed(stage.name(), action.name(), ActionStatus.IN_PROGRESS.wireName());
    Map<String, String> resolved = Map.of();
    try {
      resolved = context.variables.resolve(action.configuration());
      Region region = action.region() == null ? execution.region() : Region.of(action.region());
      ArtifactStore store = pipeline.storeFor(region);
      if (store == null) {
        throw ActionFailure.configurationError("The pipeline has no artifact store in " + region);
      }
      ActionResult result;
      // The engine's calls are CodePipeline's: the trail records them as invoked by it.
      String outer = ActingService.enter(StsPipelineRoles.SERVICE_PRINCIPAL);
      try {
        Caller caller = caller(pipeline, action, execution.region());
        result =
            engine
                .provider(action.actionTypeId())
                .run(
                    new ActionJob(
                        pipeline.name(),
                        executionId,
                        action,
                        resolved,
                        caller,
                        inputs,
                        store,
                        execution.sourceRevisions().get(action.name()),
                        claim));
      } finally {
        ActingService.restore(outer);
      }
      if (result.awaitingApproval()) {
        return awaitApproval(record, action);
      }
      claim.check();
      executions.finishAction(finished(record, resolved, ActionStatus.SUCCEEDED, result, null));
      changed(record.stageName(), record.actionName(), ActionStatus.SUCCEEDED.wireName());
      return null;
    } catch (ActionFailure failure) {
      claim.check();
      executions.finishAction(
          finished(record, resolved, ActionStatus.FAILED, null, failure.details()));
      changed(record.stageName(), record.actionName(), ActionStatus.FAILED.wireName());
      return failure.details();
    } catch (ClaimLost lost) {
      throw lost;
    } catch (RuntimeException e) {
      claim.check();
      ErrorDetails error = new ErrorDetails("JobFailed", "Internal error: " + e);
      executions.finishAction(finished(record, resolved, ActionStatus.FAILED, null, error));
      changed(record.stageName(), record.actionName(), ActionStatus.FAILED.wireName());
      return error;
    }
  }

  /** The session the action runs as: the service role's, or the action role's assumed by it. */
  private Caller caller(PipelineDeclaration pipeline, ActionDeclaration action, Region region)
      throws ActionFailure {
    String session = Long.toString(engine.clock().millis());
    try {
      Caller service = serviceSession;
      if (service == null) {
        service = engine.roles().serviceRoleSession(pipeline.roleArn(), session, region);
        serviceSession = service;
      }
      String roleArn = action.roleArn();
      return roleArn == null
          ? service
          : engine.roles().actionRoleSession(service, roleArn, session);
    } catch (AwsException e) {
      throw ActionFailure.permissionError(e);
    }
  }

  private @Nullable ErrorDetails awaitApproval(ActionExecution record, ActionDeclaration action) {
    Integer minutes = action.timeoutInMinutes();
    Instant deadline =
        record.startTime().plus(Duration.ofMinutes(minutes == null ? 7 * 24 * 60 : minutes));
    while (!engine.closed()) {
      claim.check();
      ActionExecution now = executions.findAction(record.id()).orElse(record);
      if (now.status() != ActionStatus.IN_PROGRESS) {
        return now.status() == ActionStatus.SUCCEEDED
            ? null
            : now.errorDetails() == null
                ? new ErrorDetails("JobFailed", "Approval " + now.status().wireName())
                : now.errorDetails();
      }
      if (!engine.execution(executionId).status().isActive()) {
        return new ErrorDetails("JobFailed", "The execution ended before the approval");
      }
      if (engine.clock().instant().isAfter(deadline)) {
        ErrorDetails error = new ErrorDetails("JobFailed", "The approval timed out");
        executions.finishAction(finished(record, Map.of(), ActionStatus.FAILED, null, error));
        changed(record.stageName(), record.actionName(), ActionStatus.FAILED.wireName());
        return error;
      }
      sleep();
    }
    return new ErrorDetails("JobFailed", PipelineEngine.INTERRUPTED);
  }

  private ActionExecution finished(
      ActionExecution record,
      Map<String, String> resolved,
      ActionStatus status,
      @Nullable ActionResult result,
      @Nullable ErrorDetails error) {
    return new ActionExecution(
        record.id(),
        record.executionId(),
        record.pipelineVersion(),
        record.stageName(),
        record.actionName(),
        status,
        record.startTime(),
        engine.clock().instant(),
        record.updatedBy(),
        record.actionTypeId(),
        record.configuration(),
        resolved,
        record.roleArn(),
        record.region(),
        record.namespace(),
        record.inputArtifacts(),
        result == null ? List.of() : result.outputArtifacts(),
        result == null ? Map.of() : result.outputVariables(),
        result != null ? result.summary() : error == null ? null : error.message(),
        error,
        result == null ? null : result.revision(),
        null);
  }

  /** What earlier actions of this execution produced: artifacts, variables, who succeeded. */
  private static final class Context {
    final Map<String, ArtifactLocation> artifacts = new HashMap<>();
    final Variables variables = new Variables();
    final java.util.Set<String> succeeded = new java.util.HashSet<>();
  }

  private Context context(
      PipelineExecution execution,
      PipelineDeclaration pipeline,
      StageDeclaration current,
      Instant entered) {
    Context context = new Context();
    context.variables.put("codepipeline", Map.of("PipelineExecutionId", executionId));
    Map<String, String> pipelineVariables = new LinkedHashMap<>();
    for (PipelineVariable variable : pipeline.effectiveVariables()) {
      if (variable.defaultValue() != null) {
        pipelineVariables.put(variable.name(), variable.defaultValue());
      }
    }
    pipelineVariables.putAll(execution.variables());
    context.variables.put("variables", pipelineVariables);
    Map<String, String> namespaces = new HashMap<>();
    for (StageDeclaration stage : pipeline.stages()) {
      for (ActionDeclaration action : stage.actions()) {
        if (action.namespace() != null) {
          namespaces.put(stage.name() + "/" + action.name(), action.namespace());
        }
      }
    }
    for (ActionExecution done : executions.actions(executionId)) {
      if (done.status() != ActionStatus.SUCCEEDED) {
        continue;
      }
      if (done.stageName().equals(current.name()) && done.startTime().isBefore(entered)) {
        continue;
      }
      if (done.stageName().equals(current.name())) {
        context.succeeded.add(done.actionName());
      }
      done.outputArtifacts().forEach(a -> context.artifacts.put(a.name(), a));
      String namespace = namespaces.get(done.stageName() + "/" + done.actionName());
      if (namespace != null) {
        context.variables.put(namespace, done.outputVariables());
      }
    }
    return context;
  }

  /** Tells the engine's listeners of a stage's or action's new status. */
  private void changed(String stageName, @Nullable String actionName, String status) {
    if (engine.listening()) {
      engine.publish(engine.execution(executionId), stageName, actionName, status);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
