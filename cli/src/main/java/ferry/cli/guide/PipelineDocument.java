package ferry.cli.guide;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionTypeId;
import software.amazon.awssdk.services.codepipeline.model.ArtifactStore;
import software.amazon.awssdk.services.codepipeline.model.EncryptionKey;
import software.amazon.awssdk.services.codepipeline.model.InputArtifact;
import software.amazon.awssdk.services.codepipeline.model.OutputArtifact;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;

/**
 * A pipeline declaration read from the guide's {@code create-pipeline --cli-input-json} document,
 * so the demo creates exactly the pipeline {@code docs/guide.md} creates.
 */
final class PipelineDocument {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PipelineDocument() {}

  /** The {@code pipeline} member of a CreatePipeline request document. */
  static PipelineDeclaration parse(String createPipelineInput) {
    JsonNode pipeline;
    try {
      pipeline = JSON.readTree(createPipelineInput).path("pipeline");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("The pipeline document is not valid JSON", e);
    }
    PipelineDeclaration.Builder declaration =
        PipelineDeclaration.builder()
            .name(pipeline.path("name").asText())
            .roleArn(pipeline.path("roleArn").asText())
            .version(pipeline.path("version").asInt(1))
            .artifactStore(artifactStore(pipeline.path("artifactStore")));
    if (pipeline.hasNonNull("pipelineType")) {
      declaration.pipelineType(pipeline.path("pipelineType").asText());
    }
    if (pipeline.hasNonNull("executionMode")) {
      declaration.executionMode(pipeline.path("executionMode").asText());
    }
    List<StageDeclaration> stages = new ArrayList<>();
    for (JsonNode stage : pipeline.path("stages")) {
      List<ActionDeclaration> actions = new ArrayList<>();
      for (JsonNode action : stage.path("actions")) {
        actions.add(action(action));
      }
      stages.add(
          StageDeclaration.builder().name(stage.path("name").asText()).actions(actions).build());
    }
    return declaration.stages(stages).build();
  }

  private static ArtifactStore artifactStore(JsonNode store) {
    ArtifactStore.Builder builder =
        ArtifactStore.builder()
            .type(store.path("type").asText())
            .location(store.path("location").asText());
    JsonNode key = store.path("encryptionKey");
    if (!key.isMissingNode()) {
      builder.encryptionKey(
          EncryptionKey.builder()
              .id(key.path("id").asText())
              .type(key.path("type").asText())
              .build());
    }
    return builder.build();
  }

  private static ActionDeclaration action(JsonNode action) {
    JsonNode type = action.path("actionTypeId");
    Map<String, String> configuration = new LinkedHashMap<>();
    action
        .path("configuration")
        .properties()
        .forEach(e -> configuration.put(e.getKey(), e.getValue().asText()));
    List<OutputArtifact> outputs = new ArrayList<>();
    action
        .path("outputArtifacts")
        .forEach(o -> outputs.add(OutputArtifact.builder().name(o.path("name").asText()).build()));
    List<InputArtifact> inputs = new ArrayList<>();
    action
        .path("inputArtifacts")
        .forEach(i -> inputs.add(InputArtifact.builder().name(i.path("name").asText()).build()));
    ActionDeclaration.Builder builder =
        ActionDeclaration.builder()
            .name(action.path("name").asText())
            .actionTypeId(
                ActionTypeId.builder()
                    .category(type.path("category").asText())
                    .owner(type.path("owner").asText())
                    .provider(type.path("provider").asText())
                    .version(type.path("version").asText())
                    .build())
            .runOrder(action.path("runOrder").asInt(1))
            .configuration(configuration)
            .outputArtifacts(outputs)
            .inputArtifacts(inputs);
    if (action.hasNonNull("region")) {
      builder.region(action.path("region").asText());
    }
    if (action.hasNonNull("namespace")) {
      builder.namespace(action.path("namespace").asText());
    }
    if (action.hasNonNull("roleArn")) {
      builder.roleArn(action.path("roleArn").asText());
    }
    return builder.build();
  }
}
