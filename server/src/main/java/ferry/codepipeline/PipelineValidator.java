package ferry.codepipeline;

import ferry.aws.AwsException;
import ferry.aws.Region;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a pipeline declaration as CodePipeline does when it is created or updated: first the
 * model's member constraints (ValidationException listing every violation), then the structural
 * rules, stopping at the first broken one. Role checks need STS and are made by the service.
 */
public final class PipelineValidator {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9.@\\-_]+");
  private static final Pattern ARTIFACT_NAME = Pattern.compile("[a-zA-Z0-9_\\-]+");
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9@\\-_]+");
  private static final Pattern PROVIDER = Pattern.compile("[0-9A-Za-z_-]+");
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws(-[\\w]+)*:iam::[0-9]{12}:role/.*");
  private static final Pattern LOCATION = Pattern.compile("[a-zA-Z0-9\\-.]+");
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9@\\-_]+");

  /** {@code #{namespace.name}} inside a configuration value. */
  public static final Pattern REFERENCE =
      Pattern.compile("#\\{([A-Za-z0-9@\\-_]+)\\.([A-Za-z0-9@\\-_.]+)}");

  private static final Set<String> CATEGORIES =
      Set.of("Source", "Build", "Deploy", "Test", "Invoke", "Approval", "Compute");
  private static final Set<String> OWNERS = Set.of("AWS", "ThirdParty", "Custom");
  private static final Set<String> CANNED_ACLS =
      Set.of(
          "private",
          "public-read",
          "public-read-write",
          "aws-exec-read",
          "authenticated-read",
          "bucket-owner-read",
          "bucket-owner-full-control",
          "log-delivery-write");

  private PipelineValidator() {}

  /**
   * @throws AwsException the first problem found, in CodePipeline's exception and wording
   */
  public static void validate(PipelineDeclaration pipeline, Region pipelineRegion) {
    checkMembers(pipeline);
    checkStructure(pipeline, pipelineRegion);
  }

  // ---- rule 1: member constraints ----

  private static void checkMembers(PipelineDeclaration pipeline) {
    List<String> violations = new ArrayList<>();
    Constraints c = new Constraints(violations);
    c.name(pipeline.name(), "pipeline.name", 100, NAME);
    c.length(pipeline.roleArn(), "pipeline.roleArn", 1, 1024);
    c.pattern(pipeline.roleArn(), "pipeline.roleArn", ROLE_ARN);
    ArtifactStore store = pipeline.artifactStore();
    if (store != null) {
      checkStore(c, store, "pipeline.artifactStore");
    }
    pipeline
        .artifactStores()
        .forEach((region, s) -> checkStore(c, s, "pipeline.artifactStores." + region + ".member"));
    List<StageDeclaration> stages = pipeline.stages();
    for (int i = 0; i < stages.size(); i++) {
      StageDeclaration stage = stages.get(i);
      String at = "pipeline.stages." + (i + 1) + ".member";
      c.name(stage.name(), at + ".name", 100, NAME);
      for (int j = 0; j < stage.actions().size(); j++) {
        checkAction(c, stage.actions().get(j), at + ".actions." + (j + 1) + ".member");
      }
    }
    List<PipelineVariable> variables = pipeline.effectiveVariables();
    for (int i = 0; i < variables.size(); i++) {
      PipelineVariable variable = variables.get(i);
      String at = "pipeline.variables." + (i + 1) + ".member";
      c.name(variable.name(), at + ".name", 128, VARIABLE_NAME);
      if (variable.defaultValue() != null) {
        c.length(variable.defaultValue(), at + ".defaultValue", 1, 1000);
      }
    }
    if (!violations.isEmpty()) {
      throw CodePipelineErrors.validation(
          violations.size()
              + " validation error"
              + (violations.size() == 1 ? "" : "s")
              + " detected: "
              + String.join("; ", violations));
    }
  }

  private static void checkStore(Constraints c, ArtifactStore store, String at) {
    c.enumValue(store.type(), at + ".type", Set.of("S3"));
    c.length(store.location(), at + ".location", 3, 63);
    c.pattern(store.location(), at + ".location", LOCATION);
    EncryptionKey key = store.encryptionKey();
    if (key != null) {
      c.length(key.id(), at + ".encryptionKey.id", 1, 400);
      c.enumValue(key.type(), at + ".encryptionKey.type", Set.of("KMS"));
    }
  }

  private static void checkAction(Constraints c, ActionDeclaration action, String at) {
    c.name(action.name(), at + ".name", 100, NAME);
    ActionTypeId type = action.actionTypeId();
    c.enumValue(type.category(), at + ".actionTypeId.category", CATEGORIES);
    c.enumValue(type.owner(), at + ".actionTypeId.owner", OWNERS);
    c.length(type.provider(), at + ".actionTypeId.provider", 1, 35);
    c.pattern(type.provider(), at + ".actionTypeId.provider", PROVIDER);
    c.length(type.version(), at + ".actionTypeId.version", 1, 9);
    c.pattern(type.version(), at + ".actionTypeId.version", PROVIDER);
    if (action.runOrder() < 1 || action.runOrder() > 999) {
      c.add(
          action.runOrder(),
          at + ".runOrder",
          "Member must have value "
              + (action.runOrder() < 1
                  ? "greater than or equal to 1"
                  : "less than or equal to 999"));
    }
    action
        .configuration()
        .forEach((key, value) -> {
          if (key.isEmpty() || key.length() > 50) {
            c.add(
                key,
                at + ".configuration",
                "Map keys must satisfy constraint: [Member must have length less than or equal to"
                    + " 50, Member must have length greater than or equal to 1]");
          }
          if (value.isEmpty() || value.length() > 1000) {
            c.add(
                value,
                at + ".configuration",
                "Map value must satisfy constraint: [Member must have length less than or equal to"
                    + " 1000, Member must have length greater than or equal to 1]");
          }
        });
    for (int k = 0; k < action.outputArtifacts().size(); k++) {
      c.name(
          action.outputArtifacts().get(k),
          at + ".outputArtifacts." + (k + 1) + ".member.name",
          100,
          ARTIFACT_NAME);
    }
    for (int k = 0; k < action.inputArtifacts().size(); k++) {
      c.name(
          action.inputArtifacts().get(k),
          at + ".inputArtifacts." + (k + 1) + ".member.name",
          100,
          ARTIFACT_NAME);
    }
    if (action.roleArn() != null) {
      c.length(action.roleArn(), at + ".roleArn", 1, 1024);
      c.pattern(action.roleArn(), at + ".roleArn", ROLE_ARN);
    }
    if (action.region() != null) {
      c.length(action.region(), at + ".region", 4, 30);
    }
    if (action.namespace() != null) {
      c.name(action.namespace(), at + ".namespace", 100, NAMESPACE);
    }
    Integer timeout = action.timeoutInMinutes();
    if (timeout != null && (timeout < 5 || timeout > 86400)) {
      c.add(
          timeout,
          at + ".timeoutInMinutes",
          timeout < 5
              ? "Member must have value greater than or equal to 5"
              : "Member must have value less than or equal to 86400");
    }
  }

  /** Collects Coral-style violations: {@code Value 'v' at 'path' failed to satisfy constraint}. */
  private record Constraints(List<String> violations) {
    void add(Object value, String path, String constraint) {
      violations.add(
          "Value '" + value + "' at '" + path + "' failed to satisfy constraint: " + constraint);
    }

    void length(String value, String path, int min, int max) {
      if (value.length() < min) {
        add(value, path, "Member must have length greater than or equal to " + min);
      } else if (value.length() > max) {
        add(value, path, "Member must have length less than or equal to " + max);
      }
    }

    void pattern(String value, String path, Pattern pattern) {
      if (!pattern.matcher(value).matches()) {
        add(value, path, "Member must satisfy regular expression pattern: " + pattern.pattern());
      }
    }

    void name(String value, String path, int max, Pattern pattern) {
      length(value, path, 1, max);
      if (!value.isEmpty()) {
        pattern(value, path, pattern);
      }
    }

    void enumValue(String value, String path, Set<String> allowed) {
      if (!allowed.contains(value)) {
        add(
            value,
            path,
            "Member must satisfy enum value set: ["
                + String.join(", ", allowed.stream().sorted().toList())
                + "]");
      }
    }
  }

  // ---- rules 2-15: structure ----

  private static void checkStructure(PipelineDeclaration pipeline, Region pipelineRegion) {
    boolean single = pipeline.artifactStore() != null;
    boolean multi = !pipeline.artifactStores().isEmpty();
    if (single == multi) {
      throw CodePipelineErrors.invalidStructure(
          "Pipeline must contain exactly one of artifactStore or artifactStores");
    }
    if (pipeline.triggerCount() > 0) {
      throw CodePipelineErrors.invalidStructure(
          "Triggers are supported only for CodeStarSourceConnection source actions, which Ferry"
              + " does not provide");
    }
    List<StageDeclaration> stages = pipeline.stages();
    if (stages.size() < 2) {
      throw CodePipelineErrors.invalidStructure(
          "Pipeline has only "
              + stages.size()
              + " stage(s). There should be a minimum of 2 stages in a pipeline");
    }
    if (stages.size() > 50) {
      throw CodePipelineErrors.invalidStructure(
          "Pipeline has "
              + stages.size()
              + " stages. There can be at most 50 stages in a pipeline");
    }
    Set<String> stageNames = new HashSet<>();
    for (StageDeclaration stage : stages) {
      if (!stageNames.add(stage.name())) {
        throw CodePipelineErrors.invalidStructure(
            "Pipeline has more than one stage with the name '" + stage.name() + "'");
      }
      if (stage.actions().isEmpty() || stage.actions().size() > 50) {
        throw CodePipelineErrors.invalidStructure(
            "Stage '"
                + stage.name()
                + "' has "
                + stage.actions().size()
                + " action(s). A stage must have between 1 and 50 actions");
      }
    }
    checkSourcePlacement(stages);
    for (StageDeclaration stage : stages) {
      Set<String> actionNames = new HashSet<>();
      for (ActionDeclaration action : stage.actions()) {
        if (!actionNames.add(action.name())) {
          throw CodePipelineErrors.invalidStage(
              "Stage '"
                  + stage.name()
                  + "' has more than one action with the name '"
                  + action.name()
                  + "'");
        }
      }
      if (stage.blockerCount() > 0) {
        throw CodePipelineErrors.invalidBlocker(
            "Stage '" + stage.name() + "' declares blockers, which are reserved for future use");
      }
    }
    for (StageDeclaration stage : stages) {
      for (ActionDeclaration action : stage.actions()) {
        checkActionType(action, pipelineRegion);
      }
    }
    checkArtifacts(stages);
    checkNamespaces(pipeline);
    checkRegions(pipeline, pipelineRegion);
    checkType(pipeline);
  }

  private static void checkSourcePlacement(List<StageDeclaration> stages) {
    StageDeclaration first = stages.getFirst();
    for (ActionDeclaration action : first.actions()) {
      if (!action.actionTypeId().category().equals("Source")) {
        throw CodePipelineErrors.invalidStructure(
            "Stage '"
                + first.name()
                + "' is the first stage, so it may contain only source actions, but action '"
                + action.name()
                + "' is of category "
                + action.actionTypeId().category());
      }
    }
    boolean nonSource = false;
    for (StageDeclaration stage : stages.subList(1, stages.size())) {
      for (ActionDeclaration action : stage.actions()) {
        if (action.actionTypeId().category().equals("Source")) {
          throw CodePipelineErrors.invalidStructure(
              "Source action '"
                  + action.name()
                  + "' is in stage '"
                  + stage.name()
                  + "'; source actions can only be in the first stage");
        }
        nonSource = true;
      }
    }
    if (!nonSource) {
      throw CodePipelineErrors.invalidStructure(
          "Pipeline must contain at least one action that is not a source action");
    }
  }

  private static void checkActionType(ActionDeclaration action, Region pipelineRegion) {
    ActionTypeId id = action.actionTypeId();
    String region = action.region() == null ? pipelineRegion.name() : action.region();
    ActionTypeDefinition type =
        ActionTypes.find(id)
            .orElseThrow(() ->
                CodePipelineErrors.invalidAction(
                    "ActionType "
                        + id
                        + " in action '"
                        + action.name()
                        + "' is not available in region '"
                        + region.toUpperCase(Locale.ROOT).replace('-', '_')
                        + "'"));
    Map<String, String> configuration = action.configuration();
    for (ActionTypeDefinition.ConfigurationProperty property : type.properties()) {
      if (property.required() && !configuration.containsKey(property.name())) {
        throw CodePipelineErrors.invalidAction(
            "Action configuration for action '"
                + action.name()
                + "' is missing required configuration '"
                + property.name()
                + "'");
      }
    }
    for (String key : configuration.keySet()) {
      if (type.properties().stream().noneMatch(p -> p.name().equals(key))) {
        throw CodePipelineErrors.invalidAction(
            "Action configuration for action '"
                + action.name()
                + "' contains unknown configuration '"
                + key
                + "'");
      }
    }
    if (id.equals(ActionTypeId.S3_DEPLOY)) {
      checkDeployConfiguration(action, configuration);
    }
    if (id.equals(ActionTypeId.S3_SOURCE)) {
      checkBoolean(action, configuration, "PollForSourceChanges");
      checkBoolean(action, configuration, "AllowOverrideForS3ObjectKey");
    }
    int inputs = action.inputArtifacts().size();
    int outputs = action.outputArtifacts().size();
    if (inputs < type.minimumInputs() || inputs > type.maximumInputs()) {
      throw CodePipelineErrors.invalidAction(
          artifactCountMessage(
              action, "input", inputs, type.minimumInputs(), type.maximumInputs()));
    }
    if (outputs < type.minimumOutputs() || outputs > type.maximumOutputs()) {
      throw CodePipelineErrors.invalidAction(
          artifactCountMessage(
              action, "output", outputs, type.minimumOutputs(), type.maximumOutputs()));
    }
  }

  private static void checkDeployConfiguration(
      ActionDeclaration action, Map<String, String> configuration) {
    checkBoolean(action, configuration, "Extract");
    if ("false".equalsIgnoreCase(configuration.get("Extract"))
        && !configuration.containsKey("ObjectKey")) {
      throw CodePipelineErrors.invalidAction(
          "Action configuration for action '"
              + action.name()
              + "' must contain 'ObjectKey' when 'Extract' is false");
    }
    String acl = configuration.get("CannedACL");
    if (acl != null && !CANNED_ACLS.contains(acl)) {
      throw CodePipelineErrors.invalidAction(
          "Action configuration for action '"
              + action.name()
              + "' has an invalid value for 'CannedACL': '"
              + acl
              + "'");
    }
  }

  private static void checkBoolean(
      ActionDeclaration action, Map<String, String> configuration, String key) {
    String value = configuration.get(key);
    if (value != null
        && !value.equalsIgnoreCase("true")
        && !value.equalsIgnoreCase("false")
        && !REFERENCE.matcher(value).find()) {
      throw CodePipelineErrors.invalidAction(
          "Action configuration for action '"
              + action.name()
              + "' has an invalid value for '"
              + key
              + "': '"
              + value
              + "'. Valid values are true and false");
    }
  }

  private static String artifactCountMessage(
      ActionDeclaration action, String kind, int count, int min, int max) {
    return "Action '"
        + action.name()
        + "' has "
        + count
        + " "
        + kind
        + " artifact(s); action type "
        + action.actionTypeId()
        + " requires "
        + (min == max ? "exactly " + min : "between " + min + " and " + max);
  }

  private static void checkArtifacts(List<StageDeclaration> stages) {
    Set<String> outputs = new HashSet<>();
    for (StageDeclaration stage : stages) {
      for (ActionDeclaration action : stage.actions()) {
        for (String output : action.outputArtifacts()) {
          if (!outputs.add(output)) {
            throw CodePipelineErrors.invalidStructure(
                "Output Artifact Bundle name '"
                    + output
                    + "' is used by more than one action; output artifact names must be unique"
                    + " in a pipeline");
          }
        }
      }
    }
    Set<String> available = new HashSet<>();
    for (StageDeclaration stage : stages) {
      for (ActionDeclaration action : stage.actions()) {
        for (String input : action.inputArtifacts()) {
          if (!available.contains(input) && !producedEarlierInStage(stage, action, input)) {
            throw CodePipelineErrors.invalidStructure(
                "Input Artifact Bundle '"
                    + input
                    + "' of action '"
                    + action.name()
                    + "' in stage '"
                    + stage.name()
                    + "' is not the output of an action that runs before it");
          }
        }
      }
      stage.actions().forEach(a -> available.addAll(a.outputArtifacts()));
    }
  }

  private static boolean producedEarlierInStage(
      StageDeclaration stage, ActionDeclaration consumer, String artifact) {
    return stage.actions().stream()
        .anyMatch(
            a -> a.runOrder() < consumer.runOrder() && a.outputArtifacts().contains(artifact));
  }

  private static void checkNamespaces(PipelineDeclaration pipeline) {
    Set<String> artifacts = new HashSet<>();
    Map<String, ActionDeclaration> namespaces = new HashMap<>();
    for (StageDeclaration stage : pipeline.stages()) {
      for (ActionDeclaration action : stage.actions()) {
        artifacts.addAll(action.outputArtifacts());
        String namespace = action.namespace();
        if (namespace != null && namespaces.put(namespace, action) != null) {
          throw CodePipelineErrors.invalidAction(
              "Namespace '" + namespace + "' is used by more than one action in the pipeline");
        }
      }
    }
    for (String namespace : namespaces.keySet()) {
      if (artifacts.contains(namespace)) {
        throw CodePipelineErrors.invalidAction(
            "Namespace '" + namespace + "' has the same name as an artifact in the pipeline");
      }
    }
    Set<String> visible = new HashSet<>(Set.of("codepipeline"));
    if (pipeline.effectiveType() == PipelineType.V2 || pipeline.variables() != null) {
      visible.add("variables");
    }
    for (StageDeclaration stage : pipeline.stages()) {
      for (ActionDeclaration action : stage.actions()) {
        Set<String> here = new HashSet<>(visible);
        stage.actions().stream()
            .filter(a -> a.runOrder() < action.runOrder() && a.namespace() != null)
            .forEach(a -> here.add(a.namespace()));
        for (String value : action.configuration().values()) {
          Matcher reference = REFERENCE.matcher(value);
          while (reference.find()) {
            if (!here.contains(reference.group(1))) {
              throw CodePipelineErrors.invalidAction(
                  "Action '"
                      + action.name()
                      + "' references variable '"
                      + reference.group()
                      + "', but namespace '"
                      + reference.group(1)
                      + "' is not produced by an action that runs before it");
            }
          }
        }
      }
      stage.actions().stream()
          .map(ActionDeclaration::namespace)
          .filter(java.util.Objects::nonNull)
          .forEach(visible::add);
    }
  }

  private static void checkRegions(PipelineDeclaration pipeline, Region pipelineRegion) {
    boolean crossRegion = false;
    for (StageDeclaration stage : pipeline.stages()) {
      for (ActionDeclaration action : stage.actions()) {
        String region = action.region();
        if (region == null || region.equals(pipelineRegion.name())) {
          continue;
        }
        if (action.actionTypeId().category().equals("Source")) {
          throw CodePipelineErrors.invalidStructure(
              "Source action '"
                  + action.name()
                  + "' cannot be in region '"
                  + region
                  + "'; source actions must be in the pipeline's region "
                  + pipelineRegion);
        }
        crossRegion = true;
        if (!pipeline.artifactStores().isEmpty()
            && !pipeline.artifactStores().containsKey(region)) {
          throw CodePipelineErrors.invalidStructure(
              "Pipeline has no artifact store for region '"
                  + region
                  + "', used by action '"
                  + action.name()
                  + "'");
        }
      }
    }
    if (crossRegion && pipeline.artifactStore() != null) {
      throw CodePipelineErrors.invalidStructure(
          "A pipeline with cross-region actions must declare artifactStores, one per region");
    }
    if (!pipeline.artifactStores().isEmpty()
        && !pipeline.artifactStores().containsKey(pipelineRegion.name())) {
      throw CodePipelineErrors.invalidStructure(
          "artifactStores must contain an artifact store for the pipeline's region "
              + pipelineRegion);
    }
  }

  private static void checkType(PipelineDeclaration pipeline) {
    if (pipeline.pipelineType() != PipelineType.V1) {
      return;
    }
    @Nullable ExecutionMode mode = pipeline.executionMode();
    if (mode == ExecutionMode.QUEUED || mode == ExecutionMode.PARALLEL) {
      throw CodePipelineErrors.validation(
          "Execution mode " + mode + " is only available for pipelines of type V2");
    }
    if (pipeline.variables() != null && !pipeline.variables().isEmpty()) {
      throw CodePipelineErrors.validation(
          "Pipeline-level variables are only available for pipelines of type V2");
    }
  }
}
