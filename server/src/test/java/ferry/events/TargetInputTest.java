package ferry.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.aws.AccountId;
import ferry.aws.AwsException;
import ferry.aws.Region;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetInputTest {
  static final String TARGET = "arn:aws:codepipeline:us-east-1:111111111111:p";
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  static final Rule RULE =
      new Rule(
          AccountId.of("111111111111"),
          Region.of("us-east-1"),
          "deploys",
          "on-push",
          "{}",
          null,
          RuleState.ENABLED,
          null,
          null,
          NOW);
  static final String EVENT =
      EventsService.envelope(
          new Event(
              "e-1",
              "app.builds",
              "Build Finished",
              AccountId.of("111111111111"),
              Region.of("us-east-1"),
              NOW,
              List.of("arn:aws:s3:::bucket"),
              "{\"state\":\"RUNNING\",\"count\":3,\"tags\":{\"env\":\"prod\"}}"));

  static Target transformed(Map<String, String> paths, String template) {
    return new Target("t", TARGET, null, null, null, new InputTransformer(paths, template));
  }

  static Map<String, String> paths(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Test
  void aJsonTemplate_getsStringsInStrings_andJsonValuesOutsideThem() {
    Target target =
        transformed(
            paths("state", "$.detail.state", "count", "$.detail.count", "tags", "$.detail.tags"),
            "{\"state\": <state>, \"says\": \"now <state> x<count>\", \"n\": <count>, \"t\": <tags>}");

    assertThat(TargetInput.render(target, RULE, EVENT, NOW))
        .isEqualTo(
            "{\"state\": \"RUNNING\", \"says\": \"now RUNNING x3\", \"n\": 3,"
                + " \"t\": {\"env\":\"prod\"}}");
  }

  @Test
  void aTextTemplate_quotesStringValuesOutsideQuotes_asEventBridgeDocuments() {
    Target target = transformed(paths("state", "$.detail.state"), "state <state> is \"<state>\"");

    assertThat(TargetInput.render(target, RULE, EVENT, NOW))
        .isEqualTo("state \"RUNNING\" is \"RUNNING\"");
  }

  @Test
  void predefinedVariables_andMissingPaths() {
    Target target =
        transformed(
            paths("gone", "$.detail.nothing", "first", "$.resources[0]"),
            "{\"rule\": \"<aws.events.rule-name>\", \"arn\": <aws.events.rule-arn>, \"gone\": <gone>,"
                + " \"first\": \"<first>\", \"at\": <aws.events.event.ingestion-time>}");

    assertThat(TargetInput.render(target, RULE, EVENT, NOW))
        .isEqualTo(
            "{\"rule\": \"on-push\", \"arn\": \"arn:aws:events:us-east-1:111111111111:rule/deploys/on-push\","
                + " \"gone\": null, \"first\": \"arn:aws:s3:::bucket\", \"at\": \"2026-01-02T03:04:05Z\"}");
  }

  @Test
  void inputAndInputPath() {
    assertThat(
            TargetInput.render(
                new Target("t", TARGET, null, "{\"fixed\":1}", null), RULE, EVENT, NOW))
        .isEqualTo("{\"fixed\":1}");
    assertThat(
            TargetInput.render(
                new Target("t", TARGET, null, null, "$.detail.tags"), RULE, EVENT, NOW))
        .isEqualTo("{\"env\":\"prod\"}");
    assertThat(TargetInput.render(new Target("t", TARGET, null, null, null), RULE, EVENT, NOW))
        .isEqualTo(EVENT);
  }

  @Test
  void malformedInputs_areRefused() {
    assertThatThrownBy(() -> TargetInput.validate(transformed(paths("a", "$.x"), "{<a>: 1}")))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> TargetInput.validate(transformed(paths("aws.x", "$.x"), "<aws.x>")))
        .hasMessageContaining("the variable name 'aws.x'");
    assertThatThrownBy(() -> TargetInput.validate(transformed(paths("a", "detail"), "<a>")))
        .hasMessageContaining("is not a JSON path");
    assertThatThrownBy(() -> TargetInput.validate(new Target("t", TARGET, null, "{", null)))
        .hasMessageContaining("Input for target t is not valid JSON");
    assertThatThrownBy(() -> TargetInput.validate(new Target("t", TARGET, null, "{}", "$.detail")))
        .hasMessageContaining("only one of Input, InputPath or InputTransformer");
    TargetInput.validate(transformed(paths("a", "$.detail.state"), "{\"a\": <a>, \"b\": \"<a>\"}"));
  }
}
