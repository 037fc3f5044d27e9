package ferry.codepipeline;

import static ferry.codepipeline.PipelineFixture.ARTIFACTS;
import static ferry.codepipeline.PipelineFixture.INPUT;
import static ferry.codepipeline.PipelineFixture.KEY;
import static ferry.codepipeline.PipelineFixture.OUTPUT;
import static ferry.codepipeline.PipelineFixture.zip;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.codepipeline.engine.PipelineEngine;
import ferry.s3.GetObjectRequest;
import ferry.s3.ListObjectsRequest;
import ferry.s3.ObjectVersion;
import ferry.s3.PutObjectResult;
import ferry.store.Sql;
import ferry.testing.HeldTransaction;
import ferry.testing.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineEngineTest {
  private static final String GUIDE = "crossaccountdeploy";

  @TempDir Path dataDir;
  PipelineFixture world;

  @BeforeEach
  void start() {
    world = new PipelineFixture(dataDir).withGuideBuckets();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void firstExecution_failsInSource_whenTheObjectDoesNotExist() {
    world.codepipeline.createPipeline(world.dev, PipelineFixture.guidePipeline());
    PipelineExecution first =
        world.awaitEnd(
            world
                .codepipeline
                .listPipelineExecutions(world.dev, "crossaccountdeploy")
                .getFirst()
                .id());

    assertThat(first.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(first.trigger().triggerType()).isEqualTo("CreatePipeline");
    List<ActionExecution> actions =
        world.codepipeline.listActionExecutions(world.dev, "crossaccountdeploy", first.id());
    assertThat(actions).hasSize(1);
    ActionExecution source = actions.getFirst();
    assertThat(source.actionName()).isEqualTo("Source");
    assertThat(source.status()).isEqualTo(ActionStatus.FAILED);
    assertThat(source.errorDetails())
        .isEqualTo(
            new ErrorDetails(
                "JobFailed", "The object with key 'sample-website.zip' does not exist."));
    PipelineState state = world.codepipeline.getPipelineState(world.dev, "crossaccountdeploy");
    assertThat(state.stages().get(0).latest().status()).isEqualTo(StageStatus.FAILED);
    assertThat(state.stages().get(1).latest()).isNull();
  }

  @Test
  void listeners_hearEachStatusChange_inOrder_untilTheyStopListening() throws Exception {
    List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    AutoCloseable listening =
        world.codepipeline.listenToExecutions(c ->
            heard.add(
                (c.stageName() == null
                        ? "execution"
                        : c.actionName() == null
                            ? "stage " + c.stageName()
                            : "action " + c.stageName() + "/" + c.actionName())
                    + " "
                    + c.status()));
    world.codepipeline.createPipeline(world.dev, PipelineFixture.guidePipeline());
    String id =
        world.codepipeline.listPipelineExecutions(world.dev, "crossaccountdeploy").getFirst().id();
    world.awaitEnd(id);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!heard.contains("execution Failed") && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }

    assertThat(heard)
        .containsExactly(
            "stage Source InProgress",
            "action Source/Source InProgress",
            "action Source/Source Failed",
            "stage Source Failed",
            "execution Failed");
    listening.close();
    heard.clear();
    String second =
        world.codepipeline.startPipelineExecution(
            world.dev, ferry.codepipeline.StartExecutionRequest.of("crossaccountdeploy"));
    world.awaitEnd(second);
    assertThat(heard).isEmpty();
  }

  @Test
  void uploadThenStart_deploysEveryFileOfTheZip_withIdenticalBytes() {
    world.codepipeline.createPipeline(world.dev, PipelineFixture.guidePipeline());
    world.awaitEnd(
        world.codepipeline.listPipelineExecutions(world.dev, "crossaccountdeploy").getFirst().id());
    Map<String, byte[]> site = PipelineFixture.sampleWebsite();
    // Zipped once: a zip made again later may carry other timestamps.
    byte[] zipped = zip(site);
    PutObjectResult uploaded = world.upload(INPUT, KEY, zipped);

    String id =
        world.codepipeline.startPipelineExecution(
            world.dev, StartExecutionRequest.of("crossaccountdeploy"));
    PipelineExecution execution = world.awaitEnd(id);

    assertThat(execution.status())
        .as(String.valueOf(execution.statusSummary()))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    for (Map.Entry<String, byte[]> file : site.entrySet()) {
      assertThat(world.read(OUTPUT, file.getKey())).isEqualTo(file.getValue());
    }
    ObjectVersion html =
        world
            .s3
            .objects()
            .headObject(world.dev, new GetObjectRequest(OUTPUT, "index.html", null, null))
            .version();
    assertThat(html.contentType()).isEqualTo("text/html");
    List<ActionExecution> actions =
        world.codepipeline.listActionExecutions(world.dev, "crossaccountdeploy", id);
    ActionExecution source = actions.get(1);
    assertThat(source.outputVariables())
        .containsEntry("VersionId", uploaded.versionId())
        .containsEntry("ETag", uploaded.etag().replace("\"", ""));
    ArtifactLocation artifact = source.outputArtifacts().getFirst();
    assertThat(artifact.bucket()).isEqualTo(ARTIFACTS);
    assertThat(artifact.key()).matches("crossaccountdeploy/SourceArti/[A-Za-z0-9]{7}");
    assertThat(world.read(ARTIFACTS, artifact.key())).isEqualTo(zipped);
    ActionExecution deploy = actions.get(0);
    assertThat(deploy.inputArtifacts()).containsExactly(artifact);
    assertThat(deploy.summary())
        .isEqualTo("Deployed 3 object(s) to s3://codepipeline-output-bucket/");
    assertThat(world.codepipeline.artifactRevisions(id).getFirst().revisionId())
        .isEqualTo(uploaded.versionId());
  }

  @Test
  void variables_areResolvedInLaterConfigurations() {
    PipelineDeclaration guide = PipelineFixture.guidePipeline();
    StageDeclaration deploy = guide.stages().get(1);
    ActionDeclaration action = deploy.actions().getFirst();
    ActionDeclaration single =
        new ActionDeclaration(
            action.name(),
            action.actionTypeId(),
            1,
            Map.of(
                "BucketName",
                OUTPUT,
                "Extract",
                "false",
                "ObjectKey",
                "releases/#{SourceVariables.VersionId}.zip"),
            List.of(),
            action.inputArtifacts(),
            null,
            null,
            null,
            null);
    PipelineDeclaration pipeline =
        new PipelineDeclaration(
            guide.name(),
            guide.roleArn(),
            guide.artifactStore(),
            Map.of(),
            List.of(guide.stages().get(0), new StageDeclaration("Deploy", List.of(single), 0)),
            1,
            null,
            null,
            null,
            0);
    PutObjectResult uploaded = world.upload(INPUT, KEY, zip(PipelineFixture.sampleWebsite()));
    world.codepipeline.createPipeline(world.dev, pipeline);
    PipelineExecution execution =
        world.awaitEnd(
            world.codepipeline.listPipelineExecutions(world.dev, guide.name()).getFirst().id());

    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(world.read(OUTPUT, "releases/" + uploaded.versionId() + ".zip"))
        .isEqualTo(zip(PipelineFixture.sampleWebsite()));
    ActionExecution ran =
        world.codepipeline.listActionExecutions(world.dev, guide.name(), execution.id()).getFirst();
    assertThat(ran.resolvedConfiguration())
        .containsEntry("ObjectKey", "releases/" + uploaded.versionId() + ".zip");
  }

  @Test
  void zipWithParentEntry_failsTheDeploy_andWritesNothing() {
    world.upload(
        INPUT, KEY, zip(Map.of("index.html", "ok".getBytes(), "../escape.txt", "x".getBytes())));
    world.codepipeline.createPipeline(world.dev, PipelineFixture.guidePipeline());
    PipelineExecution execution =
        world.awaitEnd(
            world
                .codepipeline
                .listPipelineExecutions(world.dev, "crossaccountdeploy")
                .getFirst()
                .id());

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.statusSummary())
        .isEqualTo(
            "The input artifact contains the entry '../escape.txt', whose path is absolute or"
                + " leaves the deployment target; nothing was deployed.");
    assertThat(
            world
                .s3
                .listings()
                .listObjects(world.dev, new ListObjectsRequest(OUTPUT, "", null, 1000, ""))
                .objects())
        .isEmpty();
  }

  @Test
  void zipBomb_failsTheDeploy_withAClearError_andWritesNothing() {
    byte[] zeros = new byte[8 << 20];
    world.upload(INPUT, KEY, zip(Map.of("a.html", "ok".getBytes(), "bomb.bin", zeros)));
    world.codepipeline.createPipeline(world.dev, PipelineFixture.guidePipeline());
    PipelineExecution execution =
        world.awaitEnd(
            world
                .codepipeline
                .listPipelineExecutions(world.dev, "crossaccountdeploy")
                .getFirst()
                .id());

    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.statusSummary()).contains("zip bomb").contains("nothing was deployed");
    assertThat(
            world
                .s3
                .listings()
                .listObjects(world.dev, new ListObjectsRequest(OUTPUT, "", null, 1000, ""))
                .objects())
        .isEmpty();
  }

  @Test
  void serviceRoleWithoutArtifactWrite_failsSource_withPermissionErrorNamingTheGrant() {
    world.rolePolicies.put(
        PipelineFixture.SERVICE_ROLE,
        List.of(
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject",
            "s3:GetObjectVersion","s3:GetBucketVersioning","s3:ListBucket"],"Resource":["arn:aws:s3:::codepipeline-input-bucket",
            "arn:aws:s3:::codepipeline-input-bucket/*"]}]}
            """));
    world.upload(INPUT, KEY, zip(PipelineFixture.sampleWebsite()));
    world.codepipeline.createPipeline(world.dev, PipelineFixture.guidePipeline());
    String id =
        world.codepipeline.listPipelineExecutions(world.dev, "crossaccountdeploy").getFirst().id();
    world.awaitEnd(id);

    ActionExecution source =
        world.codepipeline.listActionExecutions(world.dev, "crossaccountdeploy", id).getFirst();
    assertThat(source.errorDetails().code()).isEqualTo("PermissionError");
    assertThat(source.errorDetails().message())
        .startsWith(
            "The provided role does not have permissions to perform this action. Error:"
                + " AccessDenied: User: arn:aws:sts::111111111111:assumed-role/"
                + "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy/")
        .contains(
            "s3:PutObject on resource: \"arn:aws:s3:::codepipeline-us-east-1-0123456789/"
                + "crossaccountdeploy/SourceArti/")
        .contains("Missing grant:");
  }

  @Test
  void actionRole_thatTheServiceRoleCannotAssume_isRejectedWhenSaved() {
    PipelineDeclaration guide = PipelineFixture.guidePipeline();
    ActionDeclaration deploy = guide.stages().get(1).actions().getFirst();
    ActionDeclaration withRole =
        new ActionDeclaration(
            deploy.name(),
            deploy.actionTypeId(),
            1,
            deploy.configuration(),
            List.of(),
            deploy.inputArtifacts(),
            PipelineFixture.DEPLOY_ROLE,
            "us-east-1",
            "DeployVariables",
            null);
    PipelineDeclaration updated =
        new PipelineDeclaration(
            guide.name(),
            guide.roleArn(),
            guide.artifactStore(),
            Map.of(),
            List.of(guide.stages().get(0), new StageDeclaration("Deploy", List.of(withRole), 0)),
            1,
            null,
            null,
            null,
            0);
    world.codepipeline.createPipeline(world.dev, guide);

    ferry.testing.AwsErrorAssert.assertAwsError(
            () -> world.codepipeline.updatePipeline(world.dev, updated),
            "InvalidStructureException")
        .isEqualTo(
            PipelineFixture.SERVICE_ROLE
                + " is not authorized to perform AssumeRole on role "
                + PipelineFixture.DEPLOY_ROLE);

    world.roles.assumableBy.put(
        PipelineFixture.SERVICE_ROLE, java.util.Set.of(PipelineFixture.DEPLOY_ROLE));
    Pipeline saved = world.codepipeline.updatePipeline(world.dev, updated);
    assertThat(saved.declaration().version()).isEqualTo(2);
    assertThat(saved.declaration().pipelineType()).isEqualTo(PipelineType.V2);
    assertThat(saved.declaration().executionMode()).isEqualTo(ExecutionMode.SUPERSEDED);
  }

  @Test
  void deployAsActionRole_writesObjectsAsThatRole() {
    world.roles.assumableBy.put(
        PipelineFixture.SERVICE_ROLE, java.util.Set.of(PipelineFixture.DEPLOY_ROLE));
    world.rolePolicies.put(
        PipelineFixture.DEPLOY_ROLE,
        List.of(
            """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::codepipeline-us-east-1-0123456789/*"}]}
            """));
    PipelineDeclaration guide = PipelineFixture.guidePipeline();
    ActionDeclaration deploy = guide.stages().get(1).actions().getFirst();
    ActionDeclaration withRole =
        new ActionDeclaration(
            deploy.name(),
            deploy.actionTypeId(),
            1,
            deploy.configuration(),
            List.of(),
            deploy.inputArtifacts(),
            PipelineFixture.DEPLOY_ROLE,
            "us-east-1",
            "DeployVariables",
            null);
    world.upload(INPUT, KEY, zip(PipelineFixture.sampleWebsite()));
    world.codepipeline.createPipeline(
        world.dev,
        new PipelineDeclaration(
            guide.name(),
            guide.roleArn(),
            guide.artifactStore(),
            Map.of(),
            List.of(guide.stages().get(0), new StageDeclaration("Deploy", List.of(withRole), 0)),
            1,
            null,
            null,
            null,
            0));
    String id = world.codepipeline.listPipelineExecutions(world.dev, guide.name()).getFirst().id();
    world.awaitEnd(id);

    // The action role may read the artifact but has no s3:PutObject on the output bucket.
    ActionExecution ran =
        world.codepipeline.listActionExecutions(world.dev, guide.name(), id).getFirst();
    assertThat(ran.roleArn()).isEqualTo(PipelineFixture.DEPLOY_ROLE);
    assertThat(ran.errorDetails().code()).isEqualTo("PermissionError");
    assertThat(ran.errorDetails().message())
        .contains("assumed-role/devdeployrole/")
        .contains(
            "s3:PutObject on resource: \"arn:aws:s3:::codepipeline-output-bucket/index.html\"");
  }

  @Test
  void awaitIdle_returnsOnlyOnceTheRunnerHasReleasedItsClaim() throws Exception {
    var held = new CountDownLatch(1);
    var letGo = new CountDownLatch(1);
    // From the runner's last status change on, a transaction holds the execution's row, so the
    // runner's one remaining write, the release of its claim, waits for the test to let go.
    AutoCloseable listening =
        world.codepipeline.listenToExecutions(c -> {
          if (c.stageName() == null && c.status().equals("Failed")) {
            Thread.ofVirtual()
                .start(() ->
                    world.db.write(connection -> {
                      Sql.update(
                          connection,
                          "UPDATE codepipeline_executions SET worker = worker WHERE execution_id = ?",
                          c.executionId());
                      held.countDown();
                      awaitUninterruptibly(letGo);
                      return null;
                    }));
            awaitUninterruptibly(held);
          }
        });
    world.codepipeline.createPipeline(world.dev, PipelineFixture.guidePipeline());
    assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

    assertThat(world.engine.awaitIdle(Duration.ofMillis(300)))
        .as("idle while the runner still has its claim's release to write")
        .isFalse();
    letGo.countDown();
    assertThat(world.engine.awaitIdle(Duration.ofSeconds(30))).isTrue();
    String id =
        world.codepipeline.listPipelineExecutions(world.dev, "crossaccountdeploy").getFirst().id();
    assertThat(world.executions.isClaimed(id)).isFalse();
    listening.close();
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void close_leavesAnActionInFlight_whichAwaitIdleWaitsFor() throws Exception {
    world.close();
    var slowDeploy = new HangingDeploy("released after the engine closed");
    world =
        new PipelineFixture(dataDir, Duration.ofMillis(400), List.of(slowDeploy))
            .withGuideBuckets();
    world.upload(INPUT, KEY, zip(PipelineFixture.sampleWebsite()));
    world.codepipeline.createPipeline(world.dev, PipelineFixture.guidePipeline());
    assertThat(slowDeploy.entered(Duration.ofSeconds(30))).isTrue();

    world.engine.close();
    assertThat(world.engine.awaitIdle(Duration.ofMillis(50)))
        .as("close gives a running action 2 s, not longer")
        .isFalse();
    slowDeploy.release();
    assertThat(world.engine.awaitIdle(Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void killedDuringDeploy_isReportedFailedAfterRestart_andRetrySucceeds() throws Exception {
    world.close();
    var hangingDeploy = new HangingDeploy("the killed process never gets here");
    var killed =
        new PipelineFixture(dataDir, Duration.ofMillis(400), List.of(hangingDeploy))
            .withGuideBuckets();
    killed.upload(INPUT, KEY, zip(PipelineFixture.sampleWebsite()));
    killed.codepipeline.createPipeline(killed.dev, PipelineFixture.guidePipeline());
    assertThat(hangingDeploy.entered(Duration.ofSeconds(30))).isTrue();
    String id =
        killed
            .codepipeline
            .listPipelineExecutions(killed.dev, "crossaccountdeploy")
            .getFirst()
            .id();
    killed.engine.close(); // the process "dies": its heartbeat stops, its threads are gone to us

    world = new PipelineFixture(dataDir, Duration.ofMillis(400), List.of()).withGuideRoles();
    PipelineExecution recovered = world.awaitEnd(id);
    assertThat(recovered.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(recovered.statusSummary()).isEqualTo(PipelineEngine.INTERRUPTED);
    ActionExecution deploy =
        world.codepipeline.listActionExecutions(world.dev, "crossaccountdeploy", id).getFirst();
    assertThat(deploy.status()).isEqualTo(ActionStatus.FAILED);
    assertThat(deploy.errorDetails().message()).isEqualTo(PipelineEngine.INTERRUPTED);

    world.codepipeline.retryStageExecution(
        world.dev, "crossaccountdeploy", "Deploy", id, "FAILED_ACTIONS");
    PipelineExecution retried = world.awaitEnd(id);
    assertThat(retried.status())
        .as(String.valueOf(retried.statusSummary()))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(world.read(OUTPUT, "index.html"))
        .isEqualTo(PipelineFixture.sampleWebsite().get("index.html"));
    hangingDeploy.release();
  }

  @Test
  void supersededMode_aNewerExecutionWaitingAtAStage_supersedesTheOlder() {
    world.upload(INPUT, KEY, zip(PipelineFixture.sampleWebsite()));
    world.codepipeline.createPipeline(world.dev, PipelineFixture.guidePipeline());
    for (int i = 0; i < 5; i++) {
      world.codepipeline.startPipelineExecution(
          world.dev, StartExecutionRequest.of("crossaccountdeploy"));
    }
    List<PipelineExecution> all =
        world.codepipeline.listPipelineExecutions(world.dev, "crossaccountdeploy");
    all.forEach(e -> world.awaitEnd(e.id()));
    List<PipelineExecution> ended =
        world.codepipeline.listPipelineExecutions(world.dev, "crossaccountdeploy");
    assertThat(ended.getFirst().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(ended)
        .allMatch(e ->
            e.status() == ExecutionStatus.SUCCEEDED || e.status() == ExecutionStatus.SUPERSEDED);
  }

  @Test
  void stopWithAbandon_endsTheExecutionStopped() {
    String id = runUntilAnApproval();

    world.codepipeline.stopPipelineExecution(world.dev, GUIDE, id, true, "not today");

    PipelineExecution stopped = world.awaitEnd(id);
    assertThat(stopped.status()).isEqualTo(ExecutionStatus.STOPPED);
    assertThat(stopped.stopReason()).isEqualTo("not today");
    assertThat(world.executions.actions(id).getLast().status()).isEqualTo(ActionStatus.ABANDONED);
  }

  @Test
  void stopWithAbandon_endsTheActionsWithTheExecution_inOneTransaction_onPostgres()
      throws Throwable {
    Assumptions.assumeTrue(TestStore.postgres(), "SQLite runs one write at a time");
    String id = runUntilAnApproval();
    String approvalId = approval(id).orElseThrow().id();

    try (HeldTransaction otherNode =
        HeldTransaction.begin(dataDir)
            .update(
                "UPDATE codepipeline_executions SET last_update_time = last_update_time"
                    + " WHERE execution_id = ?",
                id)) {
      otherNode.commitWhenWaiting(
          "UPDATE codepipeline_executions SET status",
          () -> world.codepipeline.stopPipelineExecution(world.dev, GUIDE, id, true, "not today"),
          () ->
              assertThat(world.executions.findAction(approvalId).orElseThrow().status())
                  .as("the approval while the stop waits for the execution's row")
                  .isEqualTo(ActionStatus.IN_PROGRESS));
    }

    assertThat(world.awaitEnd(id).status()).isEqualTo(ExecutionStatus.STOPPED);
    assertThat(world.executions.findAction(approvalId).orElseThrow().status())
        .isEqualTo(ActionStatus.ABANDONED);
  }

  /** Creates the guide's pipeline with a manual approval between its stages; waits for it. */
  private String runUntilAnApproval() {
    world.upload(INPUT, KEY, zip(PipelineFixture.sampleWebsite()));
    PipelineDeclaration guide = PipelineFixture.guidePipeline();
    ActionDeclaration approval =
        new ActionDeclaration(
            "Approve",
            ActionTypeId.MANUAL_APPROVAL,
            1,
            Map.of(),
            List.of(),
            List.of(),
            null,
            null,
            null,
            null);
    world.codepipeline.createPipeline(
        world.dev,
        new PipelineDeclaration(
            guide.name(),
            guide.roleArn(),
            guide.artifactStore(),
            Map.of(),
            List.of(
                guide.stages().get(0),
                new StageDeclaration("Approval", List.of(approval), 0),
                guide.stages().get(1)),
            1,
            null,
            null,
            null,
            0));
    String id = world.codepipeline.listPipelineExecutions(world.dev, guide.name()).getFirst().id();
    PipelineFixture.await(() -> approval(id).orElse(null), "the approval to start");
    return id;
  }

  private Optional<ActionExecution> approval(String executionId) {
    return world.executions.actions(executionId).stream()
        .filter(a -> a.actionName().equals("Approve"))
        .findFirst();
  }

  @Test
  void manualApproval_continuesWhenApproved() {
    String id = runUntilAnApproval();
    ActionExecution waiting = approval(id).orElseThrow();

    world.codepipeline.putApprovalResult(
        world.dev, GUIDE, "Approval", "Approve", "looks good", "Approved", waiting.token());

    assertThat(world.awaitEnd(id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }
}
