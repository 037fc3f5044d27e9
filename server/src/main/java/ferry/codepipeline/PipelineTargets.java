package ferry.codepipeline;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.aws.AccountId;
import ferry.aws.Arn;
import ferry.aws.Caller;
import ferry.aws.Region;
import ferry.events.Rule;
import ferry.events.Target;
import ferry.events.TargetInvoker;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Pipelines as EventBridge targets: a matched event starts the pipeline as the session of the
 * target's role (which must be allowed codepipeline:StartPipelineExecution), with trigger {@code
 * CloudWatchEvent}. When the event names a new version of an S3 source's object, that execution
 * reads exactly that version. A target whose InputTransformer makes {@code sourceRevisions} or
 * {@code variables} (as CodePipeline documents for source revision overrides) starts the execution
 * with them, as StartPipelineExecution would.
 */
public final class PipelineTargets implements TargetInvoker {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final CodePipelineService codepipeline;
  private final ferry.codepipeline.store.PipelineRepository pipelines;

  public PipelineTargets(
      CodePipelineService codepipeline, ferry.codepipeline.store.PipelineRepository pipelines) {
    this.codepipeline = codepipeline;
    this.pipelines = pipelines;
  }

  @Override
  public boolean accepts(String targetArn) {
    return targetArn.startsWith("arn:aws:codepipeline:");
  }

  @Override
  public void invoke(Caller caller, Rule rule, Target target, String event) {
    invoke(caller, rule, target, event, null);
  }

  /** The delivery id is the execution's client token: a delivery made twice starts it once. */
  @Override
  public void invoke(
      Caller caller, Rule rule, Target target, String event, @Nullable String deliveryId) {
    Arn arn = Arn.parse(target.arn());
    AccountId account = AccountId.of(arn.account());
    Region region = Region.of(arn.region());
    String name = arn.resource();
    Map<String, String> revisions = new HashMap<>();
    pipelines
        .find(account, region, name)
        .ifPresent(pipeline -> revisions.putAll(sourceRevisions(pipeline.declaration(), event)));
    JsonNode input = json(event);
    Map<String, String> variables = new LinkedHashMap<>();
    for (JsonNode variable : input.path("variables")) {
      String variableName = text(variable.path("name"));
      String value = text(variable.path("value"));
      if (variableName != null && value != null) {
        variables.put(variableName, value);
      }
    }
    JsonNode overrides = input.path("sourceRevisions");
    for (JsonNode override : overrides.isArray() ? overrides : List.of(overrides)) {
      String action = text(override.path("actionName"));
      String value = text(override.path("revisionValue"));
      if (action != null
          && value != null
          && "S3_OBJECT_VERSION_ID".equals(text(override.path("revisionType")))) {
        revisions.put(action, value);
      }
    }
    codepipeline.startExecution(
        caller,
        account,
        region,
        new StartExecutionRequest(name, variables, deliveryId, revisions),
        new ExecutionTrigger("CloudWatchEvent", rule.arn()));
  }

  /** The object version an S3 event names, for each source action watching that object. */
  static Map<String, String> sourceRevisions(PipelineDeclaration pipeline, String event) {
    JsonNode json;
    try {
      json = MAPPER.readTree(event);
    } catch (JacksonException e) {
      return Map.of();
    }
    JsonNode detail = json.path("detail");
    String bucket = text(detail.path("bucket").path("name"));
    String key = text(detail.path("object").path("key"));
    String version = text(detail.path("object").path("version-id"));
    if (bucket == null) {
      bucket = text(detail.path("requestParameters").path("bucketName"));
      key = text(detail.path("requestParameters").path("key"));
      version = text(detail.path("responseElements").path("x-amz-version-id"));
    }
    Map<String, String> revisions = new HashMap<>();
    if (bucket == null || key == null || version == null) {
      return revisions;
    }
    for (ActionDeclaration action : pipeline.stages().getFirst().actions()) {
      if (action.actionTypeId().equals(ActionTypeId.S3_SOURCE)
          && bucket.equals(action.configuration().get("S3Bucket"))
          && key.equals(action.configuration().get("S3ObjectKey"))) {
        revisions.put(action.name(), version);
      }
    }
    return revisions;
  }

  private static JsonNode json(String input) {
    try {
      return MAPPER.readTree(input);
    } catch (JacksonException e) {
      return MAPPER.missingNode();
    }
  }

  private static @Nullable String text(JsonNode node) {
    return node.isTextual() ? node.asText() : null;
  }
}
