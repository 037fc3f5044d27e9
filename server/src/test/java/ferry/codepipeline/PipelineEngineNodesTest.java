package ferry.codepipeline;

import static ferry.codepipeline.PipelineFixture.INPUT;
import static ferry.codepipeline.PipelineFixture.KEY;
import static ferry.codepipeline.PipelineFixture.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ferry.codepipeline.action.S3DeployAction;
import ferry.codepipeline.action.ZipLimits;
import ferry.codepipeline.engine.ActionFailure;
import ferry.codepipeline.engine.ActionJob;
import ferry.codepipeline.engine.ActionProvider;
import ferry.codepipeline.engine.ActionResult;
import ferry.codepipeline.engine.Claim;
import ferry.codepipeline.engine.ClaimLost;
import ferry.codepipeline.engine.PipelineEngine;
import ferry.testing.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines on one database, as two Ferry nodes: each execution runs on one of them only, the
 * execution modes hold when both start executions of one pipeline at once, and a node that stops
 * beating has its execution failed as interrupted by the other. Nodes that start executions at once
 * need PostgreSQL ({@code -Dferry.test.db=postgres}): SQLite serves one node, and two processes
 * writing one SQLite file meet its "database is locked".
 */
class PipelineEngineNodesTest {
  @TempDir Path dataDir;
  final List<PipelineFixture> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(PipelineFixture::close);
  }

  /** A deploy that records which executions ran it, and how many ran it at the same time. */
  static final class CountingDeploy implements ActionProvider {
    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger mostInFlight = new AtomicInteger();

    @Override
    public ActionTypeId type() {
      return ActionTypeId.S3_DEPLOY;
    }

    @Override
    public ActionResult run(ActionJob job) {
      runs.computeIfAbsent(job.executionId(), id -> new AtomicInteger()).incrementAndGet();
      mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
      }
      return new ActionResult(List.of(), Map.of(), "deployed", null, false);
    }
  }

  static void assumeSharedDatabase() {
    assumeTrue(TestStore.postgres(), "several nodes writing at once share PostgreSQL");
  }

  PipelineFixture node(Duration lease, List<ActionProvider> providers) {
    var node = new PipelineFixture(dataDir, lease, providers).withGuideRoles();
    nodes.add(node);
    return node;
  }

  @Test
  void queuedExecutionsStartedOnTwoNodesAtOnce_eachRunOnce_andOneAtATimeInAStage()
      throws Exception {
    assumeSharedDatabase();
    var deploy = new CountingDeploy();
    PipelineFixture a = node(Duration.ofSeconds(10), List.of(deploy)).withGuideBuckets();
    PipelineFixture b = node(Duration.ofSeconds(10), List.of(deploy));
    a.upload(INPUT, KEY, zip(PipelineFixture.sampleWebsite()));
    a.codepipeline.createPipeline(
        a.dev, PipelineFixture.guidePipeline("queued", ExecutionMode.QUEUED, PipelineType.V2));

    List<String> started = startOnBoth(a, b, "queued", 12);

    for (String id : started) {
      assertThat(a.awaitEnd(id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
    assertThat(deploy.runs.keySet()).containsAll(started);
    assertThat(deploy.runs.values()).allMatch(count -> count.get() == 1);
    assertThat(deploy.mostInFlight.get()).isEqualTo(1);
    for (String id : started) {
      assertThat(a.codepipeline.listActionExecutions(a.dev, "queued", id)).hasSize(2);
    }
  }

  @Test
  void parallelExecutionsStartedOnTwoNodesAtOnce_eachRunOnce() throws Exception {
    assumeSharedDatabase();
    var deploy = new CountingDeploy();
    PipelineFixture a = node(Duration.ofSeconds(10), List.of(deploy)).withGuideBuckets();
    PipelineFixture b = node(Duration.ofSeconds(10), List.of(deploy));
    a.upload(INPUT, KEY, zip(PipelineFixture.sampleWebsite()));
    a.codepipeline.createPipeline(
        a.dev, PipelineFixture.guidePipeline("parallel", ExecutionMode.PARALLEL, PipelineType.V2));

    List<String> started = startOnBoth(a, b, "parallel", 12);

    for (String id : started) {
      assertThat(b.awaitEnd(id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
    assertThat(deploy.runs.keySet()).containsAll(started);
    assertThat(deploy.runs.values()).allMatch(count -> count.get() == 1);
  }

  @Test
  void supersededExecutionsStartedOnTwoNodesAtOnce_theNewestSucceeds_noneRunsTwice()
      throws Exception {
    assumeSharedDatabase();
    var deploy = new CountingDeploy();
    PipelineFixture a = node(Duration.ofSeconds(10), List.of(deploy)).withGuideBuckets();
    PipelineFixture b = node(Duration.ofSeconds(10), List.of(deploy));
    a.upload(INPUT, KEY, zip(PipelineFixture.sampleWebsite()));
    a.codepipeline.createPipeline(
        a.dev,
        PipelineFixture.guidePipeline("superseded", ExecutionMode.SUPERSEDED, PipelineType.V2));

    List<String> started = startOnBoth(a, b, "superseded", 12);

    started.forEach(a::awaitEnd);
    List<PipelineExecution> ended = a.codepipeline.listPipelineExecutions(a.dev, "superseded");
    assertThat(ended.getFirst().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(ended)
        .allMatch(e ->
            e.status() == ExecutionStatus.SUCCEEDED || e.status() == ExecutionStatus.SUPERSEDED);
    assertThat(deploy.runs.values()).allMatch(count -> count.get() == 1);
    assertThat(deploy.mostInFlight.get()).isEqualTo(1);
  }

  @Test
  void nodeThatStopsBeating_hasItsExecutionFailedAsInterruptedByAnother_andRetryRunsThere()
      throws Exception {
    var hangingDeploy = new HangingDeploy("the lost node never gets here");
    PipelineFixture lost = node(Duration.ofMillis(400), List.of(hangingDeploy)).withGuideBuckets();
    lost.upload(INPUT, KEY, zip(PipelineFixture.sampleWebsite()));
    lost.codepipeline.createPipeline(lost.dev, PipelineFixture.guidePipeline());
    assertThat(hangingDeploy.entered(Duration.ofSeconds(30))).isTrue();
    String id =
        lost.codepipeline.listPipelineExecutions(lost.dev, "crossaccountdeploy").getFirst().id();
    PipelineFixture survivor = node(Duration.ofMillis(400), List.of());
    assertThat(
            survivor
                .codepipeline
                .getPipelineExecution(survivor.dev, "crossaccountdeploy", id)
                .status())
        .as("the other node's execution goes on while it beats")
        .isEqualTo(ExecutionStatus.IN_PROGRESS);

    lost.engine.close(); // the node is lost: its heartbeat stops; the database stays

    PipelineExecution recovered = survivor.awaitEnd(id);
    assertThat(recovered.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(recovered.statusSummary()).isEqualTo(PipelineEngine.INTERRUPTED);
    survivor.codepipeline.retryStageExecution(
        survivor.dev, "crossaccountdeploy", "Deploy", id, "FAILED_ACTIONS");
    assertThat(survivor.awaitEnd(id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(survivor.read(PipelineFixture.OUTPUT, "index.html"))
        .isEqualTo(PipelineFixture.sampleWebsite().get("index.html"));
    hangingDeploy.release();
  }

  @Test
  void nodeStalledPastItsLease_writesNoFurtherObject_onceAnotherNodeFailedTheDeploy()
      throws Exception {
    Map<String, byte[]> site = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      site.put("page-" + i + ".html", ("<p>" + i + "</p>").getBytes());
    }
    var stalled = new CountDownLatch(1);
    var resume = new CountDownLatch(1);
    var stopped = new CountDownLatch(1);
    var checks = new AtomicInteger();
    var deploy = new java.util.concurrent.atomic.AtomicReference<ActionProvider>();
    // The real S3 deploy, with a stall (a GC pause, a stalled disk) before its sixth object.
    ActionProvider stallingDeploy =
        new ActionProvider() {
          @Override
          public ActionTypeId type() {
            return ActionTypeId.S3_DEPLOY;
          }

          @Override
          public ActionResult run(ActionJob job) throws ActionFailure {
            Claim stalling =
                () -> {
                  if (checks.incrementAndGet() == 6) {
                    stalled.countDown();
                    awaitQuietly(resume);
                  }
                  try {
                    job.claim().check();
                  } catch (ClaimLost lost) {
                    stopped.countDown();
                    throw lost;
                  }
                };
            return deploy
                .get()
                .run(
                    new ActionJob(
                        job.pipelineName(),
                        job.executionId(),
                        job.action(),
                        job.configuration(),
                        job.caller(),
                        job.inputArtifacts(),
                        job.artifactStore(),
                        job.sourceRevision(),
                        stalling));
          }
        };
    PipelineFixture lost = node(Duration.ofMillis(400), List.of(stallingDeploy)).withGuideBuckets();
    deploy.set(
        new S3DeployAction(
            lost.s3, dataDir.resolve("work"), new ZipLimits(1 << 20, 100, 50, 4096)));
    lost.upload(INPUT, KEY, zip(site));
    lost.codepipeline.createPipeline(lost.dev, PipelineFixture.guidePipeline());
    assertThat(stalled.await(30, TimeUnit.SECONDS)).isTrue();
    String id =
        lost.codepipeline.listPipelineExecutions(lost.dev, "crossaccountdeploy").getFirst().id();
    PipelineFixture survivor = node(Duration.ofMillis(400), List.of());

    lost.engine.close(); // the stalled node beats no more: its lease runs out
    PipelineExecution recovered = survivor.awaitEnd(id);
    assertThat(recovered.statusSummary()).isEqualTo(PipelineEngine.INTERRUPTED);
    resume.countDown(); // the stalled node wakes up, mid-deploy

    assertThat(stopped.await(30, TimeUnit.SECONDS))
        .as("the stalled node sees its claim lost")
        .isTrue();
    Thread.sleep(200);
    assertThat(deployed(survivor, site.keySet()))
        .as("the five objects written before the stall, none after the takeover")
        .hasSize(5);
    PipelineExecution after =
        survivor.codepipeline.getPipelineExecution(survivor.dev, "crossaccountdeploy", id);
    assertThat(after.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(after.statusSummary()).isEqualTo(PipelineEngine.INTERRUPTED);
    assertThat(survivor.codepipeline.listActionExecutions(survivor.dev, "crossaccountdeploy", id))
        .filteredOn(a -> a.actionName().equals("Deploy"))
        .singleElement()
        .satisfies(a -> assertThat(a.status()).isEqualTo(ActionStatus.FAILED));

    survivor.codepipeline.retryStageExecution(
        survivor.dev, "crossaccountdeploy", "Deploy", id, "FAILED_ACTIONS");
    assertThat(survivor.awaitEnd(id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(deployed(survivor, site.keySet())).hasSize(20);
  }

  private static List<String> deployed(PipelineFixture node, java.util.Set<String> keys) {
    List<String> found = new ArrayList<>();
    for (String key : keys) {
      try {
        node.read(PipelineFixture.OUTPUT, key);
        found.add(key);
      } catch (ferry.aws.AwsException missing) {
        // not deployed
      }
    }
    return found;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts {@code count} executions, every other one on each node, all at once. */
  private static List<String> startOnBoth(
      PipelineFixture a, PipelineFixture b, String pipeline, int count) throws Exception {
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    try {
      var go = new CountDownLatch(1);
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        PipelineFixture node = i % 2 == 0 ? a : b;
        futures.add(
            threads.submit(() -> {
              go.await();
              return node.codepipeline.startPipelineExecution(
                  node.dev, StartExecutionRequest.of(pipeline));
            }));
      }
      go.countDown();
      List<String> ids = new ArrayList<>();
      for (Future<String> future : futures) {
        ids.add(future.get(60, TimeUnit.SECONDS));
      }
      return ids;
    } finally {
      threads.shutdown();
    }
  }
}
