package ferry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.aws.AccountId;
import ferry.aws.AwsException;
import ferry.aws.Principal;
import ferry.aws.WireProtocol;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed by botocore and the AWS SDK v2 signer, and the failures of spec §3.3. */
class SigV4VerifierTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final AccountId DEV = InMemoryCredentials.DEV;
  static final AccountId PROD = AccountId.of("222222222222");
  static final Principal.AssumedRole SESSION =
      new Principal.AssumedRole(PROD, "/", "prods3role", "AROAEXAMPLEPRODS3ROLE", "deploy");

  static final InMemoryCredentials STORE =
      new InMemoryCredentials()
          .add("AKIADEVEXAMPLE", "devsecret")
          .add(
              new StoredCredential(
                  "ASIASESSION",
                  "sessionsecret",
                  "TOKEN123",
                  NOW.plus(Duration.ofHours(1)),
                  true,
                  SESSION,
                  List.of("{\"Version\":\"2012-10-17\"}"),
                  Map.of("team", "deploy"),
                  null,
                  null))
          .add(
              new StoredCredential(
                  "ASIAEXPIRED",
                  "expiredsecret",
                  "OLDTOKEN",
                  NOW.minus(Duration.ofMinutes(1)),
                  true,
                  SESSION,
                  List.of(),
                  Map.of(),
                  null,
                  null))
          .add(
              StoredCredential.longTerm(
                  "AKIAINACTIVE", "inactivesecret", false, new Principal.AccountRoot(DEV)))
          // botocore-generated presigned URLs below use these.
          .add("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
          .add(
              new StoredCredential(
                  "ASIAEXAMPLE",
                  "sessionsecret",
                  "TOKEN/123+=",
                  null,
                  true,
                  SESSION,
                  List.of(),
                  Map.of(),
                  null,
                  null));

  static final SigV4Verifier VERIFIER = new SigV4Verifier(STORE);

  static final String S3_URI = "http://127.0.0.1:4566/codepipeline-input-bucket/sample-website.zip";

  static SignedRequest fromUrl(String method, String url, String... headers) {
    var uri = URI.create(url);
    var map = new LinkedHashMap<String, List<String>>();
    map.put("host", List.of(uri.getRawAuthority()));
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], List.of(headers[i + 1]));
    }
    return new SignedRequest(
        method, uri.getRawPath(), uri.getRawQuery() == null ? "" : uri.getRawQuery(), map);
  }

  static SdkSigning.Signed s3(
      String method,
      String uri,
      byte[] body,
      Consumer<SignRequest.Builder<AwsCredentialsIdentity>> properties) {
    return SdkSigning.sign(
        method,
        uri,
        body.length == 0 ? Map.of() : Map.of("Content-Length", Integer.toString(body.length)),
        body,
        "s3",
        "AKIADEVEXAMPLE",
        "devsecret",
        null,
        Clock.fixed(NOW, ZoneOffset.UTC),
        properties);
  }

  static SdkSigning.Signed s3Get(
      String accessKeyId, String secretKey, @Nullable String token, Instant at) {
    return SdkSigning.sign(
        "GET",
        S3_URI,
        Map.of(),
        new byte[0],
        "s3",
        accessKeyId,
        secretKey,
        token,
        Clock.fixed(at, ZoneOffset.UTC),
        r -> {});
  }

  static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  @Test
  void sessionCredentials_giveTheRoleSessionWithItsPoliciesAndTags() throws IOException {
    SdkSigning.Signed signed = s3Get("ASIASESSION", "sessionsecret", "TOKEN123", NOW);

    Authenticated auth = VERIFIER.verify(signed.request(), signed.bodyStream(), NOW);

    assertThat(auth.principal()).isEqualTo(SESSION);
    assertThat(auth.credential()).isNotNull();
    assertThat(auth.credential().sessionPolicies()).containsExactly("{\"Version\":\"2012-10-17\"}");
    assertThat(auth.credential().sessionTags()).containsEntry("team", "deploy");
    assertThat(auth.scope())
        .isEqualTo(new CredentialScope("ASIASESSION", "20261128", "us-east-1", "s3"));
  }

  @Test
  void s3PutWithSignedPayload_streamsTheBody() throws IOException {
    byte[] body = "hello\n".getBytes(StandardCharsets.UTF_8);
    SdkSigning.Signed signed =
        s3(
            "PUT",
            S3_URI,
            body,
            r -> r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true));
    assertThat(signed.request().header("x-amz-content-sha256"))
        .isEqualTo(SigningKeys.sha256Hex(body));

    Authenticated auth = VERIFIER.verify(signed.request(), signed.bodyStream(), NOW);

    assertThat(auth.chunked()).isNull();
    assertThat(auth.body().readAllBytes()).isEqualTo(body);
  }

  @Test
  void s3PutWhoseBodyDiffersFromItsHash_isXAmzContentSHA256Mismatch() throws IOException {
    byte[] body = "hello\n".getBytes(StandardCharsets.UTF_8);
    SdkSigning.Signed signed =
        s3(
            "PUT",
            S3_URI,
            body,
            r -> r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true));
    byte[] other = "jello\n".getBytes(StandardCharsets.UTF_8);

    InputStream stream =
        VERIFIER.verify(signed.request(), new ByteArrayInputStream(other), NOW).body();

    assertThatThrownBy(stream::readAllBytes)
        .isInstanceOfSatisfying(
            PayloadException.class,
            e -> {
              AwsException error = AuthErrors.toAws(e.failure(), WireProtocol.REST_XML);
              assertThat(error.code()).isEqualTo("XAmzContentSHA256Mismatch");
              assertThat(error.httpStatus()).isEqualTo(400);
              assertThat(error.fields())
                  .containsEntry("ClientComputedContentSHA256", SigningKeys.sha256Hex(body))
                  .containsEntry("S3ComputedContentSHA256", SigningKeys.sha256Hex(other));
            });
  }

  @Test
  void s3PutWithUnsignedPayload_passesTheBodyThrough() throws IOException {
    byte[] body = "hello\n".getBytes(StandardCharsets.UTF_8);
    // Over https, as the SDK leaves payloads unsigned only there.
    SdkSigning.Signed signed =
        s3(
            "PUT",
            S3_URI.replace("http:", "https:"),
            body,
            r -> r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false));

    Authenticated auth = VERIFIER.verify(signed.request(), signed.bodyStream(), NOW);

    assertThat(signed.request().header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
    assertThat(auth.body().readAllBytes()).isEqualTo(body);
  }

  @Test
  void sdkChunkedUploadWithSignedCrc32Trailer_decodesAndVerifies() throws IOException {
    byte[] body = randomBytes(300_000);
    SdkSigning.Signed signed =
        s3(
            "PUT",
            S3_URI,
            body,
            r ->
                r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                    .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(
                        AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));
    assertThat(signed.request().header("x-amz-content-sha256"))
        .isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");

    Authenticated auth = VERIFIER.verify(signed.request(), signed.bodyStream(), NOW);

    assertThat(auth.body().readAllBytes()).isEqualTo(body);
    CRC32 crc = new CRC32();
    crc.update(body);
    String expected =
        Base64.getEncoder()
            .encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    assertThat(auth.chunked()).isNotNull();
    assertThat(auth.chunked().trailers()).containsEntry("x-amz-checksum-crc32", expected);
  }

  @Test
  void sdkChunkedUploadWithoutTrailer_decodesAndVerifies() throws IOException {
    byte[] body = randomBytes(200_000);
    SdkSigning.Signed signed =
        s3(
            "PUT",
            S3_URI,
            body,
            r ->
                r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                    .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true));
    assertThat(signed.request().header("x-amz-content-sha256"))
        .isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");

    Authenticated auth = VERIFIER.verify(signed.request(), signed.bodyStream(), NOW);

    assertThat(auth.decodedLength()).isEqualTo(body.length);
    assertThat(auth.body().readAllBytes()).isEqualTo(body);
  }

  @Test
  void sdkChunkedUploadWithUnsignedCrc32cTrailer_decodesAndVerifies() throws IOException {
    byte[] body = randomBytes(100_000);
    SdkSigning.Signed signed =
        s3(
            "PUT",
            S3_URI.replace("http:", "https:"),
            body,
            r ->
                r.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                    .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(
                        AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32C));
    assertThat(signed.request().header("x-amz-content-sha256"))
        .isEqualTo("STREAMING-UNSIGNED-PAYLOAD-TRAILER");

    Authenticated auth = VERIFIER.verify(signed.request(), signed.bodyStream(), NOW);

    assertThat(auth.body().readAllBytes()).isEqualTo(body);
    assertThat(auth.chunked()).isNotNull();
    assertThat(auth.chunked().trailers()).containsKey("x-amz-checksum-crc32c");
  }

  // As the SDK's S3Presigner signs: query-string auth over https with an unsigned payload.
  static SdkSigning.Signed presigned(Instant at) {
    return SdkSigning.sign(
        "GET",
        S3_URI.replace("http:", "https:"),
        Map.of(),
        new byte[0],
        "s3",
        "AKIADEVEXAMPLE",
        "devsecret",
        null,
        Clock.fixed(at, ZoneOffset.UTC),
        r ->
            r.putProperty(
                    AwsV4FamilyHttpSigner.AUTH_LOCATION,
                    AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5)));
  }

  @Test
  void sdkPresignedUrl_isAcceptedBeforeItExpires() throws IOException {
    SdkSigning.Signed signed = presigned(NOW.minus(Duration.ofMinutes(4)));

    Authenticated auth = VERIFIER.verify(signed.request(), signed.bodyStream(), NOW);

    assertThat(auth.principal()).isEqualTo(new Principal.AccountRoot(DEV));
    assertThat(auth.scope()).isNotNull();
    assertThat(auth.scope().service()).isEqualTo("s3");
  }

  @Test
  void expiredPresignedUrl_isAccessDeniedRequestHasExpired() {
    SdkSigning.Signed signed = presigned(NOW.minus(Duration.ofMinutes(6)));

    AwsException error = error(signed, WireProtocol.REST_XML);

    assertThat(error.code()).isEqualTo("AccessDenied");
    assertThat(error.httpStatus()).isEqualTo(403);
    assertThat(error.getMessage()).isEqualTo("Request has expired");
    assertThat(error.fields())
        .containsEntry("X-Amz-Expires", "300")
        .containsEntry("Expires", "2026-11-28T11:59:00Z")
        .containsEntry("ServerTime", "2026-11-28T12:00:00Z");
  }

  @Test
  void s3PathSentWithOtherEscapesThanSigned_isAcceptedByReencoding() throws IOException {
    SdkSigning.Signed signed =
        s3(
            "GET",
            "http://127.0.0.1:4566/codepipeline-input-bucket/a%28b%29.zip",
            new byte[0],
            r -> {});
    SignedRequest asSent =
        new SignedRequest(
            "GET", "/codepipeline-input-bucket/a(b).zip", "", signed.request().headers());

    Authenticated auth = VERIFIER.verify(asSent, InputStream.nullInputStream(), NOW);

    assertThat(auth.principal()).isEqualTo(new Principal.AccountRoot(DEV));
  }

  @Test
  void s3SignatureMismatch_carriesTheStringToSignAndCanonicalRequest() {
    SdkSigning.Signed signed = s3Get("AKIADEVEXAMPLE", "wrongsecret", null, NOW);

    AwsException error = error(signed, WireProtocol.REST_XML);

    assertThat(error.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(error.getMessage())
        .isEqualTo(
            "The request signature we calculated does not match the signature you provided. Check"
                + " your key and signing method.");
    assertThat(error.fields())
        .containsEntry("AWSAccessKeyId", "AKIADEVEXAMPLE")
        .containsKeys("StringToSign", "SignatureProvided", "StringToSignBytes", "CanonicalRequest");
    assertThat(error.fields().get("StringToSign"))
        .startsWith("AWS4-HMAC-SHA256\n20261128T120000Z\n20261128/us-east-1/s3/aws4_request\n");
    assertThat(error.fields().get("StringToSignBytes")).startsWith("41 57 53 34 2d ");
    assertThat(error.fields().get("CanonicalRequest"))
        .startsWith("GET\n/codepipeline-input-bucket/sample-website.zip\n");
  }

  @Test
  void skewedRequestToS3_carriesTheTimes() {
    SdkSigning.Signed signed =
        s3Get("AKIADEVEXAMPLE", "devsecret", null, NOW.minus(Duration.ofMinutes(20)));

    AwsException error = error(signed, WireProtocol.REST_XML);

    assertThat(error.code()).isEqualTo("RequestTimeTooSkewed");
    assertThat(error.fields())
        .containsEntry("RequestTime", "20261128T114000Z")
        .containsEntry("ServerTime", "2026-11-28T12:00:00Z")
        .containsEntry("MaxAllowedSkewMilliseconds", "900000");
  }

  @Test
  void skewedRequestToSts_saysTheSignatureExpired() {
    SdkSigning.Signed signed =
        signFor("sts", "AKIADEVEXAMPLE", "devsecret", null, NOW.minus(Duration.ofMinutes(20)));

    AwsException error = error(signed, WireProtocol.QUERY);

    assertThat(error.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(error.getMessage())
        .isEqualTo(
            "Signature expired: 20261128T114000Z is now earlier than 20261128T114500Z"
                + " (20261128T120000Z - 15 min.)");
  }

  @Test
  void stsAndKmsRequestsSignedByTheSdk_areVerifiedWithTheirBodies() throws IOException {
    for (String service : List.of("sts", "kms")) {
      SdkSigning.Signed signed = signFor(service, "AKIADEVEXAMPLE", "devsecret", null, NOW);

      Authenticated auth = VERIFIER.verify(signed.request(), signed.bodyStream(), NOW);

      assertThat(auth.scope()).isNotNull();
      assertThat(auth.scope().service()).isEqualTo(service);
      assertThat(auth.body().readAllBytes()).isEqualTo(signed.body());
    }
  }

  @Test
  void stsBodyChangedAfterSigning_isSignatureDoesNotMatch() {
    SdkSigning.Signed signed = signFor("sts", "AKIADEVEXAMPLE", "devsecret", null, NOW);
    var tampered =
        new SdkSigning.Signed(
            signed.request(),
            "Action=AssumeRole&Version=2011-06-15".getBytes(StandardCharsets.UTF_8));

    assertThat(error(tampered, WireProtocol.QUERY).code()).isEqualTo("SignatureDoesNotMatch");
  }

  @Test
  void botocorePresignedSigV4WithSessionToken_isAccepted() throws IOException {
    SignedRequest request =
        fromUrl(
            "GET",
            "http://127.0.0.1:4566/codepipeline-input-bucket/dir/a%20b~%281%29.zip?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAEXAMPLE%2F20261128%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20261128T120450Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Security-Token=TOKEN%2F123%2B%3D&X-Amz-Signature=cab2b43246903e16988518b1984e3df3b5840fd2e734094ba41c560392e4de1f");

    Authenticated auth =
        VERIFIER.verify(
            request, InputStream.nullInputStream(), Instant.parse("2026-11-28T12:10:00Z"));

    assertThat(auth.principal()).isEqualTo(SESSION);
    assertThat(auth.scope()).isNotNull();
    assertThat(auth.scope().region()).isEqualTo("eu-west-1");
  }

  @Test
  void botocorePresignedSigV2_isAcceptedUntilExpires() throws IOException {
    SignedRequest request =
        fromUrl(
            "GET",
            "http://127.0.0.1:4566/codepipeline-input-bucket/dir/a%20b%2Bc.zip?AWSAccessKeyId=AKIDEXAMPLE&Signature=wkCRnOx8oV8uIKpazEDhC%2BJuyqc%3D&Expires=1795868500");

    Authenticated auth =
        VERIFIER.verify(request, InputStream.nullInputStream(), Instant.ofEpochSecond(1795868000));

    assertThat(auth.scope()).isNull();
    assertThat(auth.principal()).isEqualTo(new Principal.AccountRoot(DEV));

    assertThatThrownBy(() ->
            VERIFIER.verify(
                request, InputStream.nullInputStream(), Instant.ofEpochSecond(1795868501)))
        .isInstanceOfSatisfying(
            AuthException.class,
            e -> {
              AwsException error = AuthErrors.toAws(e, WireProtocol.REST_XML);
              assertThat(error.code()).isEqualTo("AccessDenied");
              assertThat(error.getMessage()).isEqualTo("Request has expired");
            });
  }

  @Test
  void botocorePresignedSigV2WithTokenAndVersionId_isAccepted() throws IOException {
    SignedRequest request =
        fromUrl(
            "GET",
            "http://127.0.0.1:4566/codepipeline-input-bucket/sample-website.zip?versionId=v1&AWSAccessKeyId=ASIAEXAMPLE&Signature=I%2BecSdC6k0qphOC6k%2FDQNNwlgnA%3D&x-amz-security-token=TOKEN%2F123%2B%3D&Expires=1795868500");

    Authenticated auth =
        VERIFIER.verify(request, InputStream.nullInputStream(), Instant.ofEpochSecond(1795868000));

    assertThat(auth.principal()).isEqualTo(SESSION);
  }

  static SignedRequest botocoreSigV2Header(String authorization) {
    return fromUrl(
        "PUT",
        "http://127.0.0.1:4566/codepipeline-input-bucket/a%20b.txt?acl",
        "content-type",
        "text/plain",
        "x-amz-meta-colour",
        " blue ",
        "content-md5",
        "sZRqySSS0jR8YjW00mERhA==",
        "date",
        "Sat, 28 Nov 2026 12:00:00 GMT",
        "authorization",
        authorization);
  }

  @Test
  void botocoreSigV2Header_isAccepted() throws IOException {
    SignedRequest request = botocoreSigV2Header("AWS AKIDEXAMPLE:A16DH+HoF03T7Xa8EtTKvKc47ls=");

    Authenticated auth =
        VERIFIER.verify(
            request, new ByteArrayInputStream("hello\n".getBytes(StandardCharsets.UTF_8)), NOW);

    assertThat(auth.scope()).isNull();
    assertThat(auth.principal()).isEqualTo(new Principal.AccountRoot(DEV));
    assertThat(auth.body().readAllBytes()).hasSize(6);
  }

  @Test
  void sigV2HeaderWithAnotherSignature_isSignatureDoesNotMatch_withItsStringToSign() {
    SignedRequest request = botocoreSigV2Header("AWS AKIDEXAMPLE:AAAAAAAAAAAAAAAAAAAAAAAAAAA=");

    assertThatThrownBy(() -> VERIFIER.verify(request, InputStream.nullInputStream(), NOW))
        .isInstanceOfSatisfying(
            AuthException.class,
            e -> {
              assertThat(AuthErrors.toAws(e, WireProtocol.REST_XML).code())
                  .isEqualTo("SignatureDoesNotMatch");
              assertThat(e.details().get("StringToSign"))
                  .isEqualTo(
                      "PUT\nsZRqySSS0jR8YjW00mERhA==\ntext/plain\nSat, 28 Nov 2026 12:00:00 GMT\n"
                          + "x-amz-meta-colour:blue\n/codepipeline-input-bucket/a%20b.txt?acl");
            });
  }

  @Test
  void sigV2HeaderWithoutSignature_isAuthorizationHeaderMalformed() {
    SignedRequest request = botocoreSigV2Header("AWS AKIDEXAMPLE");

    assertThatThrownBy(() -> VERIFIER.verify(request, InputStream.nullInputStream(), NOW))
        .isInstanceOfSatisfying(
            AuthException.class,
            e ->
                assertThat(AuthErrors.toAws(e, WireProtocol.REST_XML).code())
                    .isEqualTo("AuthorizationHeaderMalformed"));
  }

  @Test
  void anonymousRequest_isReportedAsAnonymous() throws IOException {
    Authenticated auth =
        VERIFIER.verify(fromUrl("GET", S3_URI), InputStream.nullInputStream(), NOW);

    assertThat(auth.credential()).isNull();
    assertThat(auth.principal()).isInstanceOf(Principal.Anonymous.class);
  }

  /** A typical request to a service of each family, signed by the SDK. */
  static SdkSigning.Signed signFor(
      String service, String accessKeyId, String secretKey, @Nullable String token, Instant at) {
    Clock clock = Clock.fixed(at, ZoneOffset.UTC);
    return switch (service) {
      case "s3" ->
          SdkSigning.sign(
              "GET",
              S3_URI,
              Map.of(),
              new byte[0],
              "s3",
              accessKeyId,
              secretKey,
              token,
              clock,
              r -> {});
      case "sts" ->
          SdkSigning.sign(
              "POST",
              "http://127.0.0.1:4566/",
              Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
              "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8),
              "sts",
              accessKeyId,
              secretKey,
              token,
              clock,
              r -> {});
      case "kms" ->
          SdkSigning.sign(
              "POST",
              "http://127.0.0.1:4566/",
              Map.of(
                  "Content-Type", "application/x-amz-json-1.1",
                  "X-Amz-Target", "TrentService.DescribeKey"),
              "{\"KeyId\":\"alias/s3deploykey\"}".getBytes(StandardCharsets.UTF_8),
              "kms",
              accessKeyId,
              secretKey,
              token,
              clock,
              r -> {});
      default -> throw new IllegalArgumentException(service);
    };
  }

  /** The failures of spec wire.md §3.3, each against S3, STS and KMS. */
  @ParameterizedTest(name = "{0} to {1} is {2} {3}")
  @MethodSource("failures")
  void failedRequest_getsTheErrorOfItsFamily_andTheNextRequestSucceeds(
      String failure, String service, String code, int status) throws IOException {
    WireProtocol protocol =
        switch (service) {
          case "s3" -> WireProtocol.REST_XML;
          case "sts" -> WireProtocol.QUERY;
          default -> WireProtocol.JSON;
        };
    SdkSigning.Signed signed =
        switch (failure) {
          case "wrong secret" -> signFor(service, "AKIADEVEXAMPLE", "wrongsecret", null, NOW);
          case "unknown key" -> signFor(service, "AKIAUNKNOWN", "devsecret", null, NOW);
          case "inactive key" -> signFor(service, "AKIAINACTIVE", "inactivesecret", null, NOW);
          case "20 minutes in the past" ->
              signFor(
                  service, "AKIADEVEXAMPLE", "devsecret", null, NOW.minus(Duration.ofMinutes(20)));
          case "expired session token" ->
              signFor(service, "ASIAEXPIRED", "expiredsecret", "OLDTOKEN", NOW);
          case "another key's token" ->
              signFor(service, "ASIASESSION", "sessionsecret", "OLDTOKEN", NOW);
          case "no session token" -> signFor(service, "ASIASESSION", "sessionsecret", null, NOW);
          default -> throw new IllegalArgumentException(failure);
        };

    AwsException error = error(signed, protocol);

    assertThat(error.code()).isEqualTo(code);
    assertThat(error.httpStatus()).isEqualTo(status);
    SdkSigning.Signed good = signFor(service, "AKIADEVEXAMPLE", "devsecret", null, NOW);
    Authenticated auth = VERIFIER.verify(good.request(), good.bodyStream(), NOW);
    assertThat(auth.credential()).isNotNull();
    assertThat(auth.credential().accessKeyId()).isEqualTo("AKIADEVEXAMPLE");
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("wrong secret", "s3", "SignatureDoesNotMatch", 403),
        Arguments.of("wrong secret", "sts", "SignatureDoesNotMatch", 403),
        Arguments.of("wrong secret", "kms", "InvalidSignatureException", 400),
        Arguments.of("unknown key", "s3", "InvalidAccessKeyId", 403),
        Arguments.of("unknown key", "sts", "InvalidClientTokenId", 403),
        Arguments.of("unknown key", "kms", "UnrecognizedClientException", 400),
        Arguments.of("inactive key", "s3", "InvalidAccessKeyId", 403),
        Arguments.of("inactive key", "sts", "InvalidClientTokenId", 403),
        Arguments.of("inactive key", "kms", "UnrecognizedClientException", 400),
        Arguments.of("20 minutes in the past", "s3", "RequestTimeTooSkewed", 403),
        Arguments.of("20 minutes in the past", "sts", "SignatureDoesNotMatch", 403),
        Arguments.of("20 minutes in the past", "kms", "InvalidSignatureException", 400),
        Arguments.of("expired session token", "s3", "ExpiredToken", 400),
        Arguments.of("expired session token", "sts", "ExpiredToken", 403),
        Arguments.of("expired session token", "kms", "ExpiredTokenException", 400),
        Arguments.of("another key's token", "s3", "InvalidToken", 400),
        Arguments.of("another key's token", "sts", "InvalidClientTokenId", 403),
        Arguments.of("another key's token", "kms", "UnrecognizedClientException", 400),
        Arguments.of("no session token", "s3", "InvalidToken", 400),
        Arguments.of("no session token", "sts", "InvalidClientTokenId", 403),
        Arguments.of("no session token", "kms", "UnrecognizedClientException", 400));
  }

  static AwsException error(SdkSigning.Signed signed, WireProtocol protocol) {
    try {
      VERIFIER.verify(signed.request(), signed.bodyStream(), NOW).body().readAllBytes();
    } catch (AuthException e) {
      return AuthErrors.toAws(e, protocol);
    } catch (PayloadException e) {
      return AuthErrors.toAws(e.failure(), protocol);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("The request was accepted");
  }
}
