package ferry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.app.RootCredentials;
import ferry.testing.RunningFerry;
import ferry.testing.SignedHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * A request reaches its own service before it is authenticated, so that every answer, an error
 * included, comes from that service in its wire shape: IAM signed for any region, even a blank one;
 * an unknown access key on IAM or KMS; requests without credentials to the query and JSON services,
 * routed by Action and X-Amz-Target. Raw requests are signed by the AWS SDK's own signer.
 */
class ServiceRoutingWireTest {
  private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
  private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";
  private static final String JSON = "application/x-amz-json-1.1";

  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    ferry.s3("dev").createBucket(b -> b.bucket("routing-bucket"));
    ferry
        .s3("dev")
        .putObject(p -> p.bucket("routing-bucket").key("k"), RequestBody.fromString("value"));
  }

  // ---- IAM is global: any signing region

  @ParameterizedTest(name = "IAM signed for \"{0}\" is served")
  @ValueSource(strings = {"us-east-1", "eu-west-1", "aws-global", ""})
  void iam_isServed_whateverRegionItIsSignedFor(String region) throws Exception {
    HttpResponse<String> response =
        signed("iam", region, "POST", FORM, "Action=ListRoles&Version=2010-05-08", root("dev"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).startsWith("<ListRolesResponse xmlns=\"" + IAM_NS + "\">");
    stillServes();
  }

  @Test
  void iamClient_configuredForARegion_isServed() {
    try (IamClient iam =
        IamClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.EU_WEST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(ferry.credentials("dev"))
            .build()) {
      assertThat(iam.listRoles().roles()).isNotNull();
    }
  }

  @Test
  void sts_signedForABlankRegion_isSignatureDoesNotMatch_inTheQueryShape() throws Exception {
    HttpResponse<String> response =
        signed("sts", "", "POST", FORM, "Action=GetCallerIdentity&Version=2011-06-15", root("dev"));

    assertQueryError(
        response,
        403,
        STS_NS,
        "SignatureDoesNotMatch",
        "Credential should be scoped to a valid region.");
    stillServes();
  }

  @Test
  void kms_signedForABlankRegion_isInvalidSignatureException_inJson() throws Exception {
    HttpResponse<String> response =
        signed("kms", "", "TrentService.ListKeys", JSON, "{}", root("dev"));

    assertJsonError(
        response,
        400,
        "InvalidSignatureException",
        "Credential should be scoped to a valid region.");
    stillServes();
  }

  @Test
  void s3_signedForABlankRegion_isAuthorizationHeaderMalformed() throws Exception {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.GET)
            .uri(ferry.endpoint().resolve("/routing-bucket/k"))
            .build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(r ->
                r.identity(root("dev"))
                    .request(request)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "")
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false));
    HttpResponse<String> response = SignedHttp.send(signed);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body())
        .startsWith("<?xml")
        .contains("<Error><Code>AuthorizationHeaderMalformed</Code>")
        .contains("the region &apos;&apos; is wrong; expecting &apos;us-east-1&apos;")
        .contains("<Region>us-east-1</Region>");
    stillServes();
  }

  // ---- an unknown access key, in the service's own shape

  @ParameterizedTest(name = "signed for \"{0}\"")
  @ValueSource(strings = {"us-east-1", ""})
  void unknownAccessKey_onIam_isInvalidClientTokenId_inTheQueryShape(String region)
      throws Exception {
    HttpResponse<String> response =
        signed(
            "iam",
            region,
            "POST",
            FORM,
            "Action=ListRoles&Version=2010-05-08",
            AwsCredentialsIdentity.create("AKIAUNKNOWNUNKNOWN00", "secret"));

    assertQueryError(
        response,
        403,
        IAM_NS,
        "InvalidClientTokenId",
        "The security token included in the request is invalid.");
    stillServes();
  }

  @ParameterizedTest(name = "{0} signed for \"{1}\"")
  @CsvSource({
    "kms, us-east-1, TrentService.ListKeys",
    "codepipeline, eu-west-1, CodePipeline_20150709.ListPipelines",
    "events, us-east-1, AWSEvents.ListRules"
  })
  void unknownAccessKey_onAJsonService_isUnrecognizedClientException_inJson(
      String service, String region, String target) throws Exception {
    HttpResponse<String> response =
        signed(
            service,
            region,
            target,
            JSON,
            "{}",
            AwsCredentialsIdentity.create("AKIAUNKNOWNUNKNOWN00", "secret"));

    assertJsonError(
        response,
        400,
        "UnrecognizedClientException",
        "The security token included in the request is invalid.");
    stillServes();
  }

  @Test
  void unknownAccessKey_isParsedByTheSdks_forIamAndKms() {
    var unknown =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00", "secret"));
    assertThatThrownBy(() -> ferry.iam(unknown).listRoles())
        .isInstanceOfSatisfying(
            IamException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
              assertThat(e.statusCode()).isEqualTo(403);
            });
    try (KmsClient kms =
        KmsClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(unknown)
            .build()) {
      assertThatThrownBy(kms::listKeys)
          .isInstanceOfSatisfying(
              KmsException.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode())
                    .isEqualTo("UnrecognizedClientException");
                assertThat(e.statusCode()).isEqualTo(400);
              });
    }
    stillServes();
  }

  // ---- requests without credentials

  @Test
  void unsignedGetCallerIdentity_asAForm_isMissingAuthenticationToken_fromSts() throws Exception {
    HttpResponse<String> response =
        unsigned("POST", "/", FORM, null, "Action=GetCallerIdentity&Version=2011-06-15");

    assertQueryError(
        response,
        403,
        STS_NS,
        "MissingAuthenticationToken",
        "Request is missing Authentication Token");
    stillServes();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Action=GetCallerIdentity&Version=2011-06-15, " + STS_NS,
    "Action=ListUsers&Version=2010-05-08, " + IAM_NS,
    "Action=GetCallerIdentity, " + STS_NS,
    "Action=ListRoles, " + IAM_NS
  })
  void unsignedQuery_inTheUrl_isMissingAuthenticationToken_fromItsService(
      String query, String namespace) throws Exception {
    HttpResponse<String> response = unsigned("GET", "/?" + query, null, null, null);

    assertQueryError(
        response,
        403,
        namespace,
        "MissingAuthenticationToken",
        "Request is missing Authentication Token");
    stillServes();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"})
  void unsignedSignIn_thatFerryDoesNotImplement_isStsUnknownOperation_never5xx(String action)
      throws Exception {
    HttpResponse<String> response =
        unsigned(
            "POST",
            "/",
            FORM,
            null,
            "Action="
                + action
                + "&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2Fr");

    assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
    assertThat(response.body())
        .startsWith("<ErrorResponse xmlns=\"" + STS_NS + "\">")
        .contains(action)
        .doesNotContain("MissingAuthenticationToken");
    stillServes();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "TrentService.ListKeys",
        "CodePipeline_20150709.ListPipelines",
        "AWSEvents.ListRules"
      })
  void unsignedJsonRequest_isMissingAuthenticationTokenException_fromItsService(String target)
      throws Exception {
    HttpResponse<String> response = unsigned("POST", "/", JSON, target, "{}");

    assertJsonError(
        response, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    stillServes();
  }

  @Test
  void unsignedJsonRequest_withATargetNoServiceHas_isUnknownOperationException() throws Exception {
    HttpResponse<String> response =
        unsigned("POST", "/", JSON, "DynamoDB_20120810.ListTables", "{}");

    assertJsonError(response, 400, "UnknownOperationException", "DynamoDB_20120810.ListTables");
    stillServes();
  }

  @Test
  void unsignedS3Request_isStillS3s_accessDenied() throws Exception {
    HttpResponse<String> response = unsigned("GET", "/routing-bucket/k", null, null, null);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("<Code>AccessDenied</Code>");
    stillServes();
  }

  // ---- helpers

  private static void assertQueryError(
      HttpResponse<String> response, int status, String namespace, String code, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
    assertThat(response.body())
        .startsWith(
            "<ErrorResponse xmlns=\""
                + namespace
                + "\"><Error><Type>Sender</Type><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message>")
        .containsPattern("</Error><RequestId>[0-9a-f-]{36}</RequestId></ErrorResponse>$");
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
  }

  private static void assertJsonError(
      HttpResponse<String> response, int status, String type, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(JSON);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
    assertThat(response.body()).startsWith("{\"__type\":\"" + type + "\",\"message\":\"");
    assertThat(response.body()).contains(message);
  }

  private static AwsCredentialsIdentity root(String account) {
    RootCredentials root = ferry.ferry().root(account);
    return AwsCredentialsIdentity.create(root.accessKeyId(), root.secretAccessKey());
  }

  /**
   * A POST to {@code /} signed for {@code service} and {@code region}: a query form when {@code
   * methodOrTarget} is POST, else a JSON request with that X-Amz-Target.
   */
  private static HttpResponse<String> signed(
      String service,
      String region,
      String methodOrTarget,
      String contentType,
      String body,
      AwsCredentialsIdentity identity)
      throws IOException, InterruptedException {
    SdkHttpRequest.Builder request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(ferry.endpoint().resolve("/"))
            .putHeader("Content-Type", contentType);
    if (!methodOrTarget.equals("POST")) {
      request.putHeader("X-Amz-Target", methodOrTarget);
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(r ->
                r.identity(identity)
                    .request(request.build())
                    .payload(ContentStreamProvider.fromByteArray(bytes))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    return SignedHttp.send(signed);
  }

  private static HttpResponse<String> unsigned(
      String method, String pathAndQuery, String contentType, String target, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(ferry.endpoint() + pathAndQuery));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    if (target != null) {
      builder.header("X-Amz-Target", target);
    }
    builder.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The server keeps answering: S3 with a key, STS with a signed call. */
  private static void stillServes() {
    assertThat(
            ferry
                .s3("dev")
                .getObjectAsBytes(g -> g.bucket("routing-bucket").key("k"))
                .asUtf8String())
        .isEqualTo("value");
    assertThat(ferry.sts("dev").getCallerIdentity().account()).isEqualTo("111111111111");
  }
}
