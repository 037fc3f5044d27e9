package ferry.codepipeline.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.codepipeline.ActionDeclaration;
import ferry.codepipeline.ActionTypeId;
import ferry.codepipeline.ArtifactStore;
import ferry.codepipeline.CodePipelineErrors;
import ferry.codepipeline.EncryptionKey;
import ferry.codepipeline.ExecutionMode;
import ferry.codepipeline.PipelineDeclaration;
import ferry.codepipeline.PipelineType;
import ferry.codepipeline.PipelineVariable;
import ferry.codepipeline.StageDeclaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A pipeline declaration as JSON, in the member names and order of the CodePipeline model: how it
 * is stored, and how the wire binding reads and writes it.
 */
public final class DeclarationJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private DeclarationJson() {}

  public static ObjectNode write(PipelineDeclaration pipeline) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("name", pipeline.name());
    json.put("roleArn", pipeline.roleArn());
    ArtifactStore store = pipeline.artifactStore();
    if (store != null) {
      json.set("artifactStore", store(store));
    }
    if (!pipeline.artifactStores().isEmpty()) {
      ObjectNode stores = json.putObject("artifactStores");
      new java.util.TreeMap<>(pipeline.artifactStores())
          .forEach((region, s) -> stores.set(region, store(s)));
    }
    ArrayNode stages = json.putArray("stages");
    for (StageDeclaration stage : pipeline.stages()) {
      ObjectNode s = stages.addObject().put("name", stage.name());
      ArrayNode actions = s.putArray("actions");
      for (ActionDeclaration action : stage.actions()) {
        actions.add(action(action));
      }
    }
    json.put("version", pipeline.version());
    if (pipeline.executionMode() != null) {
      json.put("executionMode", pipeline.executionMode().name());
    }
    if (pipeline.pipelineType() != null) {
      json.put("pipelineType", pipeline.pipelineType().name());
    }
    List<PipelineVariable> variables = pipeline.variables();
    if (variables != null && !variables.isEmpty()) {
      ArrayNode list = json.putArray("variables");
      for (PipelineVariable variable : variables) {
        ObjectNode v = list.addObject().put("name", variable.name());
        putIfPresent(v, "defaultValue", variable.defaultValue());
        putIfPresent(v, "description", variable.description());
      }
    }
    return json;
  }

  private static ObjectNode store(ArtifactStore store) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("type", store.type());
    json.put("location", store.location());
    EncryptionKey key = store.encryptionKey();
    if (key != null) {
      json.putObject("encryptionKey").put("id", key.id()).put("type", key.type());
    }
    return json;
  }

  private static ObjectNode action(ActionDeclaration action) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("name", action.name());
    ActionTypeId type = action.actionTypeId();
    json.putObject("actionTypeId")
        .put("category", type.category())
        .put("owner", type.owner())
        .put("provider", type.provider())
        .put("version", type.version());
    json.put("runOrder", action.runOrder());
    ObjectNode configuration = json.putObject("configuration");
    action.configuration().forEach(configuration::put);
    ArrayNode outputs = json.putArray("outputArtifacts");
    action.outputArtifacts().forEach(name -> outputs.addObject().put("name", name));
    ArrayNode inputs = json.putArray("inputArtifacts");
    action.inputArtifacts().forEach(name -> inputs.addObject().put("name", name));
    putIfPresent(json, "roleArn", action.roleArn());
    putIfPresent(json, "region", action.region());
    putIfPresent(json, "namespace", action.namespace());
    if (action.timeoutInMinutes() != null) {
      json.put("timeoutInMinutes", action.timeoutInMinutes());
    }
    return json;
  }

  private static void putIfPresent(ObjectNode json, String name, @Nullable String value) {
    if (value != null) {
      json.put(name, value);
    }
  }

  public static String text(PipelineDeclaration pipeline) {
    return write(pipeline).toString();
  }

  public static PipelineDeclaration parse(String text) {
    try {
      return read(MAPPER.readTree(text), "pipeline");
    } catch (JacksonException e) {
      throw new IllegalStateException("A stored pipeline is JSON", e);
    }
  }

  /**
   * Reads a declaration; a missing required member is a ValidationException naming its path.
   * Unknown members are ignored.
   */
  public static PipelineDeclaration read(JsonNode json, String path) {
    Reader r = new Reader(json, path);
    List<StageDeclaration> stages = new ArrayList<>();
    List<JsonNode> stageNodes = r.list("stages", true);
    for (int i = 0; i < stageNodes.size(); i++) {
      stages.add(stage(new Reader(stageNodes.get(i), path + ".stages." + (i + 1) + ".member")));
    }
    Map<String, ArtifactStore> stores = new LinkedHashMap<>();
    JsonNode storesNode = json.get("artifactStores");
    if (storesNode != null && storesNode.isObject()) {
      storesNode
          .properties()
          .forEach(e ->
              stores.put(
                  e.getKey(),
                  store(new Reader(e.getValue(), path + ".artifactStores." + e.getKey()))));
    }
    JsonNode storeNode = json.get("artifactStore");
    ArtifactStore store =
        storeNode == null || storeNode.isNull()
            ? null
            : store(new Reader(storeNode, path + ".artifactStore"));
    List<PipelineVariable> variables = null;
    JsonNode variablesNode = json.get("variables");
    if (variablesNode != null && variablesNode.isArray()) {
      variables = new ArrayList<>();
      int i = 0;
      for (JsonNode v : variablesNode) {
        Reader vr = new Reader(v, path + ".variables." + (++i) + ".member");
        variables.add(
            new PipelineVariable(
                vr.required("name"), vr.optional("defaultValue"), vr.optional("description")));
      }
    }
    Integer version = r.integer("version");
    String mode = r.optional("executionMode");
    String type = r.optional("pipelineType");
    JsonNode triggers = json.get("triggers");
    return new PipelineDeclaration(
        r.required("name"),
        r.required("roleArn"),
        store,
        stores,
        stages,
        version == null ? 1 : version,
        mode == null ? null : enumValue(ExecutionMode.class, mode, path + ".executionMode"),
        type == null ? null : enumValue(PipelineType.class, type, path + ".pipelineType"),
        variables,
        triggers != null && triggers.isArray() ? triggers.size() : 0);
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String path) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        names.add(constant.name());
      }
      throw CodePipelineErrors.validation(
          "1 validation error detected: Value '"
              + value
              + "' at '"
              + path
              + "' failed to satisfy constraint: Member must satisfy enum value set: "
              + names);
    }
  }

  private static ArtifactStore store(Reader r) {
    EncryptionKey key = null;
    JsonNode keyNode = r.node.get("encryptionKey");
    if (keyNode != null && !keyNode.isNull()) {
      Reader kr = new Reader(keyNode, r.path + ".encryptionKey");
      key = new EncryptionKey(kr.required("id"), kr.required("type"));
    }
    return new ArtifactStore(r.required("type"), r.required("location"), key);
  }

  private static StageDeclaration stage(Reader r) {
    List<ActionDeclaration> actions = new ArrayList<>();
    List<JsonNode> nodes = r.list("actions", true);
    for (int i = 0; i < nodes.size(); i++) {
      actions.add(action(new Reader(nodes.get(i), r.path + ".actions." + (i + 1) + ".member")));
    }
    return new StageDeclaration(r.required("name"), actions, r.list("blockers", false).size());
  }

  private static ActionDeclaration action(Reader r) {
    JsonNode typeNode = r.node.get("actionTypeId");
    if (typeNode == null || typeNode.isNull()) {
      throw Reader.missing(r.path + ".actionTypeId");
    }
    Reader t = new Reader(typeNode, r.path + ".actionTypeId");
    Map<String, String> configuration = new LinkedHashMap<>();
    JsonNode config = r.node.get("configuration");
    if (config != null && config.isObject()) {
      config.properties().forEach(e -> configuration.put(e.getKey(), e.getValue().asText()));
    }
    Integer runOrder = r.integer("runOrder");
    return new ActionDeclaration(
        r.required("name"),
        new ActionTypeId(
            t.required("category"),
            t.required("owner"),
            t.required("provider"),
            t.required("version")),
        runOrder == null ? 1 : runOrder,
        configuration,
        artifactNames(r, "outputArtifacts"),
        artifactNames(r, "inputArtifacts"),
        r.optional("roleArn"),
        r.optional("region"),
        r.optional("namespace"),
        r.integer("timeoutInMinutes"));
  }

  private static List<String> artifactNames(Reader r, String member) {
    List<String> names = new ArrayList<>();
    List<JsonNode> nodes = r.list(member, false);
    for (int i = 0; i < nodes.size(); i++) {
      names.add(
          new Reader(nodes.get(i), r.path + "." + member + "." + (i + 1) + ".member")
              .required("name"));
    }
    return names;
  }

  /** Member access with the model's required-member check. */
  private record Reader(JsonNode node, String path) {
    String required(String name) {
      String value = optional(name);
      if (value == null) {
        throw missing(path + "." + name);
      }
      return value;
    }

    @Nullable String optional(String name) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isValueNode()) {
        throw CodePipelineErrors.validation(
            "1 validation error detected: Value at '"
                + path
                + "."
                + name
                + "' failed to satisfy constraint: Member must be a string");
      }
      return value.asText();
    }

    @Nullable Integer integer(String name) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.canConvertToInt()) {
        throw CodePipelineErrors.validation(
            "1 validation error detected: Value '"
                + value.asText()
                + "' at '"
                + path
                + "."
                + name
                + "' failed to satisfy constraint: Member must be an integer");
      }
      return value.intValue();
    }

    List<JsonNode> list(String name, boolean required) {
      JsonNode value = node.get(name);
      if (value == null || value.isNull()) {
        if (required) {
          throw missing(path + "." + name);
        }
        return List.of();
      }
      List<JsonNode> items = new ArrayList<>();
      value.forEach(items::add);
      return items;
    }

    static ferry.aws.AwsException missing(String at) {
      return CodePipelineErrors.validation(
          "1 validation error detected: Value null at '"
              + at
              + "' failed to satisfy constraint: Member must not be null");
    }
  }
}
