package ferry.codepipeline;

import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.Verdict;
import ferry.aws.AccountId;
import ferry.aws.Arn;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.Region;
import ferry.codepipeline.engine.ExecutionEvents;
import ferry.codepipeline.engine.PipelineEngine;
import ferry.codepipeline.store.ExecutionRepository;
import ferry.codepipeline.store.PipelineRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * AWS CodePipeline in plain Java: pipelines, their validation when saved, and their executions,
 * which {@link PipelineEngine} runs. Every operation is authorized as the caller first.
 */
public final class CodePipelineService {
  /** Pipelines per account and region. */
  public static final int MAX_PIPELINES = 1000;

  private final PipelineRepository pipelines;
  private final ExecutionRepository executions;
  private final PipelineEngine engine;
  private final PipelineRoles roles;
  private final Authorizer authorizer;
  private final Clock clock;

  public CodePipelineService(
      PipelineRepository pipelines,
      ExecutionRepository executions,
      PipelineEngine engine,
      PipelineRoles roles,
      Authorizer authorizer,
      Clock clock) {
    this.pipelines = pipelines;
    this.executions = executions;
    this.engine = engine;
    this.roles = roles;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  // ---- pipelines ----

  /** Creates a pipeline at version 1 and starts its first execution, as AWS does. */
  public Pipeline createPipeline(Caller caller, PipelineDeclaration declaration) {
    Region region = caller.region();
    String arn = Pipeline.arn(region, caller.account(), declaration.name());
    require(caller, "codepipeline:CreatePipeline", arn, caller.account());
    PipelineDeclaration wanted = declaration.withVersion(1).withDefaults();
    PipelineValidator.validate(wanted, region);
    passRole(caller, wanted.roleArn());
    checkRoles(wanted, region);
    Instant now = clock.instant();
    Pipeline pipeline = new Pipeline(caller.account(), region, wanted, now, now);
    switch (pipelines.insert(pipeline, MAX_PIPELINES)) {
      case NAME_TAKEN -> throw CodePipelineErrors.nameInUse(caller.account(), declaration.name());
      case TOO_MANY ->
          throw CodePipelineErrors.limitExceeded(
              "Account '"
                  + caller.account()
                  + "' has reached the limit of "
                  + MAX_PIPELINES
                  + " pipelines in "
                  + region);
      case INSERTED -> {}
    }
    start(pipeline, new ExecutionTrigger("CreatePipeline", caller.arn()), Map.of(), Map.of(), null);
    return pipeline;
  }

  public Pipeline getPipeline(Caller caller, String name, @Nullable Integer version) {
    Pipeline pipeline = pipeline(caller, name);
    require(caller, "codepipeline:GetPipeline", pipeline.arn(), pipeline.account());
    if (version == null || version == pipeline.declaration().version()) {
      return pipeline;
    }
    PipelineDeclaration old =
        pipelines
            .findVersion(pipeline.account(), pipeline.region(), name, version)
            .orElseThrow(() -> CodePipelineErrors.pipelineVersionNotFound(name, version));
    return new Pipeline(
        pipeline.account(), pipeline.region(), old, pipeline.created(), pipeline.updated());
  }

  /**
   * Replaces a pipeline's structure with the next version. Members an older client cannot send
   * (pipelineType, executionMode, variables) keep their stored values when absent. Executions in
   * progress are cancelled; no execution is started.
   */
  public Pipeline updatePipeline(Caller caller, PipelineDeclaration declaration) {
    Region region = caller.region();
    String name = declaration.name();
    Pipeline stored =
        pipelines
            .find(caller.account(), region, name)
            .orElseThrow(
                () -> CodePipelineErrors.pipelineNotFoundForUpdate(caller.account(), name));
    require(caller, "codepipeline:UpdatePipeline", stored.arn(), stored.account());
    PipelineDeclaration wanted =
        declaration
            .keepingUnstated(stored.declaration())
            .withVersion(stored.declaration().version() + 1);
    PipelineValidator.validate(wanted, region);
    passRole(caller, wanted.roleArn());
    checkRoles(wanted, region);
    Pipeline updated =
        pipelines
            .update(caller.account(), region, name, clock.instant(), old -> wanted)
            .orElseThrow(
                () -> CodePipelineErrors.pipelineNotFoundForUpdate(caller.account(), name));
    for (PipelineExecution execution : executions.active(caller.account(), region, name)) {
      cancel(execution);
    }
    return updated;
  }

  /** Deletes a pipeline; deleting one that does not exist succeeds. */
  public void deletePipeline(Caller caller, String name) {
    Optional<Pipeline> found = pipelines.find(caller.account(), caller.region(), name);
    String arn = Pipeline.arn(caller.region(), caller.account(), name);
    require(caller, "codepipeline:DeletePipeline", arn, caller.account());
    if (found.isEmpty()) {
      return;
    }
    for (PipelineExecution execution : executions.active(caller.account(), caller.region(), name)) {
      cancel(execution);
    }
    pipelines.delete(caller.account(), caller.region(), name);
  }

  public List<Pipeline> listPipelines(Caller caller) {
    require(
        caller,
        "codepipeline:ListPipelines",
        "arn:aws:codepipeline:" + caller.region() + ":" + caller.account() + ":*",
        caller.account());
    return pipelines.list(caller.account(), caller.region());
  }

  /**
   * Tells {@code listener} of every execution's status changes until the handle is closed; the
   * listener decides what its reader may see, by asking this service as that reader.
   */
  public AutoCloseable listenToExecutions(ExecutionEvents listener) {
    return engine.listen(listener);
  }

  public List<ActionTypeDefinition> listActionTypes(Caller caller) {
    require(
        caller,
        "codepipeline:ListActionTypes",
        "arn:aws:codepipeline:" + caller.region() + ":" + caller.account() + ":actiontype:*",
        caller.account());
    return ActionTypes.ALL;
  }

  // ---- executions ----

  public String startPipelineExecution(Caller caller, StartExecutionRequest request) {
    return startExecution(
        caller,
        caller.account(),
        caller.region(),
        request,
        new ExecutionTrigger("StartPipelineExecution", caller.arn()));
  }

  /**
   * Starts an execution of a pipeline that may belong to another account than the caller's, as an
   * EventBridge target does with its role's session.
   */
  public String startExecution(
      Caller caller,
      AccountId account,
      Region region,
      StartExecutionRequest request,
      ExecutionTrigger trigger) {
    Pipeline pipeline =
        pipelines
            .find(account, region, request.name())
            .orElseThrow(() -> CodePipelineErrors.pipelineNotFound(account, request.name()));
    require(caller, "codepipeline:StartPipelineExecution", pipeline.arn(), pipeline.account());
    String token = request.clientRequestToken();
    if (token != null) {
      Optional<PipelineExecution> earlier =
          executions.findByToken(account, region, request.name(), token);
      if (earlier.isPresent()) {
        return earlier.get().id();
      }
    }
    for (String variable : request.variables().keySet()) {
      if (pipeline.declaration().effectiveVariables().stream()
          .noneMatch(v -> v.name().equals(variable))) {
        throw CodePipelineErrors.validation(
            "Variable '" + variable + "' is not declared in pipeline '" + request.name() + "'");
      }
    }
    for (String action : request.sourceRevisions().keySet()) {
      boolean source =
          pipeline.declaration().stages().getFirst().actions().stream()
              .anyMatch(a -> a.name().equals(action));
      if (!source) {
        throw CodePipelineErrors.validation(
            "Source revision names action '"
                + action
                + "', which is not a source action of the"
                + " pipeline");
      }
    }
    return start(pipeline, trigger, request.sourceRevisions(), request.variables(), token);
  }

  private String start(
      Pipeline pipeline,
      ExecutionTrigger trigger,
      Map<String, String> sourceRevisions,
      Map<String, String> variables,
      @Nullable String token) {
    Instant now = clock.instant();
    var execution =
        new PipelineExecution(
            UUID.randomUUID().toString(),
            pipeline.account(),
            pipeline.region(),
            pipeline.name(),
            pipeline.declaration().version(),
            ExecutionStatus.IN_PROGRESS,
            null,
            trigger,
            pipeline.declaration().effectiveMode(),
            now,
            now,
            null,
            sourceRevisions,
            variables);
    executions.insert(execution, token);
    engine.run(execution.id());
    return execution.id();
  }

  public PipelineExecution getPipelineExecution(Caller caller, String name, String executionId) {
    Pipeline pipeline = pipeline(caller, name);
    require(caller, "codepipeline:GetPipelineExecution", pipeline.arn(), pipeline.account());
    return execution(pipeline, executionId);
  }

  /** The revisions an execution's source actions read. */
  public List<SourceRevision> artifactRevisions(String executionId) {
    List<SourceRevision> revisions = new ArrayList<>();
    for (ActionExecution action : executions.actions(executionId)) {
      if (action.revision() != null && action.status() == ActionStatus.SUCCEEDED) {
        revisions.add(action.revision());
      }
    }
    return revisions;
  }

  /** A pipeline's executions, newest first. */
  public List<PipelineExecution> listPipelineExecutions(Caller caller, String name) {
    return listPipelineExecutions(caller, name, null);
  }

  /** A pipeline's executions, newest first; with a stage, only those that succeeded in it. */
  public List<PipelineExecution> listPipelineExecutions(
      Caller caller, String name, @Nullable String succeededInStage) {
    Pipeline pipeline = pipeline(caller, name);
    require(caller, "codepipeline:ListPipelineExecutions", pipeline.arn(), pipeline.account());
    List<PipelineExecution> all = executions.list(pipeline.account(), pipeline.region(), name);
    if (succeededInStage == null) {
      return all;
    }
    return all.stream()
        .filter(e ->
            executions.stages(e.id()).stream()
                .anyMatch(s ->
                    s.stageName().equals(succeededInStage) && s.status() == StageStatus.SUCCEEDED))
        .toList();
  }

  /** Action executions of a pipeline, newest first, optionally of one execution. */
  public List<ActionExecution> listActionExecutions(
      Caller caller, String name, @Nullable String executionId) {
    return listActionExecutions(caller, name, executionId, false);
  }

  /**
   * Action executions of a pipeline, newest first, optionally of one execution; {@code latestOnly}
   * keeps the newest run of each action of that execution (a retried stage runs actions again).
   */
  public List<ActionExecution> listActionExecutions(
      Caller caller, String name, @Nullable String executionId, boolean latestOnly) {
    Pipeline pipeline = pipeline(caller, name);
    require(caller, "codepipeline:ListActionExecutions", pipeline.arn(), pipeline.account());
    if (executionId != null) {
      execution(pipeline, executionId);
      List<ActionExecution> newestFirst = executions.actions(executionId).reversed();
      if (!latestOnly) {
        return newestFirst;
      }
      var seen = new java.util.HashSet<String>();
      return newestFirst.stream()
          .filter(a -> seen.add(a.stageName() + "/" + a.actionName()))
          .toList();
    }
    return executions.actionsOfPipeline(pipeline.account(), pipeline.region(), name);
  }

  public PipelineState getPipelineState(Caller caller, String name) {
    Pipeline pipeline = pipeline(caller, name);
    require(caller, "codepipeline:GetPipelineState", pipeline.arn(), pipeline.account());
    List<PipelineState.StageState> stages = new ArrayList<>();
    for (StageDeclaration stage : pipeline.declaration().stages()) {
      List<PipelineState.ActionState> actions = new ArrayList<>();
      for (ActionDeclaration action : stage.actions()) {
        actions.add(
            new PipelineState.ActionState(
                action.name(),
                executions
                    .latestAction(
                        pipeline.account(), pipeline.region(), name, stage.name(), action.name())
                    .orElse(null)));
      }
      stages.add(
          new PipelineState.StageState(
              stage.name(),
              executions
                  .latestStage(pipeline.account(), pipeline.region(), name, stage.name())
                  .orElse(null),
              actions));
    }
    return new PipelineState(pipeline, stages);
  }

  /**
   * Stops an execution: without abandon it finishes its in-progress actions and starts no more;
   * with abandon those actions are abandoned at once.
   */
  public String stopPipelineExecution(
      Caller caller, String name, String executionId, boolean abandon, @Nullable String reason) {
    Pipeline pipeline = pipeline(caller, name);
    require(caller, "codepipeline:StopPipelineExecution", pipeline.arn(), pipeline.account());
    checkStoppable(execution(pipeline, executionId), abandon);
    boolean stopped = executions.stop(executionId, abandon, reason, clock.instant());
    if (!stopped) {
      checkStoppable(execution(pipeline, executionId), abandon);
      throw CodePipelineErrors.notStoppable(
          "Execution '" + executionId + "' changed while it was being stopped; try again");
    }
    engine.publishExecution(executionId);
    return executionId;
  }

  /**
   * Runs a failed or stopped stage of the latest execution that entered it again, and continues the
   * execution from there.
   */
  public String retryStageExecution(
      Caller caller, String name, String stageName, String executionId, String retryMode) {
    Pipeline pipeline = pipeline(caller, name);
    require(
        caller,
        "codepipeline:RetryStageExecution",
        pipeline.arn() + "/" + stageName,
        pipeline.account());
    if (!retryMode.equals("FAILED_ACTIONS") && !retryMode.equals("ALL_ACTIONS")) {
      throw CodePipelineErrors.validation(
          "1 validation error detected: Value '"
              + retryMode
              + "' at 'retryMode' failed to satisfy constraint: Member must satisfy enum value"
              + " set: [FAILED_ACTIONS, ALL_ACTIONS]");
    }
    if (pipeline.declaration().stage(stageName) == null) {
      throw CodePipelineErrors.stageNotFound(stageName, name);
    }
    PipelineExecution execution = execution(pipeline, executionId);
    StageExecution latest =
        executions
            .latestStage(pipeline.account(), pipeline.region(), name, stageName)
            .orElseThrow(() ->
                CodePipelineErrors.stageNotRetryable(
                    "Stage '" + stageName + "' has not run in execution '" + executionId + "'"));
    if (!latest.executionId().equals(executionId)) {
      throw CodePipelineErrors.notLatestExecution(
          "Execution '"
              + executionId
              + "' is not the latest execution of stage '"
              + stageName
              + "'");
    }
    if (latest.status() != StageStatus.FAILED && latest.status() != StageStatus.STOPPED) {
      throw CodePipelineErrors.stageNotRetryable(
          "Stage '"
              + stageName
              + "' is "
              + latest.status().wireName()
              + "; only a failed or stopped stage can be retried");
    }
    if (execution.pipelineVersion() != pipeline.declaration().version()) {
      throw CodePipelineErrors.stageNotRetryable(
          "The pipeline was updated since execution '"
              + executionId
              + "' started, so its stages cannot be retried");
    }
    if (engine.isRunning(executionId)) {
      throw CodePipelineErrors.conflict("Execution '" + executionId + "' is still running");
    }
    Instant now = clock.instant();
    executions.retryStage(
        executionId, stageName, latest.retryAttempt() + 1, retryMode.equals("ALL_ACTIONS"), now);
    executions.releaseAny(executionId);
    executions.transition(
        executionId,
        List.of(ExecutionStatus.FAILED, ExecutionStatus.STOPPED),
        ExecutionStatus.IN_PROGRESS,
        null,
        now);
    engine.run(executionId);
    return executionId;
  }

  /** Answers a manual approval; returns when it was approved or rejected. */
  public Instant putApprovalResult(
      Caller caller,
      String name,
      String stageName,
      String actionName,
      String summary,
      String status,
      String token) {
    Pipeline pipeline = pipeline(caller, name);
    require(
        caller,
        "codepipeline:PutApprovalResult",
        pipeline.arn() + "/" + stageName + "/" + actionName,
        pipeline.account());
    if (!status.equals("Approved") && !status.equals("Rejected")) {
      throw CodePipelineErrors.validation(
          "1 validation error detected: Value '"
              + status
              + "' at 'result.status' failed to satisfy constraint: Member must satisfy enum value"
              + " set: [Approved, Rejected]");
    }
    ActionExecution action =
        executions
            .latestAction(pipeline.account(), pipeline.region(), name, stageName, actionName)
            .orElseThrow(() ->
                CodePipelineErrors.actionNotFound(
                    "Action '" + actionName + "' of stage '" + stageName + "' is not running"));
    if (action.status() != ActionStatus.IN_PROGRESS) {
      throw CodePipelineErrors.approvalAlreadyCompleted(
          "The approval of action '" + actionName + "' is already completed");
    }
    if (!token.equals(action.token())) {
      throw CodePipelineErrors.invalidApprovalToken(
          "The token '" + token + "' is not the approval token of action '" + actionName + "'");
    }
    Instant now = clock.instant();
    boolean approved = status.equals("Approved");
    ErrorDetails rejected =
        approved
            ? null
            : new ErrorDetails("JobFailed", "Rejected by " + caller.arn() + ": " + summary);
    executions.finishAction(
        new ActionExecution(
            action.id(),
            action.executionId(),
            action.pipelineVersion(),
            action.stageName(),
            action.actionName(),
            approved ? ActionStatus.SUCCEEDED : ActionStatus.FAILED,
            action.startTime(),
            now,
            caller.arn(),
            action.actionTypeId(),
            action.configuration(),
            action.resolvedConfiguration(),
            action.roleArn(),
            action.region(),
            action.namespace(),
            action.inputArtifacts(),
            List.of(),
            Map.of(),
            summary,
            rejected,
            null,
            null));
    return now;
  }

  // ---- internals ----

  /** Throws unless the execution can be stopped: it is in progress, or stopping and abandoned. */
  private static void checkStoppable(PipelineExecution execution, boolean abandon) {
    if (execution.status() == ExecutionStatus.STOPPING && !abandon) {
      throw CodePipelineErrors.duplicatedStop(
          "Execution '" + execution.id() + "' is already being stopped");
    }
    if (!execution.status().isActive()) {
      throw CodePipelineErrors.notStoppable(
          "Execution '"
              + execution.id()
              + "' is "
              + execution.status().wireName()
              + " and cannot be stopped");
    }
  }

  private void cancel(PipelineExecution execution) {
    executions.end(
        execution.id(),
        ExecutionRepository.Ending.cancelled(
            "The pipeline's definition was updated before the pipeline execution could be"
                + " completed"),
        clock.instant());
  }

  /**
   * The role checks CodePipeline makes when a pipeline is saved: CodePipeline must be able to
   * assume the service role, and the service role each action's role.
   */
  private void checkRoles(PipelineDeclaration pipeline, Region region) {
    String session = Long.toString(clock.millis());
    Caller service;
    try {
      service = roles.serviceRoleSession(pipeline.roleArn(), session, region);
    } catch (AwsException e) {
      throw CodePipelineErrors.invalidStructure(
          "CodePipeline is not authorized to perform AssumeRole on role " + pipeline.roleArn());
    }
    for (StageDeclaration stage : pipeline.stages()) {
      for (ActionDeclaration action : stage.actions()) {
        String roleArn = action.roleArn();
        if (roleArn == null) {
          continue;
        }
        try {
          roles.actionRoleSession(service, roleArn, session);
        } catch (AwsException e) {
          throw CodePipelineErrors.invalidStructure(
              pipeline.roleArn() + " is not authorized to perform AssumeRole on role " + roleArn);
        }
      }
    }
  }

  /** Saving a pipeline passes its service role to CodePipeline: iam:PassRole on the role. */
  private void passRole(Caller caller, String roleArn) {
    Arn arn = Arn.parse(roleArn);
    if (!AccountId.isValid(arn.account())) {
      return;
    }
    require(caller, "iam:PassRole", roleArn, AccountId.of(arn.account()));
  }

  private Pipeline pipeline(Caller caller, String name) {
    return pipelines
        .find(caller.account(), caller.region(), name)
        .orElseThrow(() -> CodePipelineErrors.pipelineNotFound(caller.account(), name));
  }

  private PipelineExecution execution(Pipeline pipeline, String executionId) {
    return executions
        .find(executionId)
        .filter(
            e -> e.pipelineName().equals(pipeline.name()) && e.account().equals(pipeline.account()))
        .orElseThrow(() ->
            CodePipelineErrors.executionNotFound(pipeline.account(), executionId, pipeline.name()));
  }

  private void require(Caller caller, String action, String resource, AccountId owner) {
    Verdict verdict = authorizer.authorize(caller, AccessRequest.of(action, resource, owner));
    if (!verdict.allowed()) {
      throw CodePipelineErrors.accessDenied(verdict.message())
          .withHeader("x-ferry-decision-id", verdict.id());
    }
  }
}
