package ferry.codepipeline;

import static ferry.codepipeline.PipelineFixture.INPUT;
import static ferry.codepipeline.PipelineFixture.KEY;
import static ferry.codepipeline.PipelineFixture.zip;
import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.Region;
import ferry.events.EntryResult;
import ferry.events.Event;
import ferry.events.EventBusService;
import ferry.events.EventsService;
import ferry.events.EventsTagService;
import ferry.events.PutEventsEntry;
import ferry.events.PutRuleRequest;
import ferry.events.Target;
import ferry.events.store.EventBusRepository;
import ferry.events.store.RuleRepository;
import ferry.s3.PutObjectResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upload starts the pipeline through an EventBridge rule, as the console sets it up. */
class EventTriggerTest {
  static final String RULE_ROLE = "arn:aws:iam::111111111111:role/cwe-role-crossaccountdeploy";
  static final String PIPELINE_ARN =
      "arn:aws:codepipeline:us-east-1:111111111111:crossaccountdeploy";
  static final String PATTERN =
      """
      {"source":["aws.s3"],"detail-type":["Object Created"],
       "detail":{"bucket":{"name":["codepipeline-input-bucket"]},"object":{"key":["sample-website.zip"]}}}
      """;

  @TempDir Path dataDir;
  PipelineFixture world;
  EventsService events;
  EventBusService buses;

  @BeforeEach
  void start() {
    world = new PipelineFixture(dataDir).withGuideBuckets();
    var rules = new RuleRepository(world.db);
    var busStore = new EventBusRepository(world.db);
    buses = new EventBusService(busStore, rules, world.authorizer, java.time.Clock.systemUTC());
    events =
        new EventsService(
            rules,
            buses,
            new EventsTagService(busStore, rules, buses, world.authorizer),
            world.authorizer,
            (roleArn, region) -> new PipelineFixture.TestRoles().sessionOf(roleArn, region),
            java.time.Clock.systemUTC());
    events.register(new PipelineTargets(world.codepipeline, world.pipelines));
    world.rolePolicies.put(
        RULE_ROLE,
        List.of(
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Action":"codepipeline:StartPipelineExecution",
             "Resource":"arn:aws:codepipeline:us-east-1:111111111111:crossaccountdeploy"}]}
            """));
    world.codepipeline.createPipeline(world.dev, PipelineFixture.guidePipeline());
    world.awaitEnd(
        world.codepipeline.listPipelineExecutions(world.dev, "crossaccountdeploy").getFirst().id());
    events.putRule(
        world.dev,
        new PutRuleRequest(
            "codepipeline-crossaccountdeploy-Source-rule", PATTERN, null, null, null, null, null));
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void upload_startsTheExecution_throughTheRule_readingTheEventsVersion() {
    events.putTargets(
        world.dev,
        "codepipeline-crossaccountdeploy-Source-rule",
        null,
        List.of(new Target("codepipeline", PIPELINE_ARN, RULE_ROLE, null, null)));
    byte[] first = zip(Map.of("index.html", "one".getBytes()));
    PutObjectResult v1 = world.upload(INPUT, KEY, first);
    world.upload(INPUT, KEY, zip(Map.of("index.html", "two".getBytes())));

    events.publish(objectCreated(v1));

    PipelineExecution execution =
        PipelineFixture.await(
            () -> {
              List<PipelineExecution> all =
                  world.codepipeline.listPipelineExecutions(world.dev, "crossaccountdeploy");
              return all.size() == 2 && !all.getFirst().status().isActive() ? all.getFirst() : null;
            },
            "the rule to start an execution");
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(execution.trigger())
        .isEqualTo(
            new ExecutionTrigger(
                "CloudWatchEvent",
                "arn:aws:events:us-east-1:111111111111:rule/codepipeline-crossaccountdeploy-Source-rule"));
    assertThat(world.read(PipelineFixture.OUTPUT, "index.html")).isEqualTo("one".getBytes());
  }

  @Test
  void aRuleOnACustomBus_seesOnlyThatBussEvents_andItsTargetGetsTheTransformedInput()
      throws Exception {
    var received = new java.util.concurrent.LinkedBlockingQueue<String>();
    String inbox = "arn:aws:sqs:us-east-1:111111111111:inbox";
    events.register(inbox(inbox, received));
    buses.createEventBus(world.dev, "deploys", null, List.of());
    events.putRule(
        world.dev,
        new PutRuleRequest(
            "builds", "{\"source\":[\"app.builds\"]}", null, null, null, null, "deploys"));
    events.putTargets(
        world.dev,
        "builds",
        "deploys",
        List.of(
            new Target(
                "inbox",
                inbox,
                RULE_ROLE,
                null,
                null,
                new ferry.events.InputTransformer(
                    Map.of("env", "$.detail.env"),
                    "{\"environment\": <env>, \"note\": \"built for <env>\"}"))));
    var entry =
        new PutEventsEntry("app.builds", "Build", "{\"env\":\"prod\"}", List.of(), null, null);

    events.putEvents(world.dev, List.of(entry));
    assertThat(received.poll(300, java.util.concurrent.TimeUnit.MILLISECONDS)).isNull();

    events.putEvents(
        world.dev,
        List.of(
            new PutEventsEntry(
                "app.builds", "Build", "{\"env\":\"prod\"}", List.of(), null, "deploys")));
    assertThat(received.poll(5, java.util.concurrent.TimeUnit.SECONDS))
        .isEqualTo("{\"environment\": \"prod\", \"note\": \"built for prod\"}");
  }

  /** Rules are matched from memory: every change this node makes is seen by the next event. */
  @Test
  void theNextEvent_isMatchedAgainstTheRuleAsItIsNow() throws Exception {
    var received = new java.util.concurrent.LinkedBlockingQueue<String>();
    String inbox = "arn:aws:sqs:us-east-1:111111111111:inbox";
    events.register(inbox(inbox, received));
    var entry = new PutEventsEntry("app.builds", "Build", "{}", List.of(), null, null);
    var seconds = java.util.concurrent.TimeUnit.SECONDS;
    var millis = java.util.concurrent.TimeUnit.MILLISECONDS;
    events.putRule(
        world.dev,
        new PutRuleRequest(
            "builds", "{\"source\":[\"app.builds\"]}", null, null, null, null, null));
    events.putTargets(
        world.dev, "builds", null, List.of(new Target("inbox", inbox, RULE_ROLE, null, null)));

    events.putEvents(world.dev, List.of(entry));
    assertThat(received.poll(5, seconds)).as("enabled").isNotNull();
    events.disableRule(world.dev, "builds", null);
    events.putEvents(world.dev, List.of(entry));
    assertThat(received.poll(300, millis)).as("disabled").isNull();
    events.enableRule(world.dev, "builds", null);
    events.putEvents(world.dev, List.of(entry));
    assertThat(received.poll(5, seconds)).as("enabled again").isNotNull();
    events.putRule(
        world.dev,
        new PutRuleRequest("builds", "{\"source\":[\"app.tests\"]}", null, null, null, null, null));
    events.putEvents(world.dev, List.of(entry));
    assertThat(received.poll(300, millis)).as("pattern changed").isNull();
  }

  @Test
  void ruleRoleWithoutStartPipelineExecution_startsNothing() throws Exception {
    world.rolePolicies.put(RULE_ROLE, List.of());
    events.putTargets(
        world.dev,
        "codepipeline-crossaccountdeploy-Source-rule",
        null,
        List.of(new Target("codepipeline", PIPELINE_ARN, RULE_ROLE, null, null)));
    PutObjectResult v1 = world.upload(INPUT, KEY, zip(PipelineFixture.sampleWebsite()));

    events.publish(objectCreated(v1));
    Thread.sleep(300);

    assertThat(world.codepipeline.listPipelineExecutions(world.dev, "crossaccountdeploy"))
        .hasSize(1);
  }

  @Test
  void pipelineTargetWithoutRoleArn_isAFailedEntry() {
    List<EntryResult> failed =
        events.putTargets(
            world.dev,
            "codepipeline-crossaccountdeploy-Source-rule",
            null,
            List.of(new Target("codepipeline", PIPELINE_ARN, null, null, null)));

    assertThat(failed).hasSize(1);
    assertThat(failed.getFirst().errorCode()).isEqualTo("ValidationException");
    assertThat(
            events.listTargetsByRule(
                world.dev, "codepipeline-crossaccountdeploy-Source-rule", null))
        .isEmpty();
  }

  @Test
  void deleteRuleWithTargets_isRefused_thenSucceedsOnceTheyAreRemoved() {
    events.putTargets(
        world.dev,
        "codepipeline-crossaccountdeploy-Source-rule",
        null,
        List.of(new Target("codepipeline", PIPELINE_ARN, RULE_ROLE, null, null)));

    assertAwsError(
            () -> events.deleteRule(world.dev, "codepipeline-crossaccountdeploy-Source-rule", null),
            "ValidationException")
        .isEqualTo("Rule can't be deleted since it has targets.");

    events.removeTargets(
        world.dev, "codepipeline-crossaccountdeploy-Source-rule", null, List.of("codepipeline"));
    events.deleteRule(world.dev, "codepipeline-crossaccountdeploy-Source-rule", null);
    assertAwsError(
            () ->
                events.describeRule(world.dev, "codepipeline-crossaccountdeploy-Source-rule", null),
            "ResourceNotFoundException")
        .isEqualTo(
            "Rule codepipeline-crossaccountdeploy-Source-rule does not exist on EventBus default.");
  }

  @Test
  void putEvents_refusesAwsSources_andDeliversCustomOnes() {
    List<EntryResult> results =
        events.putEvents(
            world.dev,
            List.of(
                new PutEventsEntry("aws.s3", "Object Created", "{}", List.of(), null, null),
                new PutEventsEntry("my.app", "Thing", "{\"a\":1}", List.of(), null, null),
                new PutEventsEntry("my.app", "Thing", "not json", List.of(), null, null)));

    assertThat(results.get(0).errorCode()).isEqualTo("NotAuthorizedForSourceException");
    assertThat(results.get(1).isFailed()).isFalse();
    assertThat(results.get(2).errorMessage())
        .isEqualTo("Parameter Detail is not valid. Reason: Detail is malformed.");
  }

  @Test
  void putRule_withABadPattern_isInvalidEventPattern_andTheRuleIsUnchanged() {
    assertAwsError(
        () ->
            events.putRule(
                world.dev,
                new PutRuleRequest(
                    "codepipeline-crossaccountdeploy-Source-rule",
                    "{\"source\":\"aws.s3\"}",
                    null,
                    null,
                    null,
                    null,
                    null)),
        "InvalidEventPatternException");
    assertThat(
            events
                .describeRule(world.dev, "codepipeline-crossaccountdeploy-Source-rule", null)
                .eventPattern())
        .isEqualTo(PATTERN);
  }

  /** The "Object Created" event S3 publishes for a bucket with EventBridge notifications on. */
  static Event objectCreated(PutObjectResult put) {
    return new Event(
        UUID.randomUUID().toString(),
        "aws.s3",
        "Object Created",
        PipelineFixture.DEV,
        Region.US_EAST_1,
        Instant.now(),
        List.of("arn:aws:s3:::" + INPUT),
        "{\"version\":\"0\",\"bucket\":{\"name\":\""
            + INPUT
            + "\"},\"object\":{\"key\":\""
            + KEY
            + "\",\"etag\":"
            + put.etag()
            + ",\"version-id\":\""
            + put.versionId()
            + "\"},\"reason\":\"PutObject\"}");
  }

  private static ferry.events.TargetInvoker inbox(String arn, java.util.Queue<String> received) {
    return new ferry.events.TargetInvoker() {
      @Override
      public boolean accepts(String targetArn) {
        return targetArn.equals(arn);
      }

      @Override
      public void invoke(
          ferry.aws.Caller caller, ferry.events.Rule rule, Target target, String event) {
        received.add(event);
      }
    };
  }
}
