package ferry.codepipeline.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.codepipeline.ActionExecution;
import ferry.codepipeline.ActionStatus;
import ferry.codepipeline.ActionTypeId;
import ferry.codepipeline.ArtifactLocation;
import ferry.codepipeline.ErrorDetails;
import ferry.codepipeline.ExecutionMode;
import ferry.codepipeline.ExecutionStatus;
import ferry.codepipeline.ExecutionTrigger;
import ferry.codepipeline.PipelineExecution;
import ferry.codepipeline.SourceRevision;
import ferry.codepipeline.StageExecution;
import ferry.codepipeline.StageStatus;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Executions, their stage executions and action executions: the engine's durable state. Every
 * status change is a conditional UPDATE on the status it expects, so two Ferry processes sharing a
 * database never run one execution twice or overwrite each other's outcome.
 */
public final class ExecutionRepository {
  private static final String EXECUTION_COLUMNS =
      "execution_id, account_id, region, pipeline_name, pipeline_version, status, status_summary,"
          + " trigger_type, trigger_detail, execution_mode, client_token, source_revisions,"
          + " variables, stop_reason, seq, start_time, last_update_time";
  private static final List<ExecutionStatus> ACTIVE_STATUSES =
      Arrays.stream(ExecutionStatus.values()).filter(ExecutionStatus::isActive).toList();
  private static final String ACTIVE = "(" + sqlList(ACTIVE_STATUSES) + ")";
  // The statuses of a stage in flight.
  private static final String ACTIVE_STAGE = "('IN_PROGRESS', 'STOPPING')";

  private final Database db;

  public ExecutionRepository(Database db) {
    this.db = db;
  }

  // ---- executions ----

  public void insert(PipelineExecution execution, @Nullable String clientToken) {
    db.write(c -> {
      // Two nodes starting executions of one pipeline at once take turns here, so each gets its
      // own place in the start order that QUEUED and SUPERSEDED mode go by.
      lockPipeline(c, execution);
      db.dialect().lock(c, "codepipeline_executions");
      long seq = Sql.count(c, "SELECT COALESCE(MAX(seq), 0) FROM codepipeline_executions") + 1;
      return Sql.update(
          c,
          "INSERT INTO codepipeline_executions ("
              + EXECUTION_COLUMNS
              + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          execution.id(),
          execution.account().value(),
          execution.region().name(),
          execution.pipelineName(),
          execution.pipelineVersion(),
          execution.status(),
          execution.statusSummary(),
          execution.trigger().triggerType(),
          execution.trigger().triggerDetail(),
          execution.mode(),
          clientToken,
          mapText(execution.sourceRevisions()),
          mapText(execution.variables()),
          execution.stopReason(),
          seq,
          execution.startTime(),
          execution.lastUpdateTime());
    });
  }

  public Optional<PipelineExecution> find(String id) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT " + EXECUTION_COLUMNS + " FROM codepipeline_executions WHERE execution_id = ?",
            ExecutionRepository::execution,
            id));
  }

  public Optional<PipelineExecution> findByToken(
      AccountId account, Region region, String pipeline, String token) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT "
                + EXECUTION_COLUMNS
                + " FROM codepipeline_executions WHERE account_id = ? AND region = ? AND"
                + " pipeline_name = ? AND client_token = ?",
            ExecutionRepository::execution,
            account.value(),
            region.name(),
            pipeline,
            token));
  }

  /** A pipeline's executions, newest first. */
  public List<PipelineExecution> list(AccountId account, Region region, String pipeline) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT "
                + EXECUTION_COLUMNS
                + " FROM codepipeline_executions WHERE account_id = ? AND region = ? AND"
                + " pipeline_name = ? ORDER BY seq DESC",
            ExecutionRepository::execution,
            account.value(),
            region.name(),
            pipeline));
  }

  /**
   * Takes the pipeline's row lock for the rest of the transaction, so the decisions about a
   * pipeline's executions are made by one node at a time. On SQLite a write that changes nothing
   * does it: it makes the transaction the database's one writer before it reads anything.
   */
  private void lockPipeline(Connection c, PipelineExecution execution) throws SQLException {
    Object[] pipeline = {
      execution.account().value(), execution.region().name(), execution.pipelineName()
    };
    String where = " WHERE account_id = ? AND region = ? AND name = ?";
    if (db.dialect().needsWriterLock()) {
      Sql.update(c, "UPDATE codepipeline_pipelines SET version = version" + where, pipeline);
    } else {
      Sql.list(
          c,
          "SELECT version FROM codepipeline_pipelines" + where + " FOR UPDATE",
          row -> row.getLong(1),
          pipeline);
    }
  }

  /**
   * Claims an unclaimed active execution for a worker: the claim's generation (its fencing token),
   * or empty if another worker has the execution.
   */
  public OptionalLong claim(String id, String worker, Instant now) {
    return db.write(c -> {
      int claimed =
          Sql.update(
              c,
              "UPDATE codepipeline_executions SET worker = ?, heartbeat = ?, claim_generation ="
                  + " claim_generation + 1 WHERE execution_id = ? AND worker IS NULL AND status IN "
                  + ACTIVE,
              worker,
              now,
              id);
      return claimed == 1 ? OptionalLong.of(generation(c, id)) : OptionalLong.empty();
    });
  }

  private static long generation(Connection c, String id) throws SQLException {
    return Sql.count(
        c, "SELECT claim_generation FROM codepipeline_executions WHERE execution_id = ?", id);
  }

  /** Lets go of a claim, unless another claim (another worker's, or a later one) replaced it. */
  public void release(String id, String worker, long generation) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE codepipeline_executions SET worker = NULL, waiting_stage = NULL WHERE"
                + " execution_id = ? AND worker = ? AND claim_generation = ?",
            id,
            worker,
            generation));
  }

  /**
   * Renews the worker's claims. A heartbeat never moves backwards: a renewal that waited long for
   * the database must not shorten a lease a later write (a claim) already extended.
   */
  public void heartbeat(String worker, Instant now) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE codepipeline_executions SET heartbeat = ? WHERE worker = ? AND heartbeat < ?",
            now,
            worker,
            now));
  }

  /**
   * The heartbeat of a claim if {@code worker} still holds the execution under {@code generation};
   * empty if the claim was taken over, released or replaced.
   */
  public Optional<Instant> heldSince(String id, String worker, long generation) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT heartbeat FROM codepipeline_executions WHERE execution_id = ? AND worker = ?"
                + " AND claim_generation = ?",
            row -> Instant.ofEpochMilli(row.getLong(1)),
            id,
            worker,
            generation));
  }

  /** Active executions no worker holds: new ones, and retried ones. */
  public List<String> unclaimed() {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT execution_id FROM codepipeline_executions WHERE worker IS NULL AND status IN "
                + ACTIVE
                + " ORDER BY seq",
            row -> row.getString(1)));
  }

  /**
   * Takes an execution from a worker that stopped beating before {@code cutoff} (another node's, or
   * this one's when its runner ended without letting go, the database being away); false if its
   * worker beat since, or another worker took it first. Of several nodes finding the same abandoned
   * execution, exactly one recovers it.
   */
  public boolean takeOver(String id, String worker, Instant cutoff, Instant now) {
    return db.write(c ->
        Sql.update(
            c,
            "UPDATE codepipeline_executions SET worker = ?, heartbeat = ?, claim_generation ="
                + " claim_generation + 1 WHERE execution_id = ? AND worker IS NOT NULL AND"
                + " heartbeat < ? AND status IN "
                + ACTIVE,
            worker,
            now,
            id,
            cutoff))
        == 1;
  }

  /** Whether a worker, on any node, holds the execution now. */
  public boolean isClaimed(String id) {
    return db.read(c ->
        Sql.count(
            c,
            "SELECT COUNT(*) FROM codepipeline_executions WHERE execution_id = ? AND worker IS"
                + " NOT NULL",
            id))
        > 0;
  }

  /** Active executions whose worker stopped beating before {@code cutoff}. */
  public List<String> abandonedBefore(Instant cutoff) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT execution_id FROM codepipeline_executions WHERE worker IS NOT NULL AND"
                + " heartbeat < ? AND status IN "
                + ACTIVE,
            row -> row.getString(1),
            cutoff));
  }

  /**
   * Moves an execution from one of the expected statuses to another; false if it was not in one.
   */
  public boolean transition(
      String id,
      List<ExecutionStatus> from,
      ExecutionStatus to,
      @Nullable String summary,
      Instant now) {
    return db.write(c -> transition(c, id, from, to, summary, now));
  }

  private static boolean transition(
      Connection c,
      String id,
      List<ExecutionStatus> from,
      ExecutionStatus to,
      @Nullable String summary,
      Instant now)
      throws SQLException {
    return Sql.update(
            c,
            "UPDATE codepipeline_executions SET status = ?, status_summary = ?, last_update_time = ?"
                + " WHERE execution_id = ? AND status IN ("
                + sqlList(from)
                + ")",
            to,
            summary,
            now,
            id)
        == 1;
  }

  /** The statuses as the items of an SQL {@code IN} list; they are enum names, never input. */
  private static String sqlList(List<ExecutionStatus> statuses) {
    return String.join(", ", statuses.stream().map(s -> "'" + s.name() + "'").toList());
  }

  /**
   * Stops an execution with its reason, in one transaction: with abandon it ends as STOPPED and its
   * in-flight actions as ABANDONED; without, an execution in progress becomes STOPPING. False,
   * changing nothing, if the execution was not in a status it can be stopped from.
   */
  public boolean stop(String id, boolean abandon, @Nullable String reason, Instant now) {
    return db.write(c -> {
      boolean stopped =
          abandon
              ? end(c, id, Ending.stopped(reason), now)
              : transition(
                  c,
                  id,
                  List.of(ExecutionStatus.IN_PROGRESS),
                  ExecutionStatus.STOPPING,
                  reason,
                  now);
      if (stopped) {
        Sql.update(
            c,
            "UPDATE codepipeline_executions SET stop_reason = ? WHERE execution_id = ?",
            reason,
            id);
      }
      return stopped;
    });
  }

  /** Active executions of a pipeline, oldest first. */
  public List<PipelineExecution> active(AccountId account, Region region, String pipeline) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT "
                + EXECUTION_COLUMNS
                + " FROM codepipeline_executions WHERE account_id = ? AND region = ? AND"
                + " pipeline_name = ? AND status IN "
                + ACTIVE
                + " ORDER BY seq",
            ExecutionRepository::execution,
            account.value(),
            region.name(),
            pipeline));
  }

  // ---- stage gates ----

  /** What an execution waiting in front of a stage may do. */
  public enum Gate {
    ENTER,
    WAIT,
    SUPERSEDED
  }

  /**
   * Decides in one transaction whether an execution may enter a stage: in SUPERSEDED and QUEUED
   * mode a stage holds one execution at a time; in SUPERSEDED mode a newer execution waiting at the
   * same stage supersedes an older one; in QUEUED mode executions enter in start order. On ENTER
   * the stage execution is recorded InProgress.
   */
  public Gate tryEnterStage(
      PipelineExecution execution, String stage, int retryAttempt, Instant now) {
    return tryEnterStage(execution, null, stage, retryAttempt, now);
  }

  /**
   * As {@link #tryEnterStage(PipelineExecution, String, int, Instant)}, and an execution also waits
   * while the stage's inbound transition or {@code previous} stage's outbound one is disabled.
   */
  public Gate tryEnterStage(
      PipelineExecution execution,
      @Nullable String previous,
      String stage,
      int retryAttempt,
      Instant now) {
    return db.write(c -> {
      // Pipeline row first, as in insert: two nodes deciding for one pipeline decide in turn, so a
      // stage never admits two executions in QUEUED or SUPERSEDED mode.
      lockPipeline(c, execution);
      Sql.update(
          c,
          "UPDATE codepipeline_executions SET waiting_stage = ? WHERE execution_id = ?",
          stage,
          execution.id());
      if (execution.mode() != ExecutionMode.PARALLEL) {
        long seq =
            Sql.count(
                c,
                "SELECT seq FROM codepipeline_executions WHERE execution_id = ?",
                execution.id());
        String order = execution.mode() == ExecutionMode.SUPERSEDED ? "seq > ?" : "seq < ?";
        long others =
            Sql.count(
                c,
                "SELECT COUNT(*) FROM codepipeline_executions WHERE account_id = ? AND region = ?"
                    + " AND pipeline_name = ? AND waiting_stage = ? AND status IN "
                    + ACTIVE
                    + " AND "
                    + order,
                execution.account().value(),
                execution.region().name(),
                execution.pipelineName(),
                stage,
                seq);
        if (others > 0) {
          return execution.mode() == ExecutionMode.SUPERSEDED ? Gate.SUPERSEDED : Gate.WAIT;
        }
        long busy =
            Sql.count(
                c,
                "SELECT COUNT(*) FROM codepipeline_stage_executions WHERE account_id = ? AND"
                    + " region = ? AND pipeline_name = ? AND stage_name = ? AND status IN "
                    + ACTIVE_STAGE
                    + " AND execution_id <> ?",
                execution.account().value(),
                execution.region().name(),
                execution.pipelineName(),
                stage,
                execution.id());
        if (busy > 0) {
          return Gate.WAIT;
        }
      }
      long disabled =
          Sql.count(
              c,
              "SELECT COUNT(*) FROM codepipeline_stage_transitions WHERE account_id = ? AND"
                  + " region = ? AND pipeline_name = ? AND enabled = 0 AND ((stage_name = ? AND"
                  + " transition_type = 'Inbound') OR (stage_name = ? AND transition_type ="
                  + " 'Outbound'))",
              execution.account().value(),
              execution.region().name(),
              execution.pipelineName(),
              stage,
              previous);
      if (disabled > 0) {
        return Gate.WAIT;
      }
      Sql.update(
          c,
          "UPDATE codepipeline_executions SET waiting_stage = NULL WHERE execution_id = ?",
          execution.id());
      putStage(c, execution, stage, StageStatus.IN_PROGRESS, retryAttempt, now);
      return Gate.ENTER;
    });
  }

  public void stopWaiting(String executionId) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE codepipeline_executions SET waiting_stage = NULL WHERE execution_id = ?",
            executionId));
  }

  // ---- stage executions ----

  public void putStage(
      PipelineExecution execution, String stage, StageStatus status, int retry, Instant now) {
    db.write(c -> {
      putStage(c, execution, stage, status, retry, now);
      return null;
    });
  }

  private static void putStage(
      Connection c,
      PipelineExecution execution,
      String stage,
      StageStatus status,
      int retry,
      Instant now)
      throws SQLException {
    int changed =
        Sql.update(
            c,
            "UPDATE codepipeline_stage_executions SET status = ?, retry_attempt = ?, updated = ?"
                + " WHERE execution_id = ? AND stage_name = ?",
            status,
            retry,
            now,
            execution.id(),
            stage);
    if (changed == 0) {
      Sql.update(
          c,
          "INSERT INTO codepipeline_stage_executions (execution_id, account_id, region,"
              + " pipeline_name, stage_name, status, retry_attempt, entered, updated) VALUES (?, ?,"
              + " ?, ?, ?, ?, ?, ?, ?)",
          execution.id(),
          execution.account().value(),
          execution.region().name(),
          execution.pipelineName(),
          stage,
          status,
          retry,
          now,
          now);
    }
  }

  /**
   * Marks a stage for another run: InProgress with the next retry attempt. With {@code rerunAll}
   * the stage's earlier successful actions no longer count, so every action runs again.
   */
  public void retryStage(
      String executionId, String stage, int attempt, boolean rerunAll, Instant now) {
    db.write(c -> {
      Sql.update(
          c,
          "UPDATE codepipeline_stage_executions SET status = 'IN_PROGRESS', retry_attempt = ?,"
              + " updated = ? WHERE execution_id = ? AND stage_name = ?",
          attempt,
          now,
          executionId,
          stage);
      if (rerunAll) {
        Sql.update(
            c,
            "UPDATE codepipeline_stage_executions SET entered = ? WHERE execution_id = ? AND"
                + " stage_name = ?",
            now,
            executionId,
            stage);
      }
      return null;
    });
  }

  /** When the stage's current run began: actions that started earlier belong to an older run. */
  public Instant stageEntered(String executionId, String stage) {
    return db.read(c ->
            Sql.one(
                c,
                "SELECT entered FROM codepipeline_stage_executions WHERE execution_id = ? AND"
                    + " stage_name = ?",
                row -> Instant.ofEpochMilli(row.getLong(1)),
                executionId,
                stage))
        .orElse(Instant.EPOCH);
  }

  /** Lets go of an execution whatever worker held it: after recovery, or to run a retry. */
  public void releaseAny(String id) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE codepipeline_executions SET worker = NULL, waiting_stage = NULL WHERE"
                + " execution_id = ?",
            id));
  }

  public Optional<ActionExecution> findAction(String actionExecutionId) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT * FROM codepipeline_action_executions WHERE action_execution_id = ?",
            ExecutionRepository::action,
            actionExecutionId));
  }

  /** Moves a stage from an active status to another; false if it was no longer active. */
  public boolean finishStage(String executionId, String stage, StageStatus to, Instant now) {
    return db.write(c ->
        Sql.update(
            c,
            "UPDATE codepipeline_stage_executions SET status = ?, updated = ? WHERE"
                + " execution_id = ? AND stage_name = ? AND status IN "
                + ACTIVE_STAGE,
            to,
            now,
            executionId,
            stage))
        == 1;
  }

  public List<StageExecution> stages(String executionId) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT execution_id, stage_name, status, retry_attempt, updated FROM"
                + " codepipeline_stage_executions WHERE execution_id = ?",
            ExecutionRepository::stage,
            executionId));
  }

  /** The stage execution of the latest execution that entered the stage. */
  public Optional<StageExecution> latestStage(
      AccountId account, Region region, String pipeline, String stage) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT s.execution_id, s.stage_name, s.status, s.retry_attempt, s.updated FROM"
                + " codepipeline_stage_executions s JOIN codepipeline_executions e ON"
                + " e.execution_id = s.execution_id WHERE s.account_id = ? AND s.region = ? AND"
                + " s.pipeline_name = ? AND s.stage_name = ? ORDER BY e.seq DESC",
            ExecutionRepository::stage,
            account.value(),
            region.name(),
            pipeline,
            stage));
  }

  // ---- action executions ----

  public void insertAction(PipelineExecution execution, ActionExecution action) {
    db.write(c -> {
      db.dialect().lock(c, "codepipeline_action_executions");
      long seq =
          Sql.count(c, "SELECT COALESCE(MAX(seq), 0) FROM codepipeline_action_executions") + 1;
      return Sql.update(
          c,
          "INSERT INTO codepipeline_action_executions (action_execution_id, execution_id,"
              + " account_id, region, pipeline_name, pipeline_version, stage_name, action_name,"
              + " status, start_time, last_update_time, updated_by, input, output, summary,"
              + " error_code, error_message, token, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
              + " ?, ?, ?, ?, ?, ?, ?, ?)",
          action.id(),
          execution.id(),
          execution.account().value(),
          execution.region().name(),
          execution.pipelineName(),
          action.pipelineVersion(),
          action.stageName(),
          action.actionName(),
          action.status(),
          action.startTime(),
          action.lastUpdateTime(),
          action.updatedBy(),
          inputText(action),
          outputText(action),
          action.summary(),
          action.errorDetails() == null ? null : action.errorDetails().code(),
          action.errorDetails() == null ? null : action.errorDetails().message(),
          action.token(),
          seq);
    });
  }

  /** Records how an in-progress action ended; false if it had already ended (e.g. abandoned). */
  public boolean finishAction(ActionExecution action) {
    return db.write(c ->
        Sql.update(
            c,
            "UPDATE codepipeline_action_executions SET status = ?, last_update_time = ?,"
                + " output = ?, summary = ?, error_code = ?, error_message = ?, token = NULL,"
                + " input = ? WHERE action_execution_id = ? AND status = 'IN_PROGRESS'",
            action.status(),
            action.lastUpdateTime(),
            outputText(action),
            action.summary(),
            action.errorDetails() == null ? null : action.errorDetails().code(),
            action.errorDetails() == null ? null : action.errorDetails().message(),
            inputText(action),
            action.id()))
        == 1;
  }

  /** An execution's action executions, oldest first. */
  public List<ActionExecution> actions(String executionId) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT * FROM codepipeline_action_executions WHERE execution_id = ? ORDER BY seq",
            ExecutionRepository::action,
            executionId));
  }

  /** A pipeline's action executions, newest first. */
  public List<ActionExecution> actionsOfPipeline(
      AccountId account, Region region, String pipeline) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT * FROM codepipeline_action_executions WHERE account_id = ? AND region = ? AND"
                + " pipeline_name = ? ORDER BY seq DESC",
            ExecutionRepository::action,
            account.value(),
            region.name(),
            pipeline));
  }

  /** The latest execution of one action of a pipeline. */
  public Optional<ActionExecution> latestAction(
      AccountId account, Region region, String pipeline, String stage, String action) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT * FROM codepipeline_action_executions WHERE account_id = ? AND region = ? AND"
                + " pipeline_name = ? AND stage_name = ? AND action_name = ? ORDER BY seq DESC",
            ExecutionRepository::action,
            account.value(),
            region.name(),
            pipeline,
            stage,
            action));
  }

  /** An in-progress action execution by its approval token. */
  public Optional<ActionExecution> findByToken(String executionId, String token) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT * FROM codepipeline_action_executions WHERE execution_id = ? AND token = ?",
            ExecutionRepository::action,
            executionId,
            token));
  }

  /**
   * How an execution ends ({@code status}, with its summary), and what its in-flight actions (with
   * the error) and stages become.
   */
  public record Ending(
      ExecutionStatus status,
      @Nullable String summary,
      ActionStatus actions,
      @Nullable ErrorDetails error,
      StageStatus stages) {

    public static Ending failed(ErrorDetails error) {
      return new Ending(
          ExecutionStatus.FAILED, error.message(), ActionStatus.FAILED, error, StageStatus.FAILED);
    }

    /** Stopped with abandon: in-flight actions are abandoned. */
    public static Ending stopped(@Nullable String reason) {
      return new Ending(
          ExecutionStatus.STOPPED, reason, ActionStatus.ABANDONED, null, StageStatus.STOPPED);
    }

    public static Ending cancelled(String summary) {
      return new Ending(
          ExecutionStatus.CANCELLED, summary, ActionStatus.ABANDONED, null, StageStatus.CANCELLED);
    }
  }

  /**
   * Ends an active execution and, in the same transaction, what it left in progress. False,
   * changing nothing, if the execution had already ended: a runner that sees an action ended this
   * way must also see its execution ended, or it would report its own outcome over it.
   */
  public boolean end(String executionId, Ending ending, Instant now) {
    return db.write(c -> end(c, executionId, ending, now));
  }

  private static boolean end(Connection c, String executionId, Ending ending, Instant now)
      throws SQLException {
    if (!transition(c, executionId, ACTIVE_STATUSES, ending.status(), ending.summary(), now)) {
      return false;
    }
    ErrorDetails error = ending.error();
    Sql.update(
        c,
        "UPDATE codepipeline_action_executions SET status = ?, last_update_time = ?, error_code"
            + " = ?, error_message = ?, summary = ?, token = NULL WHERE execution_id = ? AND"
            + " status = 'IN_PROGRESS'",
        ending.actions(),
        now,
        error == null ? null : error.code(),
        error == null ? null : error.message(),
        error == null ? null : error.message(),
        executionId);
    Sql.update(
        c,
        "UPDATE codepipeline_stage_executions SET status = ?, updated = ? WHERE execution_id = ?"
            + " AND status IN "
            + ACTIVE_STAGE,
        ending.stages(),
        now,
        executionId);
    return true;
  }

  // ---- mapping ----

  private static PipelineExecution execution(ResultSet row) throws SQLException {
    return new PipelineExecution(
        row.getString("execution_id"),
        AccountId.of(row.getString("account_id")),
        Region.of(row.getString("region")),
        row.getString("pipeline_name"),
        row.getInt("pipeline_version"),
        ExecutionStatus.valueOf(row.getString("status")),
        row.getString("status_summary"),
        new ExecutionTrigger(row.getString("trigger_type"), row.getString("trigger_detail")),
        ExecutionMode.valueOf(row.getString("execution_mode")),
        Objects.requireNonNull(Sql.instant(row, "start_time")),
        Objects.requireNonNull(Sql.instant(row, "last_update_time")),
        row.getString("stop_reason"),
        parseMap(row.getString("source_revisions")),
        parseMap(row.getString("variables")));
  }

  private static StageExecution stage(ResultSet row) throws SQLException {
    return new StageExecution(
        row.getString("execution_id"),
        row.getString("stage_name"),
        StageStatus.valueOf(row.getString("status")),
        row.getInt("retry_attempt"),
        Objects.requireNonNull(Sql.instant(row, "updated")));
  }

  private static ActionExecution action(ResultSet row) throws SQLException {
    JsonNode input = tree(row.getString("input"));
    JsonNode output = tree(row.getString("output"));
    JsonNode type = input.get("actionTypeId");
    String errorCode = row.getString("error_code");
    JsonNode revision = output.get("revision");
    return new ActionExecution(
        row.getString("action_execution_id"),
        row.getString("execution_id"),
        row.getInt("pipeline_version"),
        row.getString("stage_name"),
        row.getString("action_name"),
        ActionStatus.valueOf(row.getString("status")),
        Objects.requireNonNull(Sql.instant(row, "start_time")),
        Objects.requireNonNull(Sql.instant(row, "last_update_time")),
        row.getString("updated_by"),
        new ActionTypeId(
            type.get("category").asText(),
            type.get("owner").asText(),
            type.get("provider").asText(),
            type.get("version").asText()),
        map(input.get("configuration")),
        map(input.get("resolvedConfiguration")),
        text(input, "roleArn"),
        text(input, "region"),
        text(input, "namespace"),
        artifacts(input.get("inputArtifacts")),
        artifacts(output.get("outputArtifacts")),
        map(output.get("outputVariables")),
        row.getString("summary"),
        errorCode == null
            ? null
            : new ErrorDetails(
                errorCode, Objects.requireNonNullElse(row.getString("error_message"), "")),
        revision == null || revision.isNull()
            ? null
            : new SourceRevision(
                revision.get("actionName").asText(),
                revision.get("artifactName").asText(),
                revision.get("revisionId").asText(),
                text(revision, "revisionChangeId"),
                text(revision, "revisionSummary"),
                revision.has("created")
                    ? Instant.ofEpochMilli(revision.get("created").asLong())
                    : null),
        row.getString("token"));
  }

  private static String inputText(ActionExecution action) {
    ObjectNode json = DeclarationJson.MAPPER.createObjectNode();
    ActionTypeId type = action.actionTypeId();
    json.putObject("actionTypeId")
        .put("category", type.category())
        .put("owner", type.owner())
        .put("provider", type.provider())
        .put("version", type.version());
    json.set("configuration", mapNode(action.configuration()));
    json.set("resolvedConfiguration", mapNode(action.resolvedConfiguration()));
    putIfPresent(json, "roleArn", action.roleArn());
    putIfPresent(json, "region", action.region());
    putIfPresent(json, "namespace", action.namespace());
    json.set("inputArtifacts", artifactsNode(action.inputArtifacts()));
    return json.toString();
  }

  private static String outputText(ActionExecution action) {
    ObjectNode json = DeclarationJson.MAPPER.createObjectNode();
    json.set("outputArtifacts", artifactsNode(action.outputArtifacts()));
    json.set("outputVariables", mapNode(action.outputVariables()));
    SourceRevision revision = action.revision();
    if (revision != null) {
      ObjectNode r =
          json.putObject("revision")
              .put("actionName", revision.actionName())
              .put("artifactName", revision.artifactName())
              .put("revisionId", revision.revisionId());
      putIfPresent(r, "revisionChangeId", revision.revisionChangeId());
      putIfPresent(r, "revisionSummary", revision.revisionSummary());
      if (revision.created() != null) {
        r.put("created", revision.created().toEpochMilli());
      }
    }
    return json.toString();
  }

  private static ArrayNode artifactsNode(List<ArtifactLocation> artifacts) {
    ArrayNode list = DeclarationJson.MAPPER.createArrayNode();
    for (ArtifactLocation artifact : artifacts) {
      list.addObject()
          .put("name", artifact.name())
          .put("bucket", artifact.bucket())
          .put("key", artifact.key());
    }
    return list;
  }

  private static List<ArtifactLocation> artifacts(@Nullable JsonNode node) {
    List<ArtifactLocation> list = new ArrayList<>();
    if (node != null) {
      for (JsonNode a : node) {
        list.add(
            new ArtifactLocation(
                a.get("name").asText(), a.get("bucket").asText(), a.get("key").asText()));
      }
    }
    return list;
  }

  private static ObjectNode mapNode(Map<String, String> map) {
    ObjectNode node = DeclarationJson.MAPPER.createObjectNode();
    new java.util.TreeMap<>(map).forEach(node::put);
    return node;
  }

  private static String mapText(Map<String, String> map) {
    return mapNode(map).toString();
  }

  private static Map<String, String> map(@Nullable JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node != null) {
      node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }

  private static Map<String, String> parseMap(String text) {
    return map(tree(text));
  }

  private static JsonNode tree(String text) {
    try {
      return DeclarationJson.MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new IllegalStateException("Stored execution data is JSON", e);
    }
  }

  private static @Nullable String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static void putIfPresent(ObjectNode json, String name, @Nullable String value) {
    if (value != null) {
      json.put(name, value);
    }
  }
}
