package ferry.codepipeline.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.codepipeline.ActionExecution;
import ferry.codepipeline.CodePipelineErrors;
import ferry.codepipeline.CodePipelineService;
import ferry.codepipeline.ErrorDetails;
import ferry.codepipeline.PipelineExecution;
import ferry.codepipeline.SourceRevision;
import ferry.protocol.ApiRequest;
import ferry.protocol.json.Json;
import ferry.protocol.json.JsonInput;
import java.util.List;

/**
 * The JSON binding of a pipeline's execution history: GetPipelineExecution, ListPipelineExecutions
 * and ListActionExecutions with their filters, for {@link CodePipelineApi}.
 */
final class ExecutionHandlers {
  private final CodePipelineService codepipeline;

  ExecutionHandlers(CodePipelineService codepipeline) {
    this.codepipeline = codepipeline;
  }

  ObjectNode getPipelineExecution(JsonInput input, ApiRequest request) {
    PipelineExecution execution =
        codepipeline.getPipelineExecution(
            request.caller(),
            input.requiredString("pipelineName"),
            input.requiredString("pipelineExecutionId"));
    ObjectNode json =
        Json.object()
            .put("pipelineName", execution.pipelineName())
            .put("pipelineVersion", execution.pipelineVersion())
            .put("pipelineExecutionId", execution.id())
            .put("status", execution.status().wireName());
    CodePipelineApi.putIfPresent(json, "statusSummary", execution.statusSummary());
    ArrayNode revisions = json.putArray("artifactRevisions");
    for (SourceRevision revision : codepipeline.artifactRevisions(execution.id())) {
      ObjectNode r =
          revisions
              .addObject()
              .put("name", revision.artifactName())
              .put("revisionId", revision.revisionId());
      CodePipelineApi.putIfPresent(r, "revisionChangeIdentifier", revision.revisionChangeId());
      CodePipelineApi.putIfPresent(r, "revisionSummary", revision.revisionSummary());
      if (revision.created() != null) {
        r.put("created", Json.epochSeconds(revision.created()));
      }
    }
    ArrayNode variables = json.putArray("variables");
    execution
        .variables()
        .forEach(
            (name, value) -> variables.addObject().put("name", name).put("resolvedValue", value));
    json.set("trigger", CodePipelineApi.trigger(execution));
    json.put("executionMode", execution.mode().name());
    json.put("executionType", "STANDARD");
    ObjectNode output = Json.object();
    output.set("pipelineExecution", json);
    return output;
  }

  ObjectNode listPipelineExecutions(JsonInput input, ApiRequest request) {
    JsonInput filter = input.object("filter");
    JsonInput succeeded = filter == null ? null : filter.object("succeededInStage");
    List<PipelineExecution> all =
        codepipeline.listPipelineExecutions(
            request.caller(),
            input.requiredString("pipelineName"),
            succeeded == null ? null : succeeded.requiredString("stageName"));
    return CodePipelineApi.page(
        input,
        all,
        "pipelineExecutionSummaries",
        100,
        execution -> {
          ObjectNode json =
              Json.object()
                  .put("pipelineExecutionId", execution.id())
                  .put("status", execution.status().wireName());
          CodePipelineApi.putIfPresent(json, "statusSummary", execution.statusSummary());
          json.put("startTime", Json.epochSeconds(execution.startTime()));
          json.put("lastUpdateTime", Json.epochSeconds(execution.lastUpdateTime()));
          ArrayNode revisions = json.putArray("sourceRevisions");
          for (SourceRevision revision : codepipeline.artifactRevisions(execution.id())) {
            ObjectNode r =
                revisions
                    .addObject()
                    .put("actionName", revision.actionName())
                    .put("revisionId", revision.revisionId());
            CodePipelineApi.putIfPresent(r, "revisionSummary", revision.revisionSummary());
          }
          json.set("trigger", CodePipelineApi.trigger(execution));
          if (execution.stopReason() != null) {
            json.putObject("stopTrigger").put("reason", execution.stopReason());
          }
          json.put("executionMode", execution.mode().name());
          json.put("executionType", "STANDARD");
          return json;
        });
  }

  ObjectNode listActionExecutions(JsonInput input, ApiRequest request) {
    JsonInput filter = input.object("filter");
    String executionId = filter == null ? null : filter.string("pipelineExecutionId");
    JsonInput latest = filter == null ? null : filter.object("latestInPipelineExecution");
    boolean latestOnly = false;
    if (latest != null) {
      String latestId = latest.requiredString("pipelineExecutionId");
      String range = latest.requiredString("startTimeRange");
      if (!range.equals("Latest") && !range.equals("All")) {
        throw CodePipelineErrors.validation(
            "1 validation error detected: Value '"
                + range
                + "' at 'filter.latestInPipelineExecution.startTimeRange' failed to satisfy"
                + " constraint: Member must satisfy enum value set: [Latest, All]");
      }
      if (executionId != null && !executionId.equals(latestId)) {
        throw CodePipelineErrors.validation(
            "filter.pipelineExecutionId and filter.latestInPipelineExecution.pipelineExecutionId"
                + " name different executions");
      }
      executionId = latestId;
      latestOnly = range.equals("Latest");
    }
    List<ActionExecution> all =
        codepipeline.listActionExecutions(
            request.caller(), input.requiredString("pipelineName"), executionId, latestOnly);
    return CodePipelineApi.page(
        input, all, "actionExecutionDetails", 100, ExecutionHandlers::actionDetail);
  }

  private static ObjectNode actionDetail(ActionExecution action) {
    ObjectNode json =
        Json.object()
            .put("pipelineExecutionId", action.executionId())
            .put("actionExecutionId", action.id())
            .put("pipelineVersion", action.pipelineVersion())
            .put("stageName", action.stageName())
            .put("actionName", action.actionName())
            .put("startTime", Json.epochSeconds(action.startTime()))
            .put("lastUpdateTime", Json.epochSeconds(action.lastUpdateTime()))
            .put("updatedBy", action.updatedBy())
            .put("status", action.status().wireName());
    ObjectNode in = json.putObject("input");
    in.set("actionTypeId", CodePipelineApi.typeId(action.actionTypeId()));
    in.set("configuration", CodePipelineApi.map(action.configuration()));
    in.set("resolvedConfiguration", CodePipelineApi.map(action.resolvedConfiguration()));
    CodePipelineApi.putIfPresent(in, "roleArn", action.roleArn());
    CodePipelineApi.putIfPresent(in, "region", action.region());
    in.set("inputArtifacts", CodePipelineApi.artifacts(action.inputArtifacts()));
    CodePipelineApi.putIfPresent(in, "namespace", action.namespace());
    ObjectNode out = json.putObject("output");
    out.set("outputArtifacts", CodePipelineApi.artifacts(action.outputArtifacts()));
    ObjectNode result = out.putObject("executionResult");
    CodePipelineApi.putIfPresent(result, "externalExecutionSummary", action.summary());
    ErrorDetails error = action.errorDetails();
    if (error != null) {
      result.putObject("errorDetails").put("code", error.code()).put("message", error.message());
    }
    out.set("outputVariables", CodePipelineApi.map(action.outputVariables()));
    return json;
  }
}
