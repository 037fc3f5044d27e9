package ferry.cloudformation.resource;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.codepipeline.ActionDeclaration;
import ferry.codepipeline.ActionTypeId;
import ferry.codepipeline.ArtifactStore;
import ferry.codepipeline.CodePipelineService;
import ferry.codepipeline.EncryptionKey;
import ferry.codepipeline.ExecutionMode;
import ferry.codepipeline.Pipeline;
import ferry.codepipeline.PipelineDeclaration;
import ferry.codepipeline.PipelineTag;
import ferry.codepipeline.PipelineTagService;
import ferry.codepipeline.PipelineType;
import ferry.codepipeline.PipelineVariable;
import ferry.codepipeline.StageDeclaration;
import ferry.codepipeline.StageTransitionService;
import ferry.codepipeline.StartExecutionRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS::CodePipeline::Pipeline, saved through CodePipeline as the stack's caller: the service
 * validates the structure, needs {@code iam:PassRole} on the service role and checks that
 * CodePipeline may assume it (and it each action's role), so a template missing one of those grants
 * fails here with CodePipeline's own error. {@code Ref} is the pipeline's name, {@code Fn::GetAtt
 * Version} its version.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-codepipeline-pipeline.html">AWS::CodePipeline::Pipeline</a>
 */
public final class CodePipelineHandler implements ResourceHandler {
  static final ResourceSchema SCHEMA =
      new ResourceSchema(
          "AWS::CodePipeline::Pipeline",
          Set.of(
              "ArtifactStore",
              "ArtifactStores",
              "DisableInboundStageTransitions",
              "ExecutionMode",
              "Name",
              "PipelineType",
              "RestartExecutionOnUpdate",
              "RoleArn",
              "Stages",
              "Tags",
              "Triggers",
              "Variables"),
          Set.of("RoleArn", "Stages"),
          Set.of("Name"),
          Set.of("Version"),
          "Name");
  private static final int MAX_NAME = 100;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> STRUCTURE =
      List.of(
          "ArtifactStore",
          "ArtifactStores",
          "ExecutionMode",
          "PipelineType",
          "RoleArn",
          "Stages",
          "Triggers",
          "Variables");

  private final CodePipelineService codepipeline;
  private final PipelineTagService tags;
  private final StageTransitionService transitions;

  public CodePipelineHandler(
      CodePipelineService codepipeline,
      PipelineTagService tags,
      StageTransitionService transitions) {
    this.codepipeline = codepipeline;
    this.tags = tags;
    this.transitions = transitions;
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Provisioned create(ResourceRequest request) {
    SchemaValues properties = SchemaValues.of(SCHEMA, request);
    String name = properties.string("Name");
    if (name == null) {
      name = request.generatedName(MAX_NAME);
    }
    PipelineDeclaration declaration = declaration(properties, name);
    List<PipelineTag> wantedTags = pipelineTags(properties, request.stackTags());
    PipelineTagService.check(wantedTags);
    Map<String, String> disabled = disabledTransitions(properties);
    Caller caller = request.caller();
    Pipeline pipeline = codepipeline.createPipeline(caller, declaration);
    var made = new PartialCreation();
    made.made(() -> codepipeline.deletePipeline(caller, pipeline.name()));
    try {
      if (!wantedTags.isEmpty()) {
        tags.tagNew(pipeline, wantedTags);
      }
      disabled.forEach((stage, reason) ->
          transitions.disableStageTransition(caller, pipeline.name(), stage, "Inbound", reason));
    } catch (AwsException e) {
      throw made.undo(e);
    }
    return provisioned(pipeline);
  }

  @Override
  public Provisioned update(
      ResourceRequest request, Provisioned current, ObjectNode previousProperties) {
    SchemaValues wanted = SchemaValues.of(SCHEMA, request);
    SchemaValues before = wanted.previous(previousProperties);
    Caller caller = request.caller();
    String name = current.physicalId();
    PipelineDeclaration declaration = declaration(wanted, name);
    List<PipelineTag> wantedTags = pipelineTags(wanted, request.stackTags());
    PipelineTagService.check(wantedTags);
    Map<String, String> disabled = disabledTransitions(wanted);
    Provisioned result = current;
    if (STRUCTURE.stream().anyMatch(p -> wanted.changed(before, p))) {
      result = provisioned(codepipeline.updatePipeline(caller, declaration));
    }
    String arn = Pipeline.arn(caller.region(), caller.account(), name);
    TagChanges.of(asMap(pipelineTags(before, request.stackTags())), asMap(wantedTags))
        .apply(
            added ->
                tags.tagResource(
                    caller,
                    arn,
                    added.entrySet().stream()
                        .map(t -> new PipelineTag(t.getKey(), t.getValue()))
                        .toList()),
            removed -> tags.untagResource(caller, arn, removed));
    Map<String, String> wereDisabled = disabledTransitions(before);
    for (String stage : wereDisabled.keySet()) {
      if (!disabled.containsKey(stage) && declaration.stage(stage) != null) {
        transitions.enableStageTransition(caller, name, stage, "Inbound");
      }
    }
    disabled.forEach((stage, reason) -> {
      if (!reason.equals(wereDisabled.get(stage))) {
        transitions.disableStageTransition(caller, name, stage, "Inbound", reason);
      }
    });
    if (wanted.bool("RestartExecutionOnUpdate", false)) {
      codepipeline.startPipelineExecution(
          caller, new StartExecutionRequest(name, Map.of(), null, Map.of()));
    }
    return result;
  }

  @Override
  public void delete(ResourceRequest request, Provisioned current) {
    // CodePipeline's DeletePipeline of a pipeline that is not there succeeds by itself.
    codepipeline.deletePipeline(request.caller(), current.physicalId());
  }

  private static Provisioned provisioned(Pipeline pipeline) {
    return new Provisioned(
        pipeline.name(), Map.of("Version", Integer.toString(pipeline.declaration().version())));
  }

  // ---- the template's pipeline structure, in CodePipeline's model ----

  private static PipelineDeclaration declaration(SchemaValues properties, String name) {
    SchemaValues store = properties.object("ArtifactStore");
    Map<String, ArtifactStore> stores = new LinkedHashMap<>();
    for (SchemaValues entry : properties.objects("ArtifactStores")) {
      entry.allowing("ArtifactStore", "Region");
      stores.put(
          entry.requiredString("Region"), artifactStore(entry.requiredObject("ArtifactStore")));
    }
    List<StageDeclaration> stages = new ArrayList<>();
    for (SchemaValues stage : properties.objects("Stages")) {
      stage.allowing("Actions", "BeforeEntry", "Blockers", "Name", "OnFailure", "OnSuccess");
      stage.refuse("BeforeEntry", "OnFailure", "OnSuccess");
      List<ActionDeclaration> actions = new ArrayList<>();
      for (SchemaValues action : stage.objects("Actions")) {
        actions.add(action(action));
      }
      stages.add(
          new StageDeclaration(
              stage.requiredString("Name"), actions, stage.objects("Blockers").size()));
    }
    properties.require("Stages");
    List<PipelineVariable> variables = new ArrayList<>();
    for (SchemaValues variable : properties.objects("Variables")) {
      variable.allowing("DefaultValue", "Description", "Name");
      variables.add(
          new PipelineVariable(
              variable.requiredString("Name"),
              variable.string("DefaultValue"),
              variable.string("Description")));
    }
    String mode = properties.string("ExecutionMode");
    String type = properties.string("PipelineType");
    return new PipelineDeclaration(
        name,
        properties.requiredString("RoleArn"),
        store == null ? null : artifactStore(store),
        stores,
        stages,
        1,
        mode == null
            ? ExecutionMode.SUPERSEDED
            : oneOf(properties, "ExecutionMode", mode, ExecutionMode.class),
        type == null ? null : oneOf(properties, "PipelineType", type, PipelineType.class),
        variables,
        properties.objects("Triggers").size());
  }

  private static ArtifactStore artifactStore(SchemaValues store) {
    store.allowing("EncryptionKey", "Location", "Type");
    SchemaValues key = store.object("EncryptionKey");
    if (key != null) {
      key.allowing("Id", "Type");
    }
    return new ArtifactStore(
        store.requiredString("Type"),
        store.requiredString("Location"),
        key == null
            ? null
            : new EncryptionKey(key.requiredString("Id"), key.requiredString("Type")));
  }

  private static ActionDeclaration action(SchemaValues action) {
    action.allowing(
        "ActionTypeId",
        "Commands",
        "Configuration",
        "InputArtifacts",
        "Name",
        "Namespace",
        "OutputArtifacts",
        "OutputVariables",
        "Region",
        "RoleArn",
        "RunOrder",
        "TimeoutInMinutes");
    action.refuse("Commands", "OutputVariables");
    SchemaValues type =
        action.requiredObject("ActionTypeId").allowing("Category", "Owner", "Provider", "Version");
    List<String> outputs = new ArrayList<>();
    for (SchemaValues output : action.objects("OutputArtifacts")) {
      output.allowing("Files", "Name").refuse("Files");
      outputs.add(output.requiredString("Name"));
    }
    List<String> inputs = new ArrayList<>();
    for (SchemaValues input : action.objects("InputArtifacts")) {
      inputs.add(input.allowing("Name").requiredString("Name"));
    }
    Integer runOrder = action.integer("RunOrder");
    return new ActionDeclaration(
        action.requiredString("Name"),
        new ActionTypeId(
            type.requiredString("Category"),
            type.requiredString("Owner"),
            type.requiredString("Provider"),
            type.requiredString("Version")),
        runOrder == null ? 1 : runOrder,
        configuration(action),
        outputs,
        inputs,
        action.string("RoleArn"),
        action.string("Region"),
        action.string("Namespace"),
        action.integer("TimeoutInMinutes"));
  }

  /**
   * An action's configuration: an object (or its JSON text) of values CodePipeline keeps as text.
   */
  private static Map<String, String> configuration(SchemaValues action) {
    String text = action.document("Configuration");
    Map<String, String> configuration = new LinkedHashMap<>();
    if (text == null) {
      return configuration;
    }
    JsonNode json;
    try {
      json = JSON.readTree(text);
    } catch (JacksonException e) {
      throw action.invalid(action.at("Configuration") + ": the string is not JSON");
    }
    if (!json.isObject()) {
      throw action.invalid(action.at("Configuration") + ": expected type: JSONObject");
    }
    json.properties()
        .forEach(e ->
            configuration.put(
                e.getKey(),
                e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    return configuration;
  }

  private static Map<String, String> disabledTransitions(SchemaValues properties) {
    Map<String, String> disabled = new LinkedHashMap<>();
    for (SchemaValues transition : properties.objects("DisableInboundStageTransitions")) {
      transition.allowing("Reason", "StageName");
      disabled.put(transition.requiredString("StageName"), transition.requiredString("Reason"));
    }
    return disabled;
  }

  private static List<PipelineTag> pipelineTags(
      SchemaValues properties, Map<String, String> stackTags) {
    return properties.tagsWith(stackTags).stream()
        .map(t -> new PipelineTag(t.getKey(), t.getValue()))
        .toList();
  }

  private static Map<String, String> asMap(List<PipelineTag> tags) {
    Map<String, String> map = new LinkedHashMap<>();
    tags.forEach(t -> map.put(t.key(), t.value()));
    return map;
  }

  private static <E extends Enum<E>> E oneOf(
      SchemaValues properties, String property, String value, Class<E> type) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw properties.invalid(
          properties.at(property) + ": " + value + " is not a valid enum value");
    }
  }
}
