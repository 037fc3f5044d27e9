package ferry.console.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.console.ConsoleWorld;
import ferry.console.web.ConsoleClient;
import ferry.testing.RunningFerry;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;

/** The pipeline pages over HTTP against a running Ferry, as the signed-in principal. */
class PipelinePagesTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static ConsoleWorld world;

  private static final Pattern DECISION_LINK =
      Pattern.compile("href=\"/_ferry/console(/decisions/[^\"]+)\"");

  @BeforeAll
  static void world() throws Exception {
    world = ConsoleWorld.make(ferry);
  }

  @Test
  void theList_showsEachPipelineWithItsLatestExecution() throws Exception {
    var page = world.signedIn("dev").get("/pipelines");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("href=\"/_ferry/console/pipelines/webapp\"")
        .contains("href=\"/_ferry/console/pipelines/brokenapp\"")
        .contains("status-Succeeded")
        .contains("status-Failed");
  }

  @Test
  void aPipeline_isDrawnStageByStage_withItsActionsAndHistory() throws Exception {
    var page = world.signedIn("dev").get("/pipelines/webapp");

    assertThat(page.statusCode()).isEqualTo(200);
    String body = page.body();
    assertThat(body.indexOf("<h2>Source</h2>"))
        .isPositive()
        .isLessThan(body.indexOf("<h2>Deploy</h2>"));
    assertThat(body)
        .contains("data-action=\"Deploy\" data-status=\"Succeeded\"")
        .contains("Deploy · S3")
        .contains("id=\"latest-status\" class=\"status status-Succeeded\"")
        .contains("data-live-events=\"/_ferry/console/pipelines/webapp/events\"")
        .contains("Execution history")
        .contains("Release change");
    var live = world.signedIn("dev").get("/pipelines/webapp/live");
    assertThat(live.body()).contains("data-status=\"Succeeded\"").doesNotContain("<html");
  }

  @Test
  void anExecution_showsArtifactsTheRoleItRanAsAndErrors() throws Exception {
    var client = world.signedIn("dev");
    String id = world.awaitEnd("webapp", 1).pipelineExecutionId();

    var page = client.get("/pipelines/webapp/executions/" + id);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("SourceArtifact")
        .contains("s3://console-artifacts/")
        .contains("arn:aws:iam::111111111111:role/webapp-role")
        .contains("Succeeded");
  }

  @Test
  void aFailedAction_linksToTheDecisionThatFailedIt_whichNamesTheMissingGrant() throws Exception {
    var client = world.signedIn("dev");

    var page = client.get("/pipelines/brokenapp");

    assertThat(page.body()).contains("data-action=\"Deploy\" data-status=\"Failed\"");
    Matcher link = DECISION_LINK.matcher(page.body());
    assertThat(link.find()).as("a decision link on the failed action").isTrue();
    String href = link.group(1).replace("&amp;", "&");
    var decision = client.get(href);
    assertThat(decision.statusCode()).isEqualTo(200);
    assertThat(decision.body())
        .contains("Missing grant")
        .contains("s3:PutObject")
        .contains("arn:aws:s3:::console-output/")
        .contains("brokenapp-role")
        .contains("Policies evaluated");
  }

  @Test
  void releaseChange_startsAnExecution_andAFormWithoutTheTokenIsRefused() throws Exception {
    var client = world.signedIn("dev");
    world.awaitEnd("webapp", 1);
    int before = world.executions("webapp");

    var refused = client.post("/pipelines/webapp/release", Map.of());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(world.executions("webapp")).isEqualTo(before);

    var released = client.postWithToken("/pipelines/webapp/release", Map.of());
    assertThat(released.statusCode()).isEqualTo(303);
    assertThat(released.headers().firstValue("Location"))
        .hasValue("/_ferry/console/pipelines/webapp");
    assertThat(world.awaitEnd("webapp", before + 1).status())
        .isEqualTo(PipelineExecutionStatus.SUCCEEDED);
  }

  @Test
  void retry_runsTheFailedStageAgain_andStopOfAnEndedExecutionIsAnErrorPage() throws Exception {
    var client = world.signedIn("dev");
    var failed = world.awaitEnd("brokenapp", 1);

    var withoutToken =
        client.post(
            "/pipelines/brokenapp/stages/Deploy/retry",
            Map.of("executionId", failed.pipelineExecutionId()));
    assertThat(withoutToken.statusCode()).isEqualTo(403);

    var retried =
        client.postWithToken(
            "/pipelines/brokenapp/stages/Deploy/retry",
            Map.of("executionId", failed.pipelineExecutionId()));
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(303);
    var execution = world.awaitEnd("brokenapp", 1);
    assertThat(execution.status()).isEqualTo(PipelineExecutionStatus.FAILED);

    var stop =
        client.postWithToken(
            "/pipelines/brokenapp/executions/" + failed.pipelineExecutionId() + "/stop", Map.of());
    assertThat(stop.statusCode()).isEqualTo(400);
    assertThat(stop.body()).contains("cannot be stopped");
    assertThat(client.get("/pipelines/brokenapp").statusCode()).isEqualTo(200);
  }

  @Test
  void theEventStream_deliversAChangeAsTheExecutionRuns() throws Exception {
    var client = world.signedIn("dev");
    world.awaitEnd("webapp", 1);
    BlockingQueue<String> lines = ConsoleWorld.queue();
    InputStream stream = ConsoleWorld.events(client, "/pipelines/webapp/events", lines);
    try {
      assertThat(lines.poll(5, TimeUnit.SECONDS)).startsWith(": stream open");

      world.codepipeline().startPipelineExecution(s -> s.name("webapp"));

      String event = null;
      for (String line = lines.poll(5, TimeUnit.SECONDS);
          line != null;
          line = lines.poll(5, TimeUnit.SECONDS)) {
        if (line.startsWith("data: ")
            && line.contains("\"status\":\"Succeeded\"")
            && line.contains("\"stage\":null")) {
          event = line;
          break;
        }
      }
      assertThat(event).as("the execution's Succeeded event").isNotNull();
    } finally {
      stream.close();
    }
  }

  @Test
  void anotherAccount_seesNeitherTheListNorThePipeline_norItsStream() throws Exception {
    var prod = world.signedIn("prod");

    assertThat(prod.get("/pipelines").body()).doesNotContain("webapp");
    var page = prod.get("/pipelines/webapp");
    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("PipelineNotFoundException");
    assertThat(prod.get("/pipelines/webapp/events").statusCode()).isEqualTo(400);
    assertThat(prod.postWithToken("/pipelines/webapp/release", Map.of()).statusCode())
        .isEqualTo(400);
  }

  @Test
  void aUserWithoutPermissions_seesTheDenialPanel() throws Exception {
    var iam = ferry.iam("dev");
    iam.createUser(u -> u.userName("nobody-pipelines"));
    var key = iam.createAccessKey(k -> k.userName("nobody-pipelines")).accessKey();
    var client = new ConsoleClient(ferry.endpoint());
    client.signIn(key.accessKeyId(), key.secretAccessKey());

    var list = client.get("/pipelines");
    var page = client.get("/pipelines/webapp");

    assertThat(list.statusCode()).isEqualTo(403);
    assertThat(list.body()).contains("Access denied").contains("codepipeline:ListPipelines");
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("codepipeline:GetPipelineState").doesNotContain("Deploy · S3");
    assertThat(client.get("/pipelines/webapp/events").statusCode()).isEqualTo(403);
  }
}
