package ferry.events.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ferry.testing.RunningFerry;
import ferry.testing.SignedHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Every member of an implemented EventBridge operation is applied as AWS documents it, or the
 * request is refused: none is silently ignored.
 */
class EventsRequestMembersWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static final String PATTERN = "{\"source\":[\"aws.s3\"]}";
  static final String TARGET = "arn:aws:codepipeline:us-east-1:111111111111:crossaccountdeploy";
  static final String OTHER = "arn:aws:codepipeline:us-east-1:111111111111:other";
  static final String ROLE = "arn:aws:iam::111111111111:role/events-role";
  static EventBridgeClient dev;

  @BeforeAll
  static void start() {
    dev =
        EventBridgeClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(ferry.credentials("dev"))
            .build();
    for (int i = 1; i <= 5; i++) {
      String name = "paged-" + i;
      dev.putRule(r -> r.name(name).eventPattern(PATTERN));
      dev.putTargets(r ->
          r.rule(name)
              .targets(
                  Target.builder().id("pipeline").arn(TARGET).roleArn(ROLE).build(),
                  Target.builder().id("other").arn(OTHER).roleArn(ROLE).build()));
    }
  }

  @AfterAll
  static void stop() {
    dev.close();
  }

  private static EventBridgeException refused(Runnable call) {
    EventBridgeException error = catchThrowableOfType(EventBridgeException.class, call::run);
    assertThat(error).as("the request was refused").isNotNull();
    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    return error;
  }

  @Test
  void listRules_pagesWithLimitAndNextToken() {
    List<String> names = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String next = token;
      ListRulesResponse page = dev.listRules(r -> r.namePrefix("paged-").limit(2).nextToken(next));
      assertThat(page.rules()).hasSizeLessThanOrEqualTo(2);
      page.rules().stream().map(Rule::name).forEach(names::add);
      token = page.nextToken();
      pages++;
    } while (token != null);

    assertThat(pages).isEqualTo(3);
    assertThat(names).containsExactly("paged-1", "paged-2", "paged-3", "paged-4", "paged-5");
    assertThat(dev.listRules(r -> r.namePrefix("paged-")).rules()).hasSize(5);
    assertThat(dev.listRules(r -> r.namePrefix("paged-")).nextToken()).isNull();
  }

  @Test
  void listTargetsAndRuleNames_pageWithLimit() {
    var targets = dev.listTargetsByRule(r -> r.rule("paged-1").limit(1));
    assertThat(targets.targets()).hasSize(1);
    String token = targets.nextToken();
    assertThat(token).isNotNull();
    var rest = dev.listTargetsByRule(r -> r.rule("paged-1").limit(1).nextToken(token));
    assertThat(rest.targets()).hasSize(1);
    assertThat(rest.targets().get(0).id()).isNotEqualTo(targets.targets().get(0).id());
    assertThat(rest.nextToken()).isNull();

    var names = dev.listRuleNamesByTarget(r -> r.targetArn(OTHER).limit(4));
    assertThat(names.ruleNames()).containsExactly("paged-1", "paged-2", "paged-3", "paged-4");
    assertThat(
            dev.listRuleNamesByTarget(r -> r.targetArn(OTHER).nextToken(names.nextToken()))
                .ruleNames())
        .containsExactly("paged-5");
  }

  @Test
  void listRuleNamesByTarget_namesARuleOnce_thoughTwoOfItsTargetsHaveTheArn() {
    String twice = "arn:aws:codepipeline:us-east-1:111111111111:twice";
    dev.putRule(r -> r.name("twice").eventPattern(PATTERN));
    dev.putTargets(r ->
        r.rule("twice")
            .targets(
                Target.builder().id("a").arn(twice).roleArn(ROLE).build(),
                Target.builder().id("b").arn(twice).roleArn(ROLE).build()));

    assertThat(dev.listRuleNamesByTarget(r -> r.targetArn(twice)).ruleNames())
        .containsExactly("twice");
  }

  @Test
  void badLimitsAndTokens_areValidationErrors() {
    assertThat(refused(() -> dev.listRules(r -> r.limit(0))).awsErrorDetails().errorMessage())
        .contains("'limit' failed to satisfy constraint");
    assertThat(refused(() -> dev.listRules(r -> r.limit(101))).awsErrorDetails().errorMessage())
        .contains("less than or equal to 100");
    assertThat(
            refused(() -> dev.listRules(r -> r.nextToken("not-a-token")))
                .awsErrorDetails()
                .errorMessage())
        .isEqualTo("The nextToken provided is invalid.");
    assertThat(dev.listRules(r -> r.limit(100)).rules()).isNotEmpty();
  }

  @Test
  void putRule_withAScheduleExpression_isRefused_forFerryRunsNoSchedules_andMakesNoRule() {
    for (String schedule : List.of("rate(5 minutes)", "cron(0 12 * * ? *)")) {
      EventBridgeException error =
          refused(() -> dev.putRule(r -> r.name("scheduled").scheduleExpression(schedule)));
      assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
      assertThat(error.statusCode()).isEqualTo(400);
      assertThat(error.awsErrorDetails().errorMessage())
          .isEqualTo("Ferry does not support the parameter ScheduleExpression of PutRule.");
    }
    EventBridgeException both =
        refused(() ->
            dev.putRule(
                r -> r.name("scheduled").eventPattern(PATTERN).scheduleExpression("rate(1 hour)")));
    assertThat(both.awsErrorDetails().errorMessage()).contains("ScheduleExpression");
    assertThat(
            catchThrowableOfType(
                ResourceNotFoundException.class, () -> dev.describeRule(r -> r.name("scheduled"))))
        .isNotNull();
    dev.putRule(r -> r.name("scheduled").eventPattern(PATTERN));
    assertThat(dev.describeRule(r -> r.name("scheduled")).scheduleExpression()).isNull();
  }

  @Test
  void putRule_withTags_tagsTheRule_andDuplicateKeysAreRefused_makingNoRule() {
    EventBridgeException error =
        refused(() ->
            dev.putRule(r ->
                r.name("tagged")
                    .eventPattern(PATTERN)
                    .tags(
                        Tag.builder().key("team").value("web").build(),
                        Tag.builder().key("team").value("ops").build())));
    assertThat(error.awsErrorDetails().errorMessage()).contains("Duplicate tag key team");
    assertThat(
            catchThrowableOfType(
                ResourceNotFoundException.class, () -> dev.describeRule(r -> r.name("tagged"))))
        .isNotNull();

    String arn =
        dev.putRule(r ->
                r.name("tagged")
                    .eventPattern(PATTERN)
                    .tags(Tag.builder().key("team").value("web").build()))
            .ruleArn();
    assertThat(dev.listTagsForResource(r -> r.resourceARN(arn)).tags())
        .containsExactly(Tag.builder().key("team").value("web").build());
  }

  @Test
  void putTargets_withAMalformedInputTransformerOrARetryPolicy_isRefused_andNothingIsStored() {
    dev.putRule(r -> r.name("transformed").eventPattern(PATTERN));
    EventBridgeException error =
        refused(() ->
            dev.putTargets(r ->
                r.rule("transformed")
                    .targets(
                        Target.builder()
                            .id("pipeline")
                            .arn(TARGET)
                            .roleArn(ROLE)
                            .inputTransformer(t ->
                                t.inputPathsMap(java.util.Map.of("source", "$.source"))
                                    .inputTemplate("{\"source\": <source>,}"))
                            .build())));
    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo(
            "InputTemplate for target pipeline is a JSON object but is not valid JSON once its"
                + " placeholders are filled in.");
    assertThat(
            refused(() ->
                    dev.putTargets(r ->
                        r.rule("transformed")
                            .targets(
                                Target.builder()
                                    .id("pipeline")
                                    .arn(TARGET)
                                    .roleArn(ROLE)
                                    .inputTransformer(t ->
                                        t.inputPathsMap(java.util.Map.of("all", "$.detail[*]"))
                                            .inputTemplate("<all>"))
                                    .build())))
                .awsErrorDetails()
                .errorMessage())
        .contains("is not a JSON path Ferry evaluates");
    assertThat(
            refused(() ->
                    dev.putTargets(r ->
                        r.rule("transformed")
                            .targets(
                                Target.builder()
                                    .id("pipeline")
                                    .arn(TARGET)
                                    .roleArn(ROLE)
                                    .retryPolicy(p -> p.maximumRetryAttempts(0))
                                    .build())))
                .awsErrorDetails()
                .errorMessage())
        .isEqualTo("Ferry does not support the parameter RetryPolicy of PutTargets.");
    assertThat(dev.listTargetsByRule(r -> r.rule("transformed")).targets()).isEmpty();

    dev.putTargets(r ->
        r.rule("transformed")
            .targets(Target.builder().id("pipeline").arn(TARGET).roleArn(ROLE).build()));
    assertThat(dev.listTargetsByRule(r -> r.rule("transformed")).targets()).hasSize(1);
  }

  @Test
  void putEvents_toAGlobalEndpoint_isRefused() throws Exception {
    // The SDK signs EndpointId requests with SigV4a, which needs the CRT: sent by hand instead.
    HttpResponse<String> refused =
        putEvents(
            """
            {"EndpointId":"abcde.veo","Entries":[{"Source":"ferry.test","DetailType":"t",\
            "Detail":"{}"}]}\
            """);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .contains("ValidationException")
        .contains("Ferry does not support the parameter EndpointId of PutEvents.");

    HttpResponse<String> sent =
        putEvents(
            """
            {"Entries":[{"Source":"ferry.test","DetailType":"t","Detail":"{}"}]}\
            """);
    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(sent.body()).contains("\"FailedEntryCount\":0");
  }

  private static HttpResponse<String> putEvents(String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(ferry.endpoint().resolve("/"))
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", "AWSEvents.PutEvents")
            .build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(r ->
                r.identity(ferry.credentials("dev").resolveCredentials())
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(bytes))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "events")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    return SignedHttp.send(signed);
  }
}
