package ferry.events.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ferry.testing.RunningFerry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.EventBus;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Tag;

/** Custom event buses and tags on rules and buses, through the AWS SDK for Java v2. */
class EventBusWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static final String PATTERN = "{\"source\":[\"app.builds\"]}";
  static EventBridgeClient dev;
  static EventBridgeClient prod;

  @BeforeAll
  static void start() {
    dev = client("dev");
    prod = client("prod");
  }

  static EventBridgeClient client(String account) {
    return EventBridgeClient.builder()
        .endpointOverride(ferry.endpoint())
        .region(Region.US_EAST_1)
        .httpClient(Apache5HttpClient.create())
        .credentialsProvider(ferry.credentials(account))
        .build();
  }

  @AfterAll
  static void stop() {
    dev.close();
    prod.close();
  }

  static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  static String code(Runnable call) {
    EventBridgeException error = catchThrowableOfType(EventBridgeException.class, call::run);
    assertThat(error).as("the request was refused").isNotNull();
    assertThat(error.statusCode()).isEqualTo(400);
    return error.awsErrorDetails().errorCode();
  }

  @Test
  void createDescribeListDelete_aCustomBus() {
    String arn =
        dev.createEventBus(
                r -> r.name("orders").description("order events").tags(tag("team", "shop")))
            .eventBusArn();
    assertThat(arn).isEqualTo("arn:aws:events:us-east-1:111111111111:event-bus/orders");

    var described = dev.describeEventBus(r -> r.name("orders"));
    assertThat(described.arn()).isEqualTo(arn);
    assertThat(described.description()).isEqualTo("order events");
    assertThat(described.creationTime()).isNotNull();
    assertThat(dev.describeEventBus(r -> r.name(arn)).name()).isEqualTo("orders");
    assertThat(dev.describeEventBus(r -> {}).name()).isEqualTo("default");
    assertThat(dev.listTagsForResource(r -> r.resourceARN(arn)).tags())
        .containsExactly(tag("team", "shop"));

    assertThat(code(() -> dev.createEventBus(r -> r.name("orders"))))
        .isEqualTo("ResourceAlreadyExistsException");
    assertThat(
            catchThrowableOfType(
                ResourceAlreadyExistsException.class,
                () -> dev.createEventBus(r -> r.name("default"))))
        .isNotNull();
    assertThat(
            catchThrowableOfType(
                ResourceNotFoundException.class,
                () -> prod.describeEventBus(r -> r.name("orders"))))
        .isNotNull();

    dev.deleteEventBus(r -> r.name("orders"));
    assertThat(
            catchThrowableOfType(
                ResourceNotFoundException.class, () -> dev.describeEventBus(r -> r.name("orders"))))
        .isNotNull();
    dev.deleteEventBus(r -> r.name("orders"));
  }

  @Test
  void listEventBuses_filtersByPrefix_andPages() {
    for (int i = 1; i <= 3; i++) {
      String name = "team-" + i;
      dev.createEventBus(r -> r.name(name));
    }
    List<String> names = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      var page = dev.listEventBuses(r -> r.namePrefix("team-").limit(2).nextToken(next));
      page.eventBuses().stream().map(EventBus::name).forEach(names::add);
      token = page.nextToken();
    } while (token != null);
    assertThat(names).containsExactly("team-1", "team-2", "team-3");
    assertThat(dev.listEventBuses(r -> {}).eventBuses())
        .extracting(EventBus::name)
        .contains("default", "team-1");
  }

  @Test
  void theDefaultBus_andABusWithRules_cannotBeDeleted() {
    assertThat(code(() -> dev.deleteEventBus(r -> r.name("default"))))
        .isEqualTo("ValidationException");
    dev.createEventBus(r -> r.name("busy"));
    dev.putRule(r -> r.name("on-busy").eventBusName("busy").eventPattern(PATTERN));
    assertThat(code(() -> dev.deleteEventBus(r -> r.name("busy"))))
        .isEqualTo("ValidationException");
    assertThat(dev.describeEventBus(r -> r.name("busy")).name()).isEqualTo("busy");

    assertThat(dev.listRules(r -> r.eventBusName("busy")).rules())
        .singleElement()
        .satisfies(rule -> {
          assertThat(rule.arn())
              .isEqualTo("arn:aws:events:us-east-1:111111111111:rule/busy/on-busy");
          assertThat(rule.eventBusName()).isEqualTo("busy");
        });
    assertThat(dev.listRules(r -> r.namePrefix("on-busy")).rules()).isEmpty();
    dev.deleteRule(r -> r.name("on-busy").eventBusName("busy"));
    dev.deleteEventBus(r -> r.name("busy"));
  }

  @Test
  void tags_roundTripOnARuleOfACustomBus_andBadTagsStoreNothing() {
    dev.createEventBus(r -> r.name("tagged-bus"));
    String rule =
        dev.putRule(r -> r.name("tagged-rule").eventBusName("tagged-bus").eventPattern(PATTERN))
            .ruleArn();

    dev.tagResource(r -> r.resourceARN(rule).tags(tag("env", "prod"), tag("team", "web")));
    dev.tagResource(r -> r.resourceARN(rule).tags(tag("env", "staging")));
    assertThat(dev.listTagsForResource(r -> r.resourceARN(rule)).tags())
        .containsExactly(tag("env", "staging"), tag("team", "web"));

    Tag[] many = IntStream.range(0, 49).mapToObj(i -> tag("k" + i, "v")).toArray(Tag[]::new);
    assertThat(code(() -> dev.tagResource(r -> r.resourceARN(rule).tags(many))))
        .isEqualTo("LimitExceededException");
    assertThat(
            code(
                () -> dev.tagResource(r -> r.resourceARN(rule).tags(tag("a", "1"), tag("a", "2")))))
        .isEqualTo("ValidationException");
    assertThat(code(() -> dev.tagResource(r -> r.resourceARN(rule).tags(tag("aws:x", "1")))))
        .isEqualTo("ValidationException");
    assertThat(dev.listTagsForResource(r -> r.resourceARN(rule)).tags()).hasSize(2);

    dev.untagResource(r -> r.resourceARN(rule).tagKeys("env"));
    assertThat(dev.listTagsForResource(r -> r.resourceARN(rule)).tags())
        .containsExactly(tag("team", "web"));

    String missing = "arn:aws:events:us-east-1:111111111111:rule/tagged-bus/nope";
    assertThat(code(() -> dev.listTagsForResource(r -> r.resourceARN(missing))))
        .isEqualTo("ResourceNotFoundException");
    assertThat(code(() -> prod.tagResource(r -> r.resourceARN(rule).tags(tag("x", "y")))))
        .isEqualTo("ResourceNotFoundException");

    dev.deleteRule(r -> r.name("tagged-rule").eventBusName("tagged-bus"));
    dev.putRule(r -> r.name("tagged-rule").eventBusName("tagged-bus").eventPattern(PATTERN));
    assertThat(dev.listTagsForResource(r -> r.resourceARN(rule)).tags()).isEmpty();
  }
}
