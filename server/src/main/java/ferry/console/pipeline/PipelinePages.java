package ferry.console.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.aws.Caller;
import ferry.codepipeline.ActionDeclaration;
import ferry.codepipeline.ActionExecution;
import ferry.codepipeline.Pipeline;
import ferry.codepipeline.PipelineExecution;
import ferry.codepipeline.PipelineState;
import ferry.codepipeline.StageDeclaration;
import ferry.codepipeline.StageExecution;
import ferry.codepipeline.StartExecutionRequest;
import ferry.codepipeline.engine.ExecutionEvents;
import ferry.console.ConsoleServices;
import ferry.console.web.ConsoleRequest;
import ferry.console.web.Denials;
import ferry.console.web.EventStream;
import ferry.console.web.Outcome;
import ferry.console.web.Reply;
import ferry.console.web.Route;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The pipeline pages: the list, a pipeline drawn stage by stage as its latest executions stand
 * (kept current by server-sent events), an execution's action details, and the buttons that
 * release, retry and stop, each asked of CodePipeline as the signed-in caller.
 */
public final class PipelinePages {
  /** How a denied request's message names its decision, e.g. {@code (ferry explain d-x-12)}. */
  private static final Pattern DECISION = Pattern.compile("ferry explain (d-[0-9a-z]+-[0-9]+)");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HISTORY = 20;

  private final ConsoleServices services;
  private final Denials denials;

  public PipelinePages(ConsoleServices services, Denials denials) {
    this.services = services;
    this.denials = denials;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/pipelines", this::list),
        Route.get("/pipelines/{name}", this::pipeline),
        Route.get("/pipelines/{name}/live", this::live),
        Route.get("/pipelines/{name}/events", this::events),
        Route.get("/pipelines/{name}/executions/{id}", this::execution),
        Route.post("/pipelines/{name}/release", this::release),
        Route.post("/pipelines/{name}/executions/{id}/stop", this::stop),
        Route.post("/pipelines/{name}/stages/{stage}/retry", this::retry));
  }

  /** A pipeline in the list, with its latest execution when the caller may list them. */
  public record Row(Pipeline pipeline, Outcome<@Nullable PipelineExecution> latest) {
    public String updated() {
      return time(pipeline.updated());
    }
  }

  public record PipelineList(String accountId, List<Row> rows) {}

  /**
   * The part of the pipeline page that changes while it runs.
   *
   * @param latest the newest execution, if any
   * @param history the newest executions first, or the panel that denied listing them
   */
  public record Live(
      String name,
      @Nullable PipelineExecution latest,
      List<StageView> stages,
      Outcome<List<PipelineExecution>> history) {
    public String status() {
      return latest == null ? "None" : latest.status().wireName();
    }

    public String href() {
      return "/pipelines/" + encode(name);
    }
  }

  /** A stage box: its latest execution and its actions. */
  public record StageView(
      String pipeline,
      StageDeclaration stage,
      @Nullable StageExecution latest,
      List<ActionView> actions) {
    public String status() {
      return latest == null ? "NotRun" : latest.status().wireName();
    }

    public boolean retryable() {
      return latest != null
          && (latest.status().wireName().equals("Failed")
              || latest.status().wireName().equals("Stopped"));
    }

    public String retryHref() {
      return "/pipelines/" + encode(pipeline) + "/stages/" + encode(stage.name()) + "/retry";
    }
  }

  /** An action card: what it is, its latest run, and the decision that failed it, if one did. */
  public record ActionView(
      String pipeline, ActionDeclaration action, @Nullable ActionExecution latest) {
    public String status() {
      return latest == null ? "NotRun" : latest.status().wireName();
    }

    public String provider() {
      return action.actionTypeId().provider();
    }

    public String category() {
      return action.actionTypeId().category();
    }

    public String lastChange() {
      return latest == null ? "" : time(latest.lastUpdateTime());
    }

    /** When it last changed, in milliseconds since the epoch; 0 when it never ran. */
    public long lastChangeMillis() {
      return latest == null ? 0 : latest.lastUpdateTime().toEpochMilli();
    }

    public @Nullable String decisionId() {
      return latest == null ? null : PipelinePages.decisionId(latest);
    }

    public @Nullable String detailsHref() {
      return latest == null
          ? null
          : "/pipelines/" + encode(pipeline) + "/executions/" + encode(latest.executionId());
    }

    public @Nullable String decisionHref() {
      String id = decisionId();
      return id == null || latest == null
          ? null
          : PipelinePages.decisionHref(id, pipeline, latest.executionId());
    }
  }

  public record PipelinePage(Pipeline pipeline, Live live) {
    public String eventsHref() {
      return live.href() + "/events";
    }

    public String liveHref() {
      return live.href() + "/live";
    }
  }

  /** One action run on the execution page, with what it read, wrote, ran as and how it failed. */
  public record ActionDetail(String pipeline, ActionExecution run) {
    public String ranAs() {
      return run.roleArn() != null ? run.roleArn() : run.updatedBy();
    }

    public String started() {
      return time(run.startTime());
    }

    public String lastChange() {
      return time(run.lastUpdateTime());
    }

    public @Nullable String decisionId() {
      return PipelinePages.decisionId(run);
    }

    public @Nullable String decisionHref() {
      String id = decisionId();
      return id == null ? null : PipelinePages.decisionHref(id, pipeline, run.executionId());
    }
  }

  public record ExecutionPage(
      String pipeline, PipelineExecution execution, List<ActionDetail> actions) {
    public String started() {
      return time(execution.startTime());
    }

    public String lastChange() {
      return time(execution.lastUpdateTime());
    }

    public boolean stoppable() {
      return execution.status().isActive();
    }

    public String pipelineHref() {
      return "/pipelines/" + encode(pipeline);
    }
  }

  private Reply list(ConsoleRequest request) {
    Caller caller = request.caller();
    List<Row> rows = new ArrayList<>();
    for (Pipeline pipeline : services.codepipeline().listPipelines(caller)) {
      rows.add(
          new Row(
              pipeline,
              denials.attempt(() -> {
                var executions =
                    services.codepipeline().listPipelineExecutions(caller, pipeline.name());
                return executions.isEmpty() ? null : executions.getFirst();
              })));
    }
    return Reply.page("pipelines.jte", new PipelineList(caller.account().value(), rows));
  }

  private Reply pipeline(ConsoleRequest request) {
    String name = request.parameter("name");
    Live live = live(request.caller(), name);
    Pipeline pipeline = services.codepipeline().getPipelineState(request.caller(), name).pipeline();
    return Reply.page("pipeline.jte", new PipelinePage(pipeline, live));
  }

  private Reply live(ConsoleRequest request) {
    return Reply.page("pipelinelive.jte", live(request.caller(), request.parameter("name")));
  }

  private Live live(Caller caller, String name) {
    PipelineState state = services.codepipeline().getPipelineState(caller, name);
    Outcome<List<PipelineExecution>> history =
        denials.attempt(() -> {
          var all = services.codepipeline().listPipelineExecutions(caller, name);
          return all.subList(0, Math.min(HISTORY, all.size()));
        });
    PipelineExecution latest =
        history.denied() || history.value().isEmpty() ? null : history.value().getFirst();
    Map<String, PipelineState.StageState> byName = new LinkedHashMap<>();
    state.stages().forEach(s -> byName.put(s.stageName(), s));
    List<StageView> stages = new ArrayList<>();
    for (StageDeclaration stage : state.pipeline().declaration().stages()) {
      PipelineState.StageState stageState = byName.get(stage.name());
      List<ActionView> actions = new ArrayList<>();
      for (ActionDeclaration action : stage.actions()) {
        ActionExecution run = null;
        if (stageState != null) {
          for (PipelineState.ActionState a : stageState.actions()) {
            if (a.actionName().equals(action.name())) {
              run = a.latest();
            }
          }
        }
        actions.add(new ActionView(name, action, run));
      }
      stages.add(
          new StageView(name, stage, stageState == null ? null : stageState.latest(), actions));
    }
    return new Live(name, latest, stages, history);
  }

  /**
   * The pipeline's changes as server-sent events, for a caller that may read its state; each event
   * says what changed, and the page fetches its live part again as that caller.
   */
  private Reply events(ConsoleRequest request) {
    String name = request.parameter("name");
    Pipeline pipeline = services.codepipeline().getPipelineState(request.caller(), name).pipeline();
    return EventStream.of(sink ->
        services
            .codepipeline()
            .listenToExecutions(change -> {
              if (change.account().equals(pipeline.account())
                  && change.region().equals(pipeline.region())
                  && change.pipelineName().equals(name)) {
                sink.accept(new EventStream.Event("change", json(change)));
              }
            }));
  }

  private static String json(ExecutionEvents.Change change) {
    Map<String, @Nullable String> fields = new LinkedHashMap<>();
    fields.put("executionId", change.executionId());
    fields.put("stage", change.stageName());
    fields.put("action", change.actionName());
    fields.put("status", change.status());
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Reply execution(ConsoleRequest request) {
    Caller caller = request.caller();
    String name = request.parameter("name");
    String id = request.parameter("id");
    PipelineExecution execution = services.codepipeline().getPipelineExecution(caller, name, id);
    List<ActionDetail> actions =
        services.codepipeline().listActionExecutions(caller, name, id).stream()
            .map(run -> new ActionDetail(name, run))
            .toList();
    return Reply.page("execution.jte", new ExecutionPage(name, execution, actions));
  }

  private Reply release(ConsoleRequest request) {
    String name = request.parameter("name");
    services
        .codepipeline()
        .startPipelineExecution(request.caller(), StartExecutionRequest.of(name));
    return Reply.redirect("/pipelines/" + encode(name));
  }

  private Reply stop(ConsoleRequest request) {
    String name = request.parameter("name");
    String id = request.parameter("id");
    boolean abandon = "true".equals(request.form("abandon"));
    services
        .codepipeline()
        .stopPipelineExecution(
            request.caller(), name, id, abandon, "Stopped from the Ferry console");
    return Reply.redirect("/pipelines/" + encode(name));
  }

  private Reply retry(ConsoleRequest request) {
    String name = request.parameter("name");
    String executionId = request.form("executionId");
    if (executionId == null || executionId.isBlank()) {
      return Reply.page(
          400,
          "error.jte",
          new ferry.console.web.ConsoleHandler.ErrorPage(
              "Retry refused", "The form did not name the execution to retry."));
    }
    services
        .codepipeline()
        .retryStageExecution(
            request.caller(), name, request.parameter("stage"), executionId, "FAILED_ACTIONS");
    return Reply.redirect("/pipelines/" + encode(name));
  }

  static @Nullable String decisionId(ActionExecution run) {
    if (run.errorDetails() == null) {
      return null;
    }
    Matcher matcher = DECISION.matcher(run.errorDetails().message());
    return matcher.find() ? matcher.group(1) : null;
  }

  /** The decision's page, opened from a pipeline's failed action, which lets its reader see it. */
  static String decisionHref(String decisionId, String pipeline, String executionId) {
    return "/decisions/"
        + encode(decisionId)
        + "?pipeline="
        + encode(pipeline)
        + "&execution="
        + encode(executionId);
  }

  static String time(Instant instant) {
    return TIME.format(instant);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
