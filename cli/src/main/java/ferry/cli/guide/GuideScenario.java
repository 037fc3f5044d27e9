package ferry.cli.guide;

import ferry.http.DecisionClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionDetail;
import software.amazon.awssdk.services.codepipeline.model.ActionExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.ActionState;
import software.amazon.awssdk.services.codepipeline.model.ArtifactStore;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecution;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageState;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The guide, steps 1–8 (DESIGN.md "The job it exists for"), played through the public AWS APIs as
 * the dev and prod root users; with one grant left out when asked. A pure SDK client: it knows
 * nothing of Ferry but its endpoint and the decision log.
 */
public final class GuideScenario {
  private static final Duration PIPELINE_TIMEOUT = Duration.ofSeconds(60);
  private static final long POLL_MILLIS = 40;

  private final GuideNames names;
  private final GuideDocuments documents;
  private final GuideClients dev;
  private final GuideClients prod;
  private final Narrator narrator;
  private final DecisionClient decisions;
  private final @Nullable Grant broken;
  private final String devLabel;
  private final String prodLabel;
  private String currentStep = "0";
  private String keyId = "";

  public GuideScenario(
      GuideNames names,
      GuideClients dev,
      GuideClients prod,
      Narrator narrator,
      DecisionClient decisions,
      @Nullable Grant broken) {
    this(names, new GuideDocuments(names), dev, prod, narrator, decisions, broken);
  }

  /** The guide played with {@code documents}, which may replace some of the guide's files. */
  public GuideScenario(
      GuideNames names,
      GuideDocuments documents,
      GuideClients dev,
      GuideClients prod,
      Narrator narrator,
      DecisionClient decisions,
      @Nullable Grant broken) {
    this.names = names;
    this.documents = documents;
    this.dev = dev;
    this.prod = prod;
    this.narrator = narrator;
    this.decisions = decisions;
    this.broken = broken;
    this.devLabel = "dev  " + names.dev();
    this.prodLabel = "prod " + names.prod();
  }

  /** Plays the guide to its end or to the first failure. */
  public GuideOutcome play() {
    narrator.mark();
    try {
      prerequisites();
      step1CustomerManagedKey();
      step2Pipeline();
      step3KeyUser();
      step4ProdRole();
      step5ArtifactBucketPolicy();
      step6AssumeRolePolicy();
      GuideOutcome.Failed update = step7UpdatePipeline();
      if (update != null) {
        return update;
      }
      return step8Upload();
    } catch (AwsServiceException e) {
      String message =
          e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      return new GuideOutcome.Failed(
          currentStep,
          code,
          message == null ? "" : message,
          decisions.explaining(String.valueOf(message)).orElse(null));
    } catch (SdkException | GuideStepException e) {
      return new GuideOutcome.Failed(currentStep, "", String.valueOf(e.getMessage()), null);
    }
  }

  private boolean leftOut(Grant grant) {
    if (grant == broken) {
      narrator.say("  --  LEFT OUT (--break " + grant.cliName() + "): " + grant.description());
      return true;
    }
    return false;
  }

  private void prerequisites() {
    currentStep = "0";
    dev.s3().createBucket(b -> b.bucket(GuideNames.INPUT_BUCKET));
    dev.s3()
        .putBucketVersioning(b ->
            b.bucket(GuideNames.INPUT_BUCKET)
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    narrator.step("0", devLabel, "bucket " + GuideNames.INPUT_BUCKET + " with versioning on");
    prod.s3().createBucket(b -> b.bucket(GuideNames.OUTPUT_BUCKET));
    narrator.step("0", prodLabel, "bucket " + GuideNames.OUTPUT_BUCKET + " (the deploy target)");
    dev.iam().createUser(u -> u.userName(GuideNames.ADMIN_USER));
    dev.iam()
        .putUserPolicy(p ->
            p.userName(GuideNames.ADMIN_USER)
                .policyName("AdministratorAccess")
                .policyDocument(documents.read("dev/admin-access.json")));
    narrator.step("0", devLabel, "IAM user admin (the key administrator)");
  }

  private void step1CustomerManagedKey() {
    currentStep = "1";
    String policy = documents.read("dev/s3deploykey-policy-initial.json");
    boolean prodLeftOut = leftOut(Grant.KEY_POLICY_PROD);
    if (prodLeftOut) {
      policy = GuideDocuments.withoutPrincipal(policy, names.prod().rootArn());
    }
    String keyPolicy = policy;
    KeyMetadata key =
        dev.kms()
            .createKey(k ->
                k.policy(keyPolicy)
                    .description("s3deploykey: the guide's artifact store key")
                    .keySpec(KeySpec.SYMMETRIC_DEFAULT)
                    .keyUsage(KeyUsageType.ENCRYPT_DECRYPT))
            .keyMetadata();
    keyId = key.keyId();
    dev.kms().createAlias(a -> a.aliasName(GuideNames.KEY_ALIAS).targetKeyId(keyId));
    narrator.step(
        "1",
        devLabel,
        "KMS key "
            + keyId
            + " alias "
            + GuideNames.KEY_ALIAS
            + (prodLeftOut ? "; key users: none" : "; key users: prod " + names.prod()));
  }

  private void step2Pipeline() throws GuideStepException {
    currentStep = "2";
    dev.iam()
        .createRole(r ->
            r.roleName(GuideNames.SERVICE_ROLE)
                .path(GuideNames.SERVICE_ROLE_PATH)
                .assumeRolePolicyDocument(
                    documents.read("dev/codepipeline-service-role-trust.json")));
    dev.iam()
        .putRolePolicy(p ->
            p.roleName(GuideNames.SERVICE_ROLE)
                .policyName(GuideNames.SERVICE_ROLE_POLICY)
                .policyDocument(
                    documents.readWithKey("dev/codepipeline-service-role-policy.json", keyId)));
    narrator.step("2", devLabel, "service role service-role/" + GuideNames.SERVICE_ROLE);

    dev.s3().createBucket(b -> b.bucket(GuideNames.ARTIFACT_BUCKET));
    String consolePolicy = documents.read("dev/artifact-bucket-policy-console.json");
    dev.s3().putBucketPolicy(p -> p.bucket(GuideNames.ARTIFACT_BUCKET).policy(consolePolicy));
    narrator.step(
        "2",
        devLabel,
        "artifact bucket " + GuideNames.ARTIFACT_BUCKET + " (policy: encrypted uploads only)");

    PipelineDeclaration declaration =
        PipelineDocument.parse(documents.readWithKey("dev/pipeline.json", keyId));
    boolean defaultKey = leftOut(Grant.CUSTOMER_MANAGED_KEY);
    if (defaultKey) {
      ArtifactStore store = declaration.artifactStore();
      declaration =
          declaration.toBuilder()
              .artifactStore(
                  ArtifactStore.builder().type(store.type()).location(store.location()).build())
              .build();
    }
    PipelineDeclaration toCreate = declaration;
    CodePipelineClient pipelines = dev.codePipeline();
    pipelines.createPipeline(c -> c.pipeline(toCreate));
    narrator.step(
        "2",
        devLabel,
        "pipeline "
            + GuideNames.PIPELINE
            + ": Source S3 "
            + GuideNames.INPUT_BUCKET
            + "/"
            + GuideNames.SOURCE_KEY
            + " -> Deploy S3 "
            + GuideNames.OUTPUT_BUCKET
            + (defaultKey
                ? ", artifacts under the default aws/s3 key"
                : ", artifacts under s3deploykey"));

    dev.iam()
        .createRole(r ->
            r.roleName(GuideNames.RULE_ROLE)
                .path(GuideNames.SERVICE_ROLE_PATH)
                .assumeRolePolicyDocument(documents.read("dev/codepipeline-rule-role-trust.json")));
    dev.iam()
        .putRolePolicy(p ->
            p.roleName(GuideNames.RULE_ROLE)
                .policyName("start-pipeline-execution-crossaccountdeploy")
                .policyDocument(documents.read("dev/codepipeline-rule-role-policy.json")));
    dev.events()
        .putRule(r ->
            r.name(GuideNames.RULE)
                .eventPattern(documents.read("dev/codepipeline-rule-pattern.json"))
                .state(RuleState.ENABLED)
                .description("Starts crossaccountdeploy when sample-website.zip changes"));
    int failed =
        dev.events()
            .putTargets(t ->
                t.rule(GuideNames.RULE)
                    .targets(
                        Target.builder()
                            .id("codepipeline-" + GuideNames.PIPELINE)
                            .arn(names.pipelineArn())
                            .roleArn(names.ruleRoleArn())
                            .build()))
            .failedEntryCount();
    if (failed > 0) {
      throw new GuideStepException("PutTargets rejected the pipeline target of " + GuideNames.RULE);
    }
    narrator.step(
        "2",
        devLabel,
        "EventBridge rule " + GuideNames.RULE + " -> the pipeline (change detection)");

    PipelineExecutionSummary first = awaitNewExecution(Set.of(), "first run (CreatePipeline)");
    PipelineExecution ended = awaitEnd(first.pipelineExecutionId(), "first run");
    String why = failureOf(ended.pipelineExecutionId()).map(f -> f.message()).orElse("");
    narrator.step(
        "2",
        devLabel,
        "first run "
            + ended.statusAsString()
            + (why.isEmpty() ? "" : " in Source, as the guide says: " + why));
  }

  private void step3KeyUser() {
    currentStep = "3";
    String policy = documents.read("dev/s3deploykey-policy.json");
    if (broken == Grant.KEY_POLICY_PROD) {
      policy = GuideDocuments.withoutPrincipal(policy, names.prod().rootArn());
    }
    String keyPolicy = policy;
    dev.kms().putKeyPolicy(p -> p.keyId(keyId).policyName("default").policy(keyPolicy));
    narrator.step("3", devLabel, "key policy: the service role becomes a key user");
  }

  private void step4ProdRole() {
    currentStep = "4";
    String trust = documents.read("prod/prods3role-trust.json");
    if (leftOut(Grant.TRUST_POLICY)) {
      trust = GuideDocuments.trustingOnly(trust, names.prod().rootArn());
    }
    String trustPolicy = trust;
    prod.iam()
        .createRole(r ->
            r.roleName(GuideNames.PROD_ROLE)
                .assumeRolePolicyDocument(trustPolicy)
                .description("Assumed by dev's pipeline to deploy into prod"));
    narrator.step(
        "4",
        prodLabel,
        "role "
            + GuideNames.PROD_ROLE
            + (broken == Grant.TRUST_POLICY
                ? " trusting only prod itself"
                : " trusted by dev's service role"));
    if (!leftOut(Grant.OUTPUTBUCKETDEPLOYACCESS)) {
      attachNewPolicy(
          prod,
          "outputbucketdeployaccess",
          documents.read("prod/outputbucketdeployaccess.json"),
          GuideNames.PROD_ROLE);
      narrator.step(
          "4",
          prodLabel,
          "policy outputbucketdeployaccess on prods3role (s3:Put* on the output bucket)");
    }
    if (!leftOut(Grant.DEVKMSS3ACCESS)) {
      attachNewPolicy(
          prod,
          "devkmss3access",
          documents.readWithKey("prod/devkmss3access.json", keyId),
          GuideNames.PROD_ROLE);
      narrator.step(
          "4", prodLabel, "policy devkmss3access on prods3role (the dev key, the artifact bucket)");
    }
  }

  private void attachNewPolicy(GuideClients account, String name, String document, String role) {
    String arn =
        account.iam().createPolicy(p -> p.policyName(name).policyDocument(document)).policy().arn();
    account.iam().attachRolePolicy(a -> a.roleName(role).policyArn(arn));
  }

  private void step5ArtifactBucketPolicy() {
    currentStep = "5";
    if (leftOut(Grant.ARTIFACT_BUCKET_POLICY)) {
      return;
    }
    String policy = documents.read("dev/artifact-bucket-policy.json");
    dev.s3().putBucketPolicy(p -> p.bucket(GuideNames.ARTIFACT_BUCKET).policy(policy));
    narrator.step(
        "5", devLabel, "artifact bucket policy: prod may s3:Get*, s3:Put*, s3:ListBucket");
  }

  private void step6AssumeRolePolicy() {
    currentStep = "6";
    if (leftOut(Grant.ASSUMEPRODS3ROLE)) {
      return;
    }
    attachNewPolicy(
        dev,
        "assumeprods3role",
        documents.read("dev/assumeprods3role.json"),
        GuideNames.SERVICE_ROLE);
    narrator.step(
        "6",
        devLabel,
        "policy assumeprods3role on the service role (sts:AssumeRole on prods3role)");
  }

  /** Step 7; the failure when UpdatePipeline refuses the action role, else null. */
  private GuideOutcome.@Nullable Failed step7UpdatePipeline() {
    currentStep = "7";
    PipelineDeclaration current =
        dev.codePipeline().getPipeline(g -> g.name(GuideNames.PIPELINE)).pipeline();
    List<StageDeclaration> stages = new ArrayList<>();
    for (StageDeclaration stage : current.stages()) {
      List<ActionDeclaration> actions = new ArrayList<>();
      for (ActionDeclaration action : stage.actions()) {
        actions.add(
            "Deploy".equals(action.actionTypeId().categoryAsString())
                ? action.toBuilder()
                    .roleArn(names.prodRoleArn())
                    .region(GuideNames.REGION)
                    .namespace("DeployVariables")
                    .build()
                : action);
      }
      stages.add(stage.toBuilder().actions(actions).build());
    }
    PipelineDeclaration updated = current.toBuilder().stages(stages).build();
    try {
      int version =
          dev.codePipeline().updatePipeline(u -> u.pipeline(updated)).pipeline().version();
      narrator.step(
          "7",
          devLabel,
          "update-pipeline: the Deploy action runs as prod's prods3role (version " + version + ")");
      return null;
    } catch (AwsServiceException e) {
      String message = e.awsErrorDetails().errorMessage();
      return new GuideOutcome.Failed(
          "7 (update-pipeline)",
          e.awsErrorDetails().errorCode(),
          message,
          decisions.explaining(message).orElse(null));
    }
  }

  private GuideOutcome step8Upload() throws GuideStepException {
    currentStep = "8";
    Set<String> known =
        dev
            .codePipeline()
            .listPipelineExecutions(l -> l.pipelineName(GuideNames.PIPELINE))
            .pipelineExecutionSummaries()
            .stream()
            .map(PipelineExecutionSummary::pipelineExecutionId)
            .collect(Collectors.toCollection(HashSet::new));
    byte[] zip = SampleWebsite.zip();
    String version =
        dev.s3()
            .putObject(
                p -> p.bucket(GuideNames.INPUT_BUCKET).key(GuideNames.SOURCE_KEY),
                RequestBody.fromBytes(zip))
            .versionId();
    narrator.step(
        "8",
        devLabel,
        "uploaded "
            + GuideNames.SOURCE_KEY
            + " ("
            + zip.length
            + " bytes, version "
            + version
            + ")");
    PipelineExecutionSummary run =
        awaitNewExecution(known, "waiting for the upload to start the pipeline");
    PipelineExecution ended = awaitEnd(run.pipelineExecutionId(), "run");
    String trigger = run.trigger() == null ? "" : run.trigger().triggerTypeAsString();
    narrator.step(
        "8",
        devLabel,
        "run " + ended.pipelineExecutionId() + " (" + trigger + ") " + ended.statusAsString());
    if (ended.status() != PipelineExecutionStatus.SUCCEEDED) {
      FailedAction failure =
          failureOf(ended.pipelineExecutionId())
              .orElse(new FailedAction("?", "?", "", String.valueOf(ended.statusSummary())));
      return new GuideOutcome.Failed(
          "8 (" + failure.stage() + " action)",
          failure.code(),
          failure.message(),
          decisions.explaining(failure.message()).orElse(null));
    }
    return report(ended, trigger);
  }

  private GuideOutcome.Deployed report(PipelineExecution ended, String trigger) {
    currentStep = "report";
    List<GuideOutcome.ActionTiming> actions = new ArrayList<>();
    Instant first = null;
    Instant last = null;
    for (ActionExecutionDetail detail :
        dev.codePipeline()
            .listActionExecutions(l ->
                l.pipelineName(GuideNames.PIPELINE)
                    .filter(f -> f.pipelineExecutionId(ended.pipelineExecutionId())))
            .actionExecutionDetails()) {
      Instant start = detail.startTime();
      Instant end = detail.lastUpdateTime();
      String summary =
          detail.output() == null || detail.output().executionResult() == null
              ? ""
              : String.valueOf(detail.output().executionResult().externalExecutionSummary());
      actions.add(
          new GuideOutcome.ActionTiming(
              detail.stageName(),
              detail.actionName(),
              detail.statusAsString(),
              start == null || end == null ? Duration.ZERO : Duration.between(start, end),
              summary.equals("null") ? "" : summary));
      first = first == null || (start != null && start.isBefore(first)) ? start : first;
      last = last == null || (end != null && end.isAfter(last)) ? end : last;
    }
    // ListActionExecutions answers newest first, as AWS does; the report reads in pipeline order.
    actions =
        inPipelineOrder(
            actions, dev.codePipeline().getPipeline(g -> g.name(GuideNames.PIPELINE)).pipeline());
    Map<String, String> owners =
        Map.of(
            dev.s3().listBuckets().owner().id(), "dev " + names.dev(),
            prod.s3().listBuckets().owner().id(), "prod " + names.prod());
    List<GuideOutcome.DeployedObject> objects = new ArrayList<>();
    for (S3Object object :
        prod.s3()
            .listObjectsV2(l -> l.bucket(GuideNames.OUTPUT_BUCKET).fetchOwner(true))
            .contents()) {
      String owner =
          object.owner() == null
              ? "?"
              : owners.getOrDefault(object.owner().id(), object.owner().id());
      objects.add(
          new GuideOutcome.DeployedObject(
              object.key(),
              object.size(),
              owner.replaceAll(".* ", ""),
              owner.replaceAll(" .*", "")));
    }
    String probe = objects.isEmpty() ? "index.html" : objects.getFirst().key();
    String proof;
    boolean devDenied;
    try {
      dev.s3().getObjectAsBytes(g -> g.bucket(GuideNames.OUTPUT_BUCKET).key(probe));
      proof =
          "dev root could read s3://" + GuideNames.OUTPUT_BUCKET + "/" + probe + " - it must not";
      devDenied = false;
    } catch (S3Exception e) {
      devDenied = e.statusCode() == 403;
      proof =
          "dev cannot read them: GetObject s3://"
              + GuideNames.OUTPUT_BUCKET
              + "/"
              + probe
              + " as dev root -> "
              + e.statusCode()
              + " "
              + e.awsErrorDetails().errorCode();
    }
    return new GuideOutcome.Deployed(
        ended.pipelineExecutionId(),
        trigger,
        first == null || last == null ? Duration.ZERO : Duration.between(first, last),
        actions,
        objects,
        proof,
        devDenied);
  }

  /**
   * The actions in the order the pipeline declares them: stage by stage, and within a stage by run
   * order, then declaration. An action the declaration no longer names goes last.
   */
  static List<GuideOutcome.ActionTiming> inPipelineOrder(
      List<GuideOutcome.ActionTiming> actions, PipelineDeclaration pipeline) {
    List<String> declared = new ArrayList<>();
    for (StageDeclaration stage : pipeline.stages()) {
      stage.actions().stream()
          .sorted(Comparator.comparing(a -> a.runOrder() == null ? 1 : a.runOrder()))
          .forEach(action -> declared.add(stage.name() + "/" + action.name()));
    }
    Comparator<GuideOutcome.ActionTiming> byDeclaration =
        Comparator.comparingInt(a -> {
          int index = declared.indexOf(a.stage() + "/" + a.action());
          return index < 0 ? declared.size() : index;
        });
    return actions.stream().sorted(byDeclaration).toList();
  }

  /** The failed action of an execution as GetPipelineState reports it. */
  record FailedAction(String stage, String action, String code, String message) {}

  private Optional<FailedAction> failureOf(String executionId) {
    for (StageState stage :
        dev.codePipeline().getPipelineState(g -> g.name(GuideNames.PIPELINE)).stageStates()) {
      for (ActionState action : stage.actionStates()) {
        var latest = action.latestExecution();
        if (latest != null
            && latest.status() == ActionExecutionStatus.FAILED
            && latest.errorDetails() != null
            && executionId.equals(stageExecutionId(stage))) {
          return Optional.of(
              new FailedAction(
                  stage.stageName(),
                  action.actionName(),
                  latest.errorDetails().code(),
                  latest.errorDetails().message()));
        }
      }
    }
    return Optional.empty();
  }

  private static @Nullable String stageExecutionId(StageState stage) {
    return stage.latestExecution() == null ? null : stage.latestExecution().pipelineExecutionId();
  }

  private PipelineExecutionSummary awaitNewExecution(Set<String> known, String waiting)
      throws GuideStepException {
    long start = System.nanoTime();
    while (true) {
      for (PipelineExecutionSummary summary :
          dev.codePipeline()
              .listPipelineExecutions(l -> l.pipelineName(GuideNames.PIPELINE))
              .pipelineExecutionSummaries()) {
        if (!known.contains(summary.pipelineExecutionId())) {
          return summary;
        }
      }
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      if (elapsed > PIPELINE_TIMEOUT.toMillis()) {
        throw new GuideStepException(
            "no pipeline execution started within "
                + PIPELINE_TIMEOUT.toSeconds()
                + " s ("
                + waiting
                + "); check the EventBridge rule "
                + GuideNames.RULE);
      }
      narrator.progress(waiting, elapsed);
      pause();
    }
  }

  private PipelineExecution awaitEnd(String executionId, String label) throws GuideStepException {
    long start = System.nanoTime();
    while (true) {
      PipelineExecution execution =
          dev.codePipeline()
              .getPipelineExecution(
                  g -> g.pipelineName(GuideNames.PIPELINE).pipelineExecutionId(executionId))
              .pipelineExecution();
      if (execution.status() != PipelineExecutionStatus.IN_PROGRESS
          && execution.status() != PipelineExecutionStatus.STOPPING) {
        return execution;
      }
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      if (elapsed > PIPELINE_TIMEOUT.toMillis()) {
        throw new GuideStepException(
            "the " + label + " did not finish within " + PIPELINE_TIMEOUT.toSeconds() + " s");
      }
      narrator.progress(label + ": " + stages(), elapsed);
      pause();
    }
  }

  private String stages() {
    return dev
        .codePipeline()
        .getPipelineState(g -> g.name(GuideNames.PIPELINE))
        .stageStates()
        .stream()
        .map(s ->
            s.stageName()
                + " "
                + (s.latestExecution() == null ? "-" : s.latestExecution().statusAsString()))
        .collect(Collectors.joining(" | "));
  }

  private static void pause() throws GuideStepException {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GuideStepException("interrupted while waiting for the pipeline");
    }
  }

  /** A step that cannot go on, with a message for the reader. */
  static final class GuideStepException extends Exception {
    private static final long serialVersionUID = 1L;

    GuideStepException(String message) {
      super(message);
    }
  }
}
