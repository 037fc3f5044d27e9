package ferry.cloudformation.resource;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.events.Rule;
import ferry.events.RuleState;
import ferry.events.Target;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsRuleHandlerTest {
  private static final String PIPELINE =
      "arn:aws:codepipeline:us-east-1:111111111111:crossaccountdeploy";
  private static final String ROLE = "arn:aws:iam::111111111111:role/start-pipeline";
  private static final String RULE =
      """
      {"Name": "codepipeline-input-rule", "Description": "starts the pipeline",
       "EventPattern": {"source": ["aws.s3"], "detail-type": ["Object Created"],
         "detail": {"bucket": {"name": ["codepipeline-input-bucket"]}}},
       "Targets": [{"Id": "pipeline", "Arn": "%s", "RoleArn": "%s"}]}
      """
          .formatted(PIPELINE, ROLE);

  @TempDir Path dir;
  HandlerFixture world;
  EventsRuleHandler handler;

  @BeforeEach
  void start() {
    world = new HandlerFixture(dir);
    handler = new EventsRuleHandler(world.events);
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void schema_replacesTheRuleForANewNameOrBus() {
    assertThat(handler.schema().createOnly()).containsExactlyInAnyOrder("Name", "EventBusName");
    assertThat(handler.schema().attributes()).containsExactly("Arn");
    assertThat(handler.schema().nameProperty()).isEqualTo("Name");
  }

  @Test
  void create_putsTheRuleAndItsTargets() {
    Provisioned rule = handler.create(world.request("InputRule", RULE));

    assertThat(rule.physicalId()).isEqualTo("codepipeline-input-rule");
    assertThat(rule.attributes())
        .containsEntry("Arn", "arn:aws:events:us-east-1:111111111111:rule/codepipeline-input-rule");
    Rule stored = world.events.describeRule(world.root, "codepipeline-input-rule", null);
    assertThat(stored.eventPattern()).contains("\"codepipeline-input-bucket\"");
    assertThat(stored.state()).isEqualTo(RuleState.ENABLED);
    assertThat(world.events.listTargetsByRule(world.root, "codepipeline-input-rule", null))
        .containsExactly(new Target("pipeline", PIPELINE, ROLE, null, null));
  }

  @Test
  void create_withoutAName_onACustomBus_isIdentifiedAsBusAndName() {
    world.buses.createEventBus(world.root, "deploys", null, List.of());

    Provisioned rule =
        handler.create(
            world.request(
                "InputRule",
                "{\"EventBusName\": \"deploys\", \"EventPattern\": \"{\\\"source\\\":[\\\"aws.s3\\\"]}\"}"));

    assertThat(rule.physicalId()).matches("deploys\\|dev-stack-InputRule-[A-Z0-9]{12}");
    String name = rule.physicalId().substring("deploys|".length());
    assertThat(rule.attributes().get("Arn")).endsWith(":rule/deploys/" + name);
    assertThat(world.events.describeRule(world.root, name, "deploys").eventPattern())
        .isEqualTo("{\"source\":[\"aws.s3\"]}");

    handler.delete(world.request("InputRule", "{}"), rule);
    assertThat(world.events.listRules(world.root, null, "deploys")).isEmpty();
  }

  @Test
  void update_inPlace_putsTheRuleAndOnlyTheTargetsThatChanged() {
    Provisioned rule = handler.create(world.request("InputRule", RULE));

    handler.update(
        world.request(
            "InputRule",
            """
            {"Name": "codepipeline-input-rule", "State": "DISABLED",
             "EventPattern": {"source": ["aws.s3"]},
             "Targets": [{"Id": "other", "Arn": "%s", "RoleArn": "%s",
               "InputTransformer": {"InputPathsMap": {"key": "$.detail.object.key"},
                 "InputTemplate": "{\\"key\\": <key>}"}}]}
            """
                .formatted(PIPELINE, ROLE)),
        rule,
        HandlerFixture.json(RULE));

    Rule stored = world.events.describeRule(world.root, "codepipeline-input-rule", null);
    assertThat(stored.state()).isEqualTo(RuleState.DISABLED);
    assertThat(stored.eventPattern()).isEqualTo("{\"source\":[\"aws.s3\"]}");
    assertThat(world.events.listTargetsByRule(world.root, "codepipeline-input-rule", null))
        .singleElement()
        .satisfies(target -> {
          assertThat(target.id()).isEqualTo("other");
          assertThat(target.inputTransformer().inputPathsMap())
              .containsEntry("key", "$.detail.object.key");
        });
  }

  @Test
  void delete_removesTheTargetsThenTheRule_andAGoneRuleDeletes() {
    Provisioned rule = handler.create(world.request("InputRule", RULE));

    handler.delete(world.request("InputRule", RULE), rule);
    assertAwsError(
        () -> world.events.describeRule(world.root, "codepipeline-input-rule", null),
        "ResourceNotFoundException");
    handler.delete(world.request("InputRule", RULE), rule);
  }

  @Test
  void aTargetEventBridgeRefuses_failsTheResource_andLeavesNoRule() {
    assertAwsError(
            () ->
                handler.create(
                    world.request(
                        "InputRule",
                        "{\"Name\": \"r\", \"EventPattern\": {\"source\": [\"aws.s3\"]},"
                            + " \"Targets\": [{\"Id\": \"p\", \"Arn\": \""
                            + PIPELINE
                            + "\"}]}")),
            "InvalidRequest")
        .contains("RoleArn is required for target arn");

    assertThat(world.events.listRules(world.root, null, null)).isEmpty();
  }

  @Test
  void unsupportedProperties_areRefused_beforeAnythingIsMade() {
    assertAwsError(
            () ->
                handler.create(
                    world.request(
                        "Nightly",
                        "{\"Name\": \"nightly\", \"ScheduleExpression\": \"rate(1 day)\"}")),
            "InvalidRequest")
        .contains("ScheduleExpression");
    assertAwsError(
            () ->
                handler.create(
                    world.request(
                        "InputRule",
                        RULE.replace(
                            "\"RoleArn\"",
                            "\"RetryPolicy\": {\"MaximumRetryAttempts\": 1}, \"RoleArn\""))),
            "InvalidRequest")
        .contains("Targets/0/RetryPolicy");
    String six =
        String.join(
            ",",
            java.util.Collections.nCopies(
                6,
                "{\"Id\": \"t\", \"Arn\": \"" + PIPELINE + "\", \"RoleArn\": \"" + ROLE + "\"}"));
    assertAwsError(
            () ->
                handler.create(
                    world.request(
                        "InputRule",
                        "{\"EventPattern\": {\"source\": [\"aws.s3\"]}, \"Targets\": ["
                            + six
                            + "]}")),
            "InvalidRequest")
        .endsWith("#/Targets: expected maximum item count: 5, found: 6");

    assertThat(world.events.listRules(world.root, null, null)).isEmpty();
  }

  @Test
  void aNamedRuleThatExists_failsAsAlreadyExists() {
    handler.create(world.request("InputRule", RULE));

    assertAwsError(() -> handler.create(world.request("Again", RULE)), "AlreadyExists");
  }

  @Test
  void aCallerWithoutPutRule_isDenied_andNoRuleIsMade() {
    var reader =
        world.user(
            "reader",
            """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Action": "events:DescribeRule", "Resource": "*"}]}
            """);

    assertAwsError(
            () -> handler.create(world.request(reader, "InputRule", RULE)), "AccessDeniedException")
        .contains("events:PutRule");
    assertThat(world.events.listRules(world.root, null, null)).isEmpty();
  }
}
