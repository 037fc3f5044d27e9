package ferry.codepipeline.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import ferry.codepipeline.ActionExecution;
import ferry.codepipeline.ActionTypeDefinition;
import ferry.codepipeline.ActionTypeId;
import ferry.codepipeline.ArtifactLocation;
import ferry.codepipeline.CodePipelineErrors;
import ferry.codepipeline.CodePipelineService;
import ferry.codepipeline.ErrorDetails;
import ferry.codepipeline.Pipeline;
import ferry.codepipeline.PipelineDeclaration;
import ferry.codepipeline.PipelineExecution;
import ferry.codepipeline.PipelineState;
import ferry.codepipeline.PipelineTag;
import ferry.codepipeline.PipelineTagService;
import ferry.codepipeline.SourceRevision;
import ferry.codepipeline.StageTransitionService;
import ferry.codepipeline.StartExecutionRequest;
import ferry.codepipeline.TransitionState;
import ferry.codepipeline.store.DeclarationJson;
import ferry.protocol.ApiRequest;
import ferry.protocol.json.Json;
import ferry.protocol.json.JsonApi;
import ferry.protocol.json.JsonInput;
import ferry.protocol.json.JsonOperation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** CodePipeline's JSON 1.1 binding: {@code X-Amz-Target: CodePipeline_20150709.<Operation>}. */
public final class CodePipelineApi extends JsonApi {
  private final CodePipelineService codepipeline;
  private final StageTransitionService transitions;
  private final PipelineTagService tags;
  private final Map<String, JsonOperation> operations;

  public CodePipelineApi(
      CodePipelineService codepipeline,
      StageTransitionService transitions,
      PipelineTagService tags) {
    super("codepipeline", "CodePipeline_20150709");
    this.codepipeline = codepipeline;
    this.transitions = transitions;
    this.tags = tags;
    var stages = new StageTransitionHandlers(transitions);
    var tagging = new PipelineTagHandlers(tags);
    var history = new ExecutionHandlers(codepipeline);
    this.operations =
        Map.ofEntries(
            Map.entry("CreatePipeline", this::createPipeline),
            Map.entry("GetPipeline", this::getPipeline),
            Map.entry("UpdatePipeline", this::updatePipeline),
            Map.entry("DeletePipeline", this::deletePipeline),
            Map.entry("ListPipelines", this::listPipelines),
            Map.entry("StartPipelineExecution", this::startPipelineExecution),
            Map.entry("StopPipelineExecution", this::stopPipelineExecution),
            Map.entry("GetPipelineState", this::getPipelineState),
            Map.entry("GetPipelineExecution", history::getPipelineExecution),
            Map.entry("ListPipelineExecutions", history::listPipelineExecutions),
            Map.entry("ListActionExecutions", history::listActionExecutions),
            Map.entry("RetryStageExecution", this::retryStageExecution),
            Map.entry("PutApprovalResult", this::putApprovalResult),
            Map.entry("ListActionTypes", this::listActionTypes),
            Map.entry("EnableStageTransition", stages::enableStageTransition),
            Map.entry("DisableStageTransition", stages::disableStageTransition),
            Map.entry("TagResource", tagging::tagResource),
            Map.entry("UntagResource", tagging::untagResource),
            Map.entry("ListTagsForResource", tagging::listTagsForResource));
  }

  @Override
  protected Map<String, JsonOperation> operations() {
    return operations;
  }

  // ---- pipelines ----

  private ObjectNode createPipeline(JsonInput input, ApiRequest request) {
    List<PipelineTag> wanted = PipelineTagHandlers.tags(input);
    PipelineTagService.check(wanted);
    Pipeline pipeline = codepipeline.createPipeline(request.caller(), declaration(input));
    if (!wanted.isEmpty()) {
      tags.tagNew(pipeline, wanted);
    }
    ObjectNode output = Json.object();
    output.set("pipeline", DeclarationJson.write(pipeline.declaration()));
    ArrayNode echoed = output.putArray("tags");
    wanted.forEach(t -> echoed.addObject().put("key", t.key()).put("value", t.value()));
    return output;
  }

  private ObjectNode getPipeline(JsonInput input, ApiRequest request) {
    Pipeline pipeline =
        codepipeline.getPipeline(
            request.caller(), input.requiredString("name"), input.integer("version"));
    ObjectNode output = Json.object();
    output.set("pipeline", DeclarationJson.write(pipeline.declaration()));
    output
        .putObject("metadata")
        .put("pipelineArn", pipeline.arn())
        .put("created", Json.epochSeconds(pipeline.created()))
        .put("updated", Json.epochSeconds(pipeline.updated()));
    return output;
  }

  private ObjectNode updatePipeline(JsonInput input, ApiRequest request) {
    Pipeline pipeline = codepipeline.updatePipeline(request.caller(), declaration(input));
    ObjectNode output = Json.object();
    output.set("pipeline", DeclarationJson.write(pipeline.declaration()));
    return output;
  }

  private static PipelineDeclaration declaration(JsonInput input) {
    JsonInput pipeline = input.object("pipeline");
    if (pipeline == null) {
      throw CodePipelineErrors.validation(
          "1 validation error detected: Value null at 'pipeline' failed to satisfy constraint:"
              + " Member must not be null");
    }
    return DeclarationJson.read(pipeline.node(), "pipeline");
  }

  private ObjectNode deletePipeline(JsonInput input, ApiRequest request) {
    codepipeline.deletePipeline(request.caller(), input.requiredString("name"));
    return Json.object();
  }

  private ObjectNode listPipelines(JsonInput input, ApiRequest request) {
    List<Pipeline> all = codepipeline.listPipelines(request.caller());
    return page(
        input,
        all,
        "pipelines",
        1000,
        pipeline -> {
          PipelineDeclaration d = pipeline.declaration();
          ObjectNode json = Json.object().put("name", d.name()).put("version", d.version());
          json.put("pipelineType", d.effectiveType().name());
          json.put("executionMode", d.effectiveMode().name());
          json.put("created", Json.epochSeconds(pipeline.created()));
          json.put("updated", Json.epochSeconds(pipeline.updated()));
          return json;
        });
  }

  private ObjectNode listActionTypes(JsonInput input, ApiRequest request) {
    String owner = input.string("actionOwnerFilter");
    if (owner != null && !List.of("AWS", "ThirdParty", "Custom").contains(owner)) {
      throw CodePipelineErrors.validation(
          "1 validation error detected: Value '"
              + owner
              + "' at 'actionOwnerFilter' failed to satisfy constraint: Member must satisfy enum"
              + " value set: [AWS, ThirdParty, Custom]");
    }
    // Every action type is on the one page Ferry answers, so a token can only be a bad one.
    if (input.string("nextToken") != null) {
      offset(input.string("nextToken"));
    }
    ArrayNode types = Json.array();
    for (ActionTypeDefinition type : codepipeline.listActionTypes(request.caller())) {
      if (owner != null && !owner.equals(type.id().owner())) {
        continue;
      }
      ObjectNode json = types.addObject();
      json.set("id", typeId(type.id()));
      json.putObject("settings");
      ArrayNode properties = json.putArray("actionConfigurationProperties");
      for (ActionTypeDefinition.ConfigurationProperty p : type.properties()) {
        properties
            .addObject()
            .put("name", p.name())
            .put("required", p.required())
            .put("key", p.key())
            .put("secret", p.secret())
            .put("queryable", false)
            .put("description", p.description())
            .put("type", "String");
      }
      json.putObject("inputArtifactDetails")
          .put("minimumCount", type.minimumInputs())
          .put("maximumCount", type.maximumInputs());
      json.putObject("outputArtifactDetails")
          .put("minimumCount", type.minimumOutputs())
          .put("maximumCount", type.maximumOutputs());
    }
    ObjectNode output = Json.object();
    output.set("actionTypes", types);
    return output;
  }

  // ---- executions ----

  private ObjectNode startPipelineExecution(JsonInput input, ApiRequest request) {
    Map<String, String> variables = new LinkedHashMap<>();
    input
        .objects("variables")
        .forEach(v -> variables.put(v.requiredString("name"), v.requiredString("value")));
    Map<String, String> revisions = new LinkedHashMap<>();
    for (JsonInput revision : input.objects("sourceRevisions")) {
      String type = revision.requiredString("revisionType");
      if (!type.equals("S3_OBJECT_VERSION_ID")) {
        throw CodePipelineErrors.validation(
            "Source revisions of type '" + type + "' are not supported; use S3_OBJECT_VERSION_ID");
      }
      revisions.put(
          revision.requiredString("actionName"), revision.requiredString("revisionValue"));
    }
    String id =
        codepipeline.startPipelineExecution(
            request.caller(),
            new StartExecutionRequest(
                input.requiredString("name"),
                variables,
                input.string("clientRequestToken"),
                revisions));
    return Json.object().put("pipelineExecutionId", id);
  }

  private ObjectNode stopPipelineExecution(JsonInput input, ApiRequest request) {
    Boolean abandon = input.bool("abandon");
    String id =
        codepipeline.stopPipelineExecution(
            request.caller(),
            input.requiredString("pipelineName"),
            input.requiredString("pipelineExecutionId"),
            abandon != null && abandon,
            input.string("reason"));
    return Json.object().put("pipelineExecutionId", id);
  }

  private ObjectNode retryStageExecution(JsonInput input, ApiRequest request) {
    String id =
        codepipeline.retryStageExecution(
            request.caller(),
            input.requiredString("pipelineName"),
            input.requiredString("stageName"),
            input.requiredString("pipelineExecutionId"),
            input.requiredString("retryMode"));
    return Json.object().put("pipelineExecutionId", id);
  }

  private ObjectNode putApprovalResult(JsonInput input, ApiRequest request) {
    JsonInput result = input.object("result");
    if (result == null) {
      throw CodePipelineErrors.validation(
          "1 validation error detected: Value null at 'result' failed to satisfy constraint:"
              + " Member must not be null");
    }
    Instant approvedAt =
        codepipeline.putApprovalResult(
            request.caller(),
            input.requiredString("pipelineName"),
            input.requiredString("stageName"),
            input.requiredString("actionName"),
            result.requiredString("summary"),
            result.requiredString("status"),
            input.requiredString("token"));
    return Json.object().put("approvedAt", Json.epochSeconds(approvedAt));
  }

  private ObjectNode getPipelineState(JsonInput input, ApiRequest request) {
    PipelineState state =
        codepipeline.getPipelineState(request.caller(), input.requiredString("name"));
    Pipeline pipeline = state.pipeline();
    ObjectNode output =
        Json.object()
            .put("pipelineName", pipeline.name())
            .put("pipelineVersion", pipeline.declaration().version());
    ArrayNode stages = output.putArray("stageStates");
    Map<String, TransitionState> inbound = transitions.inbound(pipeline);
    for (PipelineState.StageState stage : state.stages()) {
      ObjectNode s = stages.addObject().put("stageName", stage.stageName());
      TransitionState transition = inbound.get(stage.stageName());
      ObjectNode t =
          s.putObject("inboundTransitionState")
              .put("enabled", transition == null || transition.enabled());
      if (transition != null) {
        putIfPresent(t, "lastChangedBy", transition.lastChangedBy());
        if (transition.lastChangedAt() != null) {
          t.put("lastChangedAt", Json.epochSeconds(transition.lastChangedAt()));
        }
        putIfPresent(t, "disabledReason", transition.disabledReason());
      }
      ArrayNode actions = s.putArray("actionStates");
      for (PipelineState.ActionState action : stage.actions()) {
        ObjectNode a = actions.addObject().put("actionName", action.actionName());
        ActionExecution latest = action.latest();
        if (latest == null) {
          continue;
        }
        ObjectNode e =
            a.putObject("latestExecution")
                .put("actionExecutionId", latest.id())
                .put("status", latest.status().wireName());
        putIfPresent(e, "summary", latest.summary());
        e.put("lastStatusChange", Json.epochSeconds(latest.lastUpdateTime()));
        putIfPresent(e, "token", latest.token());
        putIfPresent(e, "lastUpdatedBy", latest.updatedBy());
        ErrorDetails error = latest.errorDetails();
        if (error != null) {
          e.putObject("errorDetails").put("code", error.code()).put("message", error.message());
        }
        SourceRevision revision = latest.revision();
        if (revision != null) {
          ObjectNode r = a.putObject("currentRevision").put("revisionId", revision.revisionId());
          putIfPresent(r, "revisionChangeId", revision.revisionChangeId());
          if (revision.created() != null) {
            r.put("created", Json.epochSeconds(revision.created()));
          }
        }
      }
      if (stage.latest() != null) {
        s.putObject("latestExecution")
            .put("pipelineExecutionId", stage.latest().executionId())
            .put("status", stage.latest().status().wireName());
      }
    }
    output.put("created", Json.epochSeconds(pipeline.created()));
    output.put("updated", Json.epochSeconds(pipeline.updated()));
    return output;
  }

  // ---- shapes ----

  static ObjectNode trigger(PipelineExecution execution) {
    return Json.object()
        .put("triggerType", execution.trigger().triggerType())
        .put("triggerDetail", execution.trigger().triggerDetail());
  }

  static ObjectNode typeId(ActionTypeId id) {
    return Json.object()
        .put("category", id.category())
        .put("owner", id.owner())
        .put("provider", id.provider())
        .put("version", id.version());
  }

  static ObjectNode map(Map<String, String> values) {
    ObjectNode json = Json.object();
    values.forEach(json::put);
    return json;
  }

  static ArrayNode artifacts(List<ArtifactLocation> artifacts) {
    ArrayNode list = Json.array();
    for (ArtifactLocation artifact : artifacts) {
      list.addObject()
          .put("name", artifact.name())
          .putObject("s3location")
          .put("bucket", artifact.bucket())
          .put("key", artifact.key());
    }
    return list;
  }

  /** One page of a list: {@code maxResults} items from where {@code nextToken} left off. */
  static <T> ObjectNode page(
      JsonInput input, List<T> all, String member, int defaultMax, Function<T, ObjectNode> render) {
    Integer max = input.integer("maxResults");
    int size = max == null ? defaultMax : max;
    if (size < 1 || size > Math.max(defaultMax, 100)) {
      throw CodePipelineErrors.validation(
          "1 validation error detected: Value '"
              + size
              + "' at 'maxResults' failed to satisfy constraint: Member must have value between 1"
              + " and "
              + Math.max(defaultMax, 100));
    }
    int from = offset(input.string("nextToken"));
    ArrayNode items = Json.array();
    int end = Math.min(all.size(), from + size);
    for (int i = from; i < end; i++) {
      items.add(render.apply(all.get(i)));
    }
    ObjectNode output = Json.object();
    output.set(member, items);
    if (end < all.size()) {
      output.put(
          "nextToken",
          Base64.getUrlEncoder()
              .encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8)));
    }
    return output;
  }

  private static int offset(@Nullable String token) {
    if (token == null) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith("offset:")) {
        return Integer.parseInt(text.substring("offset:".length()));
      }
    } catch (IllegalArgumentException e) {
      // Falls through to the error below.
    }
    throw new AwsException(
        ErrorCode.sender("InvalidNextTokenException", 400), "The next token is not valid");
  }

  static void putIfPresent(ObjectNode json, String name, @Nullable String value) {
    if (value != null) {
      json.put(name, value);
    }
  }
}
