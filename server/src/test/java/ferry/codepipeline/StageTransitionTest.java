package ferry.codepipeline;

import static ferry.codepipeline.PipelineFixture.INPUT;
import static ferry.codepipeline.PipelineFixture.KEY;
import static ferry.codepipeline.PipelineFixture.zip;
import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.codepipeline.store.PipelineTagRepository;
import ferry.codepipeline.store.StageTransitionRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stage transitions hold executions; executions and action executions filtered; pipeline tags. */
class StageTransitionTest {
  static final String NAME = "crossaccountdeploy";
  @TempDir Path dataDir;
  PipelineFixture world;
  StageTransitionService transitions;
  PipelineTagService tags;

  @BeforeEach
  void start() {
    world = new PipelineFixture(dataDir).withGuideBuckets();
    transitions =
        new StageTransitionService(
            world.pipelines,
            new StageTransitionRepository(world.db),
            world.authorizer,
            Clock.systemUTC());
    tags =
        new PipelineTagService(
            world.pipelines, new PipelineTagRepository(world.db), world.authorizer);
    world.codepipeline.createPipeline(world.dev, PipelineFixture.guidePipeline());
    world.awaitEnd(world.codepipeline.listPipelineExecutions(world.dev, NAME).getFirst().id());
    world.upload(INPUT, KEY, zip(PipelineFixture.sampleWebsite()));
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void aDisabledInboundTransition_holdsTheExecution_untilItIsEnabled() throws Exception {
    transitions.disableStageTransition(world.dev, NAME, "Deploy", "Inbound", "Change freeze");
    var state =
        transitions.inbound(
            world.pipelines.find(PipelineFixture.DEV, world.dev.region(), NAME).orElseThrow());
    assertThat(state.get("Deploy").enabled()).isFalse();
    assertThat(state.get("Deploy").disabledReason()).isEqualTo("Change freeze");
    assertThat(state.get("Deploy").lastChangedBy()).isEqualTo(world.dev.arn());

    String id =
        world.codepipeline.startPipelineExecution(world.dev, StartExecutionRequest.of(NAME));
    PipelineFixture.await(
        () ->
            world.codepipeline.listActionExecutions(world.dev, NAME, id).stream()
                    .anyMatch(
                        a -> a.stageName().equals("Source") && a.status() == ActionStatus.SUCCEEDED)
                ? true
                : null,
        "the source stage to finish");
    Thread.sleep(300);
    assertThat(world.codepipeline.getPipelineExecution(world.dev, NAME, id).status())
        .isEqualTo(ExecutionStatus.IN_PROGRESS);
    assertThat(world.codepipeline.listActionExecutions(world.dev, NAME, id))
        .extracting(ActionExecution::stageName)
        .containsExactly("Source");

    transitions.enableStageTransition(world.dev, NAME, "Deploy", "Inbound");

    assertThat(world.awaitEnd(id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(
            world.codepipeline.listPipelineExecutions(world.dev, NAME, "Deploy").stream()
                .map(PipelineExecution::id))
        .containsExactly(id);
    assertThat(world.codepipeline.listPipelineExecutions(world.dev, NAME, "Source")).hasSize(1);
    assertThat(world.codepipeline.listPipelineExecutions(world.dev, NAME)).hasSize(2);
  }

  @Test
  void aDisabledOutboundTransition_holdsTheExecutionAfterTheStage() {
    transitions.disableStageTransition(world.dev, NAME, "Source", "Outbound", "hold");
    String id =
        world.codepipeline.startPipelineExecution(world.dev, StartExecutionRequest.of(NAME));
    PipelineFixture.await(
        () ->
            world.codepipeline.listActionExecutions(world.dev, NAME, id).stream()
                    .anyMatch(a -> a.status() == ActionStatus.SUCCEEDED)
                ? true
                : null,
        "the source stage to finish");
    transitions.enableStageTransition(world.dev, NAME, "Source", "Outbound");
    assertThat(world.awaitEnd(id).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void badTransitionRequests_areRefused() {
    assertAwsError(
            () ->
                transitions.disableStageTransition(world.dev, NAME, "Deploy", "Inbound", "no#way"),
            "ValidationException")
        .contains("'reason'");
    assertAwsError(
            () -> transitions.disableStageTransition(world.dev, NAME, "Deploy", "Sideways", "x"),
            "ValidationException")
        .contains("[Inbound, Outbound]");
    assertAwsError(
        () -> transitions.disableStageTransition(world.dev, NAME, "Build", "Inbound", "x"),
        "StageNotFoundException");
    assertAwsError(
        () -> transitions.enableStageTransition(world.dev, "nope", "Deploy", "Inbound"),
        "PipelineNotFoundException");
    assertAwsError(
            () -> transitions.disableStageTransition(world.dev, NAME, "Source", "Inbound", "x"),
            "ValidationException")
        .contains("first stage");
  }

  @Test
  void listActionExecutions_latestInPipelineExecution_keepsTheNewestRunOfEachAction() {
    String id =
        world.codepipeline.startPipelineExecution(world.dev, StartExecutionRequest.of(NAME));
    world.awaitEnd(id);
    assertThat(world.codepipeline.listActionExecutions(world.dev, NAME, id, true))
        .extracting(ActionExecution::actionName)
        .containsExactly("Deploy", "Source");
  }

  @Test
  void tags_roundTrip_andBadTagsStoreNothing() {
    String arn = "arn:aws:codepipeline:us-east-1:111111111111:" + NAME;
    tags.tagResource(
        world.dev, arn, List.of(new PipelineTag("env", "prod"), new PipelineTag("team", "web")));
    tags.tagResource(world.dev, arn, List.of(new PipelineTag("env", "staging")));
    assertThat(tags.listTagsForResource(world.dev, arn))
        .containsExactly(new PipelineTag("env", "staging"), new PipelineTag("team", "web"));

    List<PipelineTag> many =
        IntStream.range(0, 49).mapToObj(i -> new PipelineTag("k" + i, "v")).toList();
    assertAwsError(() -> tags.tagResource(world.dev, arn, many), "TooManyTagsException");
    assertAwsError(
        () ->
            tags.tagResource(
                world.dev, arn, List.of(new PipelineTag("a", "1"), new PipelineTag("a", "2"))),
        "InvalidTagsException");
    assertAwsError(
        () -> tags.tagResource(world.dev, arn, List.of(new PipelineTag("aws:x", "1"))),
        "InvalidTagsException");
    assertAwsError(
        () -> tags.listTagsForResource(world.dev, arn + "-missing"), "ResourceNotFoundException");
    assertAwsError(
        () -> tags.listTagsForResource(world.dev, "arn:aws:s3:::bucket"), "InvalidArnException");
    assertThat(tags.listTagsForResource(world.dev, arn)).hasSize(2);

    tags.untagResource(world.dev, arn, List.of("env"));
    assertThat(tags.listTagsForResource(world.dev, arn))
        .containsExactly(new PipelineTag("team", "web"));

    world.codepipeline.deletePipeline(world.dev, NAME);
    world.codepipeline.createPipeline(world.dev, PipelineFixture.guidePipeline());
    assertThat(tags.listTagsForResource(world.dev, arn)).isEmpty();
  }
}
