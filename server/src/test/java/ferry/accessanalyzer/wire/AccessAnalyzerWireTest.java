package ferry.accessanalyzer.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.app.RootCredentials;
import ferry.testing.RunningFerry;
import ferry.testing.SignedHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * IAM Access Analyzer's policy generation over the wire, as the botocore model (accessanalyzer
 * 2019-11-01) shapes it, signed by the AWS SDK's own signer as {@code access-analyzer}. The SDK's
 * generated {@code accessanalyzer} client is not in the build's repository, so requests are sent as
 * that client sends them.
 */
class AccessAnalyzerWireTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static String account;
  static String writer;

  /** A status and JSON body, with the error type AWS's REST-JSON errors carry. */
  record Answer(int status, JsonNode body, @Nullable String errorType) {}

  @BeforeAll
  static void play() {
    RootCredentials root = ferry.ferry().root("dev");
    account = root.account().value();
    writer = "arn:aws:iam::" + account + ":user/writer";
    var iam = ferry.iam("dev");
    iam.createUser(b -> b.userName("writer"));
    iam.createUser(b -> b.userName("reader"));
    iam.createUser(b -> b.userName("idle"));
    iam.putUserPolicy(b ->
        b.userName("writer")
            .policyName("buckets")
            .policyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Action":"s3:CreateBucket","Resource":"*"}]}\
                """));
    AccessKey key = iam.createAccessKey(b -> b.userName("writer")).accessKey();
    var s3 =
        S3Client.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
            .build();
    try (s3) {
      s3.createBucket(b -> b.bucket("analyzer-wire"));
    }
  }

  private static Answer send(String method, String path, @Nullable String body) throws Exception {
    RootCredentials root = ferry.ferry().root("dev");
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.fromValue(method))
            .uri(URI.create(ferry.endpoint().toString().replaceAll("/$", "") + path));
    if (body != null) {
      request.putHeader("Content-Type", "application/json");
    }
    var signed =
        AwsV4HttpSigner.create()
            .sign(r ->
                r.identity(
                        AwsCredentialsIdentity.create(root.accessKeyId(), root.secretAccessKey()))
                    .request(request.build())
                    .payload(ContentStreamProvider.fromByteArray(bytes))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "access-analyzer")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    HttpResponse<String> response = SignedHttp.send(signed, bytes);
    JsonNode json =
        response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    return new Answer(
        response.statusCode(),
        json,
        response.headers().firstValue("x-amzn-ErrorType").orElse(null));
  }

  private static String start(String principal) throws Exception {
    Answer started =
        send(
            "PUT",
            "/policy/generation",
            "{\"policyGenerationDetails\":{\"principalArn\":\"" + principal + "\"}}");
    assertThat(started.status()).as(started.body().toString()).isEqualTo(200);
    return started.body().path("jobId").asText();
  }

  private static List<JsonNode> list(String query) throws Exception {
    Answer answer = send("GET", "/policy/generation" + query, null);
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
    List<JsonNode> jobs = new ArrayList<>();
    answer.body().path("policyGenerations").forEach(jobs::add);
    return jobs;
  }

  @Test
  void startAndGet_generateThePolicyOfWhatTheUserDid() throws Exception {
    String jobId = start(writer);

    Answer got = send("GET", "/policy/generation/" + jobId, null);

    assertThat(got.status()).as(got.body().toString()).isEqualTo(200);
    assertThat(got.body().path("jobDetails").path("jobId").asText()).isEqualTo(jobId);
    assertThat(got.body().path("jobDetails").path("status").asText()).isEqualTo("SUCCEEDED");
    JsonNode policies = got.body().path("generatedPolicyResult").path("generatedPolicies");
    assertThat(policies).hasSize(1);
    JsonNode policy = JSON.readTree(policies.get(0).path("policy").asText());
    assertThat(policy.path("Statement").toString())
        .contains("\"s3:CreateBucket\"", "arn:aws:s3:::analyzer-wire");
    assertThat(
            got.body()
                .path("generatedPolicyResult")
                .path("properties")
                .path("principalArn")
                .asText())
        .isEqualTo(writer);
  }

  @Test
  void listPolicyGenerations_pagesWithMaxResultsAndNextToken_andFiltersByPrincipal()
      throws Exception {
    String reader = writer.replace("writer", "reader");
    String idle = writer.replace("writer", "idle");
    List<String> started = List.of(start(reader), start(idle), start(reader));

    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String query =
          "?principalArn="
              + URLEncoder.encode(reader, StandardCharsets.UTF_8)
              + "&maxResults=1"
              + (token == null
                  ? ""
                  : "&nextToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
      Answer page = send("GET", "/policy/generation" + query, null);
      assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
      assertThat(page.body().path("policyGenerations")).hasSize(1);
      page.body()
          .path("policyGenerations")
          .forEach(job -> {
            assertThat(job.path("principalArn").asText()).isEqualTo(reader);
            seen.add(job.path("jobId").asText());
          });
      token = page.body().hasNonNull("nextToken") ? page.body().path("nextToken").asText() : null;
      pages++;
    } while (token != null && pages < 10);

    assertThat(pages).isEqualTo(2);
    assertThat(seen).containsExactlyInAnyOrder(started.get(0), started.get(2));
    assertThat(list("")).extracting(job -> job.path("jobId").asText()).contains(started.get(1));
  }

  @Test
  void cancelPolicyGeneration_ofAFinishedJob_leavesItSucceeded_andOfAnUnknownOneFails()
      throws Exception {
    String jobId = start(writer);

    Answer cancelled = send("PUT", "/policy/generation/" + jobId, null);
    Answer unknown = send("PUT", "/policy/generation/no-such-job", null);

    assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(200);
    assertThat(
            send("GET", "/policy/generation/" + jobId, null)
                .body()
                .path("jobDetails")
                .path("status")
                .asText())
        .isEqualTo("SUCCEEDED");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorType()).startsWith("ValidationException");
  }

  @Test
  void aMalformedPrincipalArn_isAValidationException_storesNothing_andTheNextRequestSucceeds()
      throws Exception {
    int before = list("").size();

    Answer refused =
        send(
            "PUT",
            "/policy/generation",
            "{\"policyGenerationDetails\":{\"principalArn\":\"arn:aws:s3:::not-a-principal\"}}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorType()).startsWith("ValidationException");
    assertThat(refused.body().path("message").asText())
        .isEqualTo(
            "Invalid principalArn: arn:aws:s3:::not-a-principal is not an IAM role or user ARN");
    assertThat(refused.body().path("reason").asText()).isEqualTo("fieldValidationFailed");
    assertThat(list("")).hasSize(before);
    start(writer);
    assertThat(list("")).hasSize(before + 1);
  }
}
