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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
                  Map.of("team", "deploy")))
          .add(
              new StoredCredential(
                  "ASIAEXPIRED",
                  "expiredsecret",
                  "OLDTOKEN",
                  NOW.minus(Duration.ofMinutes(1)),
                  true,
                  SESSION,
                  List.of(),
                  Map.of()))
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
                  Map.of()));

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
