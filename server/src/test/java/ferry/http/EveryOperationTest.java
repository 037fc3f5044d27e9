package ferry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import ferry.app.RootCredentials;
import ferry.protocol.ServiceApi;
import ferry.testing.BotocoreModels;
import ferry.testing.BotocoreModels.Model;
import ferry.testing.BotocoreModels.Operation;
import ferry.testing.RunningFerry;
import ferry.testing.WireState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every operation of the six services' API models, as botocore ships them, sent to a running Ferry.
 * One Ferry does not implement is refused with the service's own not-implemented error naming it,
 * and no row of the database and no byte of any blob changes; one it implements is sent without its
 * required parameters and with malformed ones, and answers 4xx. Writes {@code docs/coverage.md}
 * from the same models and Ferry's own operation tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryOperationTest {
  private static final Path COVERAGE = Path.of("..", "docs", "coverage.md");
  private static final List<String> SERVICES = List.copyOf(BotocoreModels.SERVICES.keySet());

  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  private ModelRequests requests;
  private WireState state;
  private S3Client s3;
  private final AtomicInteger scratch = new AtomicInteger();
  private final Map<String, Map<String, String>> coverage = new TreeMap<>();

  @BeforeAll
  void start() throws Exception {
    RootCredentials dev = ferry.ferry().root("dev");
    requests = new ModelRequests(ferry.endpoint(), dev.accessKeyId(), dev.secretAccessKey());
    state = new WireState(ferry.dataDir());
    s3 = ferry.s3("dev");
    s3.createBucket(b -> b.bucket(ModelRequests.GUARD_BUCKET));
    s3.putBucketVersioning(b ->
        b.bucket(ModelRequests.GUARD_BUCKET).versioningConfiguration(v -> v.status("Enabled")));
    for (String content : List.of("first version", "second version")) {
      s3.putObject(
          b -> b.bucket(ModelRequests.GUARD_BUCKET).key(ModelRequests.GUARD_KEY),
          RequestBody.fromString(content));
    }
    ferry.iam("dev").createUser(b -> b.userName("guard-user"));
  }

  @TestFactory
  Stream<DynamicNode> everyOperation() {
    return SERVICES.stream().map(this::service);
  }

  private DynamicNode service(String service) {
    Model model = BotocoreModels.load(service);
    ServiceApi api = api(model.signingName());
    Set<String> implemented = api.implementedOperations();
    assertThat(model.operations().keySet())
        .as("every operation %s implements is one of %s's API model", api, service)
        .containsAll(implemented);
    Map<String, String> rows = coverage.computeIfAbsent(service, s -> new TreeMap<>());
    List<DynamicNode> tests = new ArrayList<>();
    for (Operation operation : model.operations().values()) {
      String servedAs = ModelRequests.servedAs(model, operation);
      boolean isImplemented = implemented.contains(servedAs);
      rows.put(operation.name(), coverageCell(operation.name(), servedAs, isImplemented));
      if (isImplemented) {
        tests.add(
            dynamicTest(
                operation.name() + " without its parameters is a 4xx",
                () -> answersClientError(model, operation, ModelRequests.Variant.MISSING)));
        tests.add(
            dynamicTest(
                operation.name() + " with malformed parameters is a 4xx",
                () -> answersClientError(model, operation, ModelRequests.Variant.MALFORMED)));
      } else {
        tests.add(
            dynamicTest(
                operation.name() + " is refused and changes nothing",
                () -> isRefused(model, operation, servedAs)));
      }
    }
    return dynamicContainer(service, tests);
  }

  private ServiceApi api(String signingName) {
    return ferry.ferry().services().stream()
        .filter(api -> api.signingName().equals(signingName))
        .findFirst()
        .orElseThrow(() -> new AssertionError("Ferry serves no " + signingName));
  }

  private void isRefused(Model model, Operation operation, String servedAs) throws Exception {
    String before = state.snapshot();
    ModelRequests.Answer answer =
        requests.send(
            model,
            operation,
            ModelRequests.Variant.FULL,
            ModelRequests.GUARD_BUCKET,
            ModelRequests.GUARD_KEY);
    String expectedCode =
        switch (model.protocol()) {
          case "rest-xml" -> "NotImplemented";
          case "json", "rest-json" -> "UnknownOperationException";
          default -> "InvalidAction";
        };
    assertThat(answer.code()).as(answer.toString()).isEqualTo(expectedCode);
    assertThat(answer.status())
        .as(answer.toString())
        .isEqualTo(expectedCode.equals("NotImplemented") ? 501 : 400);
    assertThat(answer.body()).as("the refusal names the operation").contains(servedAs);
    assertThat(state.snapshot()).as("stored data after " + operation.name()).isEqualTo(before);
  }

  private void answersClientError(Model model, Operation operation, ModelRequests.Variant variant)
      throws Exception {
    String bucket = "scratch-" + scratch.incrementAndGet();
    String key = "scratch.txt";
    if (model.service().equals("s3")) {
      s3.createBucket(b -> b.bucket(bucket));
      s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("scratch"));
    }
    ModelRequests.Answer answer = requests.send(model, operation, variant, bucket, key);
    assertThat(answer.status()).as(answer.toString()).isLessThan(500);
    boolean wrong =
        switch (variant) {
          case MISSING -> ModelRequests.hasMissableRequired(operation);
          case MALFORMED -> ModelRequests.hasMembers(operation);
          case FULL -> false;
        };
    if (wrong) {
      assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
    }
  }

  private static String coverageCell(String name, String servedAs, boolean implemented) {
    String status = implemented ? "implemented" : "not implemented (refused)";
    return servedAs.equals(name) ? status : status + "; the same request as " + servedAs;
  }

  @AfterAll
  void closeState() throws SQLException {
    if (state != null) {
      state.close();
    }
  }

  @AfterAll
  void writeCoverage() throws IOException {
    if (coverage.size() != SERVICES.size() || !Files.isDirectory(COVERAGE.getParent())) {
      return;
    }
    StringBuilder md = new StringBuilder();
    md.append("# What Ferry implements\n\n")
        .append(
            "Generated by `EveryOperationTest` (server module) from the API models of botocore"
                + " (Debian's awscli, and python3's botocore where newer) and Ferry's own operation"
                + " tables. Every operation listed as not implemented is refused with the"
                + " service's not-implemented error (S3: 501 `NotImplemented`; JSON services: 400"
                + " `UnknownOperationException`; IAM and STS: 400 `InvalidAction`), and the test"
                + " proves the refusal changes no stored data.\n\n"
                + "Within an implemented operation, a request member whose effect Ferry does not"
                + " implement is refused the same way rather than ignored: S3's SSE-C headers on"
                + " operations that take none, website redirects outside PutObject, an extra"
                + " SSE-KMS context, MFA delete, storage classes other than STANDARD, SHA-512, MD5"
                + " and xxHash checksums, lifecycle transitions, directory-bucket conditions (501"
                + " `NotImplemented`); Object Lock headers on a bucket without Object Lock (400"
                + " `InvalidRequest`, as AWS answers); IAM ListPolicies' PolicyUsageFilter, STS"
                + " MFA members, KMS DryRun on grants and Recipient, EventBridge retry and"
                + " dead-letter settings, JSON-path wildcards and PutRule's ScheduleExpression"
                + " (each service's validation error); CloudFormation's TemplateURL, stack"
                + " policies, RollbackConfiguration, NotificationARNs, resource import and nested"
                + " stacks (ValidationError); SSM's Advanced tier, parameter Policies and the"
                + " aws:ec2:image data type; CloudTrail's CreateTrail and UpdateTrail with SNS, CloudWatch"
                + " Logs, log file validation or organization trails, PutEventSelectors with"
                + " advanced event selectors or Lambda and DynamoDB data resources (400"
                + " `UnsupportedOperationException`). The wire tests `TrailWireTest`,"
                + " `TrailSettingsWireTest`,"
                + " `S3RefusedRequestsWireTest`, `S3IgnoredInputWireTest`,"
                + " `IamRequestMembersWireTest`, `KmsRequestMembersWireTest`,"
                + " `EventsRequestMembersWireTest`, `CodePipelineRequestMembersWireTest`,"
                + " `CloudFormationWireTest`, `ParametersTest` and `StsWireTest` prove each"
                + " refusal stores nothing.\n\n");
    md.append("| service | implemented | operations |\n|---|---|---|\n");
    for (String service : SERVICES) {
      Map<String, String> rows = coverage.get(service);
      long done = rows.values().stream().filter(v -> v.startsWith("implemented")).count();
      md.append("| ")
          .append(service)
          .append(" | ")
          .append(done)
          .append(" | ")
          .append(rows.size())
          .append(" |\n");
    }
    for (String service : SERVICES) {
      md.append("\n## ").append(service).append("\n\n| operation | status |\n|---|---|\n");
      coverage
          .get(service)
          .forEach((name, cell) ->
              md.append("| ").append(name).append(" | ").append(cell).append(" |\n"));
    }
    Files.writeString(COVERAGE, md.toString());
  }
}
