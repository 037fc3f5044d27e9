package ferry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.aws.AwsException;
import ferry.aws.WireProtocol;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests whose authentication is malformed, and what each wire family answers. */
class MalformedRequestTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final SigV4Verifier VERIFIER =
      new SigV4Verifier(new InMemoryCredentials().add("AKIADEVEXAMPLE", "devsecret"));

  static final String SIG = "0".repeat(64);
  static final String GOOD_CREDENTIAL =
      "Credential=AKIADEVEXAMPLE/20261128/us-east-1/s3/aws4_request";

  static SignedRequest request(String query, String... headers) {
    var map = new LinkedHashMap<String, List<String>>();
    map.put("host", List.of("127.0.0.1:4566"));
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], List.of(headers[i + 1]));
    }
    return new SignedRequest("GET", "/bucket/key", query, map);
  }

  static Stream<Arguments> cases() {
    String date = "20261128T120000Z";
    return Stream.of(
        Arguments.of(
            "an Authorization header without a Signature",
            request(
                "",
                "x-amz-date",
                date,
                "authorization",
                "AWS4-HMAC-SHA256 " + GOOD_CREDENTIAL + ", SignedHeaders=host"),
            AuthFailure.MALFORMED,
            "AuthorizationHeaderMalformed",
            400),
        Arguments.of(
            "a credential without a scope",
            request(
                "",
                "x-amz-date",
                date,
                "authorization",
                "AWS4-HMAC-SHA256 Credential=AKIADEVEXAMPLE, SignedHeaders=host, Signature=" + SIG),
            AuthFailure.MALFORMED,
            "AuthorizationHeaderMalformed",
            400),
        Arguments.of(
            "a scope date other than X-Amz-Date's",
            request(
                "",
                "x-amz-date",
                "20261127T235959Z",
                "authorization",
                "AWS4-HMAC-SHA256 " + GOOD_CREDENTIAL + ", SignedHeaders=host, Signature=" + SIG),
            AuthFailure.MALFORMED,
            "AuthorizationHeaderMalformed",
            400),
        Arguments.of(
            "no X-Amz-Date or Date",
            request(
                "",
                "authorization",
                "AWS4-HMAC-SHA256 " + GOOD_CREDENTIAL + ", SignedHeaders=host, Signature=" + SIG),
            AuthFailure.MISSING_DATE,
            "AccessDenied",
            403),
        Arguments.of(
            "an S3 request without x-amz-content-sha256",
            request(
                "",
                "x-amz-date",
                date,
                "authorization",
                "AWS4-HMAC-SHA256 " + GOOD_CREDENTIAL + ", SignedHeaders=host, Signature=" + SIG),
            AuthFailure.MISSING_CONTENT_SHA256,
            "InvalidRequest",
            400),
        Arguments.of(
            "an x-amz-content-sha256 that is no hash",
            request(
                "",
                "x-amz-date",
                date,
                "x-amz-content-sha256",
                "abc",
                "authorization",
                "AWS4-HMAC-SHA256 " + GOOD_CREDENTIAL + ", SignedHeaders=host, Signature=" + SIG),
            AuthFailure.INVALID_CONTENT_SHA256,
            "InvalidArgument",
            400),
        Arguments.of(
            "a SigV4a signature",
            request(
                "",
                "x-amz-date",
                date,
                "authorization",
                "AWS4-ECDSA-P256-SHA256 Credential=AKIADEVEXAMPLE/20261128/s3/aws4_request,"
                    + " SignedHeaders=host, Signature="
                    + SIG),
            AuthFailure.UNSUPPORTED,
            "NotImplemented",
            501),
        Arguments.of(
            "an unknown Authorization scheme",
            request("", "authorization", "Bearer abc"),
            AuthFailure.MALFORMED,
            "AuthorizationHeaderMalformed",
            400),
        Arguments.of(
            "a presigned URL without X-Amz-Expires",
            request(
                "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIADEVEXAMPLE%2F20261128"
                    + "%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date="
                    + date
                    + "&X-Amz-SignedHeaders=host&X-Amz-Signature="
                    + SIG),
            AuthFailure.MALFORMED_QUERY,
            "AuthorizationQueryParametersError",
            400),
        Arguments.of(
            "a presigned URL valid for more than a week",
            request(
                "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIADEVEXAMPLE%2F20261128"
                    + "%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date="
                    + date
                    + "&X-Amz-Expires=604801&X-Amz-SignedHeaders=host&X-Amz-Signature="
                    + SIG),
            AuthFailure.MALFORMED_QUERY,
            "AuthorizationQueryParametersError",
            400),
        Arguments.of(
            "a SigV2 header without a signature",
            request(
                "", "date", "Sat, 28 Nov 2026 12:00:00 GMT", "authorization", "AWS AKIADEVEXAMPLE"),
            AuthFailure.MALFORMED,
            "AuthorizationHeaderMalformed",
            400));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRejected_withTheErrorOfEachFamily(
      String name, SignedRequest request, AuthFailure failure, String s3Code, int s3Status) {
    assertThatThrownBy(() -> VERIFIER.verify(request, InputStream.nullInputStream(), NOW))
        .isInstanceOfSatisfying(
            AuthException.class,
            e -> {
              assertThat(e.failure()).isEqualTo(failure);
              AwsException s3 = AuthErrors.toAws(e, WireProtocol.REST_XML);
              assertThat(s3.code()).isEqualTo(s3Code);
              assertThat(s3.httpStatus()).isEqualTo(s3Status);
              if (failure != AuthFailure.UNSUPPORTED) {
                assertThat(AuthErrors.toAws(e, WireProtocol.QUERY).code())
                    .isEqualTo("IncompleteSignature");
                AwsException json = AuthErrors.toAws(e, WireProtocol.JSON);
                assertThat(json.code()).isEqualTo("IncompleteSignatureException");
                assertThat(json.httpStatus()).isEqualTo(400);
              }
            });
  }
}
