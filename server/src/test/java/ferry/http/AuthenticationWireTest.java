package ferry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.app.RootCredentials;
import ferry.testing.RunningFerry;
import ferry.testing.SignedHttp;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Every way a request can fail authentication gets AWS's error for its wire family, and the next
 * good request is served. Requests are signed by the AWS SDK's own signer, not Ferry's code.
 */
class AuthenticationWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    ferry.s3("dev").createBucket(b -> b.bucket("auth-bucket"));
    ferry
        .s3("dev")
        .putObject(p -> p.bucket("auth-bucket").key("k"), RequestBody.fromString("value"));
  }

  @Test
  void wrongSecret_isSignatureDoesNotMatch_inEachFamily() {
    RootCredentials dev = ferry.ferry().root("dev");
    var wrong =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(dev.accessKeyId(), "wrong-secret"));
    assertThatThrownBy(() -> s3(wrong).getObjectAsBytes(g -> g.bucket("auth-bucket").key("k")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
              assertThat(e.statusCode()).isEqualTo(403);
            });
    assertThatThrownBy(() -> sts(wrong).getCallerIdentity())
        .isInstanceOfSatisfying(
            StsException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
    stillServes();
  }

  @Test
  void unknownAccessKey_isInvalidAccessKeyId_orInvalidClientTokenId() {
    var unknown =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAUNKNOWNUNKNOWN00", "secret"));
    assertThatThrownBy(() -> s3(unknown).listBuckets())
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("The AWS Access Key Id you provided does not exist in our records.");
            });
    assertThatThrownBy(() -> sts(unknown).getCallerIdentity())
        .isInstanceOfSatisfying(
            StsException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
              assertThat(e.statusCode()).isEqualTo(403);
            });
    stillServes();
  }

  @Test
  void presignedUrl_worksUntilItExpires() throws Exception {
    try (S3Presigner presigner =
        S3Presigner.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(ferry.credentials("dev"))
            .serviceConfiguration(
                software.amazon.awssdk.services.s3.S3Configuration.builder()
                    .pathStyleAccessEnabled(true)
                    .build())
            .build()) {
      URI fresh =
          presigner
              .presignGetObject(p ->
                  p.signatureDuration(Duration.ofMinutes(5))
                      .getObjectRequest(g -> g.bucket("auth-bucket").key("k")))
              .url()
              .toURI();
      HttpResponse<String> ok =
          HTTP.send(HttpRequest.newBuilder(fresh).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("value");

      URI expiring =
          presigner
              .presignGetObject(p ->
                  p.signatureDuration(Duration.ofSeconds(1))
                      .getObjectRequest(g -> g.bucket("auth-bucket").key("k")))
              .url()
              .toURI();
      Thread.sleep(2100);
      HttpResponse<String> expired =
          HTTP.send(HttpRequest.newBuilder(expiring).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(expired.statusCode()).isEqualTo(403);
      assertThat(expired.body())
          .contains("<Code>AccessDenied</Code>")
          .contains("Request has expired");
    }
    stillServes();
  }

  @Test
  void requestTwentyMinutesOld_isRequestTimeTooSkewed() throws Exception {
    Clock past = Clock.fixed(Instant.now().minus(Duration.ofMinutes(20)), ZoneOffset.UTC);
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.GET)
            .uri(ferry.endpoint().resolve("/auth-bucket/k"))
            .build();
    SignedRequest signed = sign(request, null, past, false);
    HttpResponse<String> response = SignedHttp.send(signed);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body())
        .contains("<Code>RequestTimeTooSkewed</Code>")
        .contains("<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>");
    assertThat(response.headers().firstValue("Date")).isPresent();
    stillServes();
  }

  @Test
  void tamperedChunk_isSignatureDoesNotMatch_andNothingIsStored() throws Exception {
    byte[] payload = "x".repeat(100_000).getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.PUT)
            .uri(ferry.endpoint().resolve("/auth-bucket/chunked"))
            .putHeader("Content-Length", Integer.toString(payload.length))
            .build();
    SignedRequest signed =
        sign(request, ContentStreamProvider.fromByteArray(payload), Clock.systemUTC(), true);
    byte[] body;
    try (InputStream in = signed.payload().orElseThrow().newStream()) {
      body = in.readAllBytes();
    }
    String text = new String(body, StandardCharsets.ISO_8859_1);
    int data = text.indexOf("\r\n") + 2 + 10;
    body[data] = (byte) 'y';
    HttpResponse<String> response = SignedHttp.send(signed, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(response.body()).contains("<Code>SignatureDoesNotMatch</Code>");
    assertThatThrownBy(
            () -> ferry.s3("dev").headObject(h -> h.bucket("auth-bucket").key("chunked")))
        .isInstanceOf(S3Exception.class);

    // The same request untampered is stored.
    HttpResponse<String> good =
        SignedHttp.send(
            sign(request, ContentStreamProvider.fromByteArray(payload), Clock.systemUTC(), true));
    assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
    assertThat(
            ferry
                .s3("dev")
                .getObjectAsBytes(g -> g.bucket("auth-bucket").key("chunked"))
                .asByteArray())
        .isEqualTo(payload);
  }

  @Test
  void noCredentials_forAnotherService_isMissingAuthenticationToken_orAccessDenied()
      throws Exception {
    HttpResponse<String> s3 =
        HTTP.send(
            HttpRequest.newBuilder(ferry.endpoint().resolve("/auth-bucket/k")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(s3.statusCode()).isEqualTo(403);
    assertThat(s3.body()).contains("<Code>AccessDenied</Code>").contains("anonymous");
    stillServes();
  }

  private static SignedRequest sign(
      SdkHttpRequest request, ContentStreamProvider payload, Clock clock, boolean chunked) {
    RootCredentials dev = ferry.ferry().root("dev");
    return AwsV4HttpSigner.create()
        .sign(r -> {
          r.identity(AwsCredentialsIdentity.create(dev.accessKeyId(), dev.secretAccessKey()))
              .request(request)
              .payload(payload)
              .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
              .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
              .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
              .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
              .putProperty(HttpSigner.SIGNING_CLOCK, clock);
          if (chunked) {
            r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true);
          } else {
            r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false);
          }
        });
  }

  private static void stillServes() {
    assertThat(
            ferry.s3("dev").getObjectAsBytes(g -> g.bucket("auth-bucket").key("k")).asUtf8String())
        .isEqualTo("value");
  }

  private static S3Client s3(StaticCredentialsProvider credentials) {
    return S3Client.builder()
        .endpointOverride(ferry.endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .httpClient(Apache5HttpClient.create())
        .credentialsProvider(credentials)
        .build();
  }

  private static StsClient sts(StaticCredentialsProvider credentials) {
    return StsClient.builder()
        .endpointOverride(ferry.endpoint())
        .region(Region.US_EAST_1)
        .httpClient(Apache5HttpClient.create())
        .credentialsProvider(credentials)
        .build();
  }
}
