package ferry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.aws.Principal;
import ferry.aws.WireProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SigV2 on bucket-level requests, with Authorization headers made by botocore's HmacV1Auth (date
 * fixed at Sat, 28 Nov 2026 12:00:00 GMT): the bucket of a virtual-hosted request is signed in
 * front of the path, and the sub-resources botocore signs are in the resource.
 */
class SigV2BucketRequestTest {
  static final SigV4Verifier VERIFIER =
      new SigV4Verifier(
          SigV4VerifierTest.STORE,
          host -> host.startsWith("site-bucket.localhost") ? "site-bucket" : null);

  static Stream<Arguments> botocoreSigned() {
    return Stream.of(
        Arguments.of(
            "ListObjects, virtual-hosted, with unsigned parameters",
            "GET",
            "http://site-bucket.localhost:4566/?prefix=a%2Fb&encoding-type=url",
            "AWS AKIDEXAMPLE:s5YtIk361K46TeE094RdJNn7teQ=",
            new String[0]),
        Arguments.of(
            "ListObjects, path style, signed as /bucket/ the way botocore signs it",
            "GET",
            "http://127.0.0.1:4566/site-bucket?encoding-type=url",
            "AWS AKIDEXAMPLE:s5YtIk361K46TeE094RdJNn7teQ=",
            new String[0]),
        Arguments.of(
            "GetBucketVersioning, virtual-hosted",
            "GET",
            "http://site-bucket.localhost:4566/?versioning",
            "AWS AKIDEXAMPLE:3hisRYn275KNLWlg/f8Dq68F8uE=",
            new String[0]),
        Arguments.of(
            "GetBucketLocation, path style",
            "GET",
            "http://127.0.0.1:4566/site-bucket?location",
            "AWS AKIDEXAMPLE:iPXQUGNui6VGW/nNVV20wp7fKsc=",
            new String[0]),
        Arguments.of(
            "GetBucketEncryption, whose sub-resource botocore leaves unsigned",
            "GET",
            "http://127.0.0.1:4566/site-bucket?encryption",
            "AWS AKIDEXAMPLE:Dum6CJKQb5rBdVG9CEbhVUDK4mc=",
            new String[0]),
        Arguments.of(
            "PutBucketPolicy, with Content-Type and Content-MD5",
            "PUT",
            "http://127.0.0.1:4566/site-bucket?policy",
            "AWS AKIDEXAMPLE:wdX7aF5nO5Js05fyY/EBdao7qh8=",
            new String[] {"content-type", "application/json", "content-md5", "abc="}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("botocoreSigned")
  void aBotocoreSigV2BucketRequest_isAccepted(
      String name, String method, String url, String authorization, String[] headers)
      throws IOException {
    Authenticated auth =
        VERIFIER.verify(
            request(method, url, authorization, headers),
            InputStream.nullInputStream(),
            SigV4VerifierTest.NOW);
    assertThat(auth.principal()).isEqualTo(new Principal.AccountRoot(SigV4VerifierTest.DEV));
  }

  @ParameterizedTest(name = "{0}, signed for another sub-resource")
  @MethodSource("botocoreSigned")
  void theSameSignature_onAnotherSubResource_isSignatureDoesNotMatch(
      String name, String method, String url, String authorization, String[] headers) {
    String other = url.contains("?") ? url.replace("?", "?acl&") : url + "?acl";
    assertThatThrownBy(() ->
            VERIFIER.verify(
                request(method, other, authorization, headers),
                InputStream.nullInputStream(),
                SigV4VerifierTest.NOW))
        .isInstanceOfSatisfying(
            AuthException.class,
            e ->
                assertThat(AuthErrors.toAws(e, WireProtocol.REST_XML).code())
                    .isEqualTo("SignatureDoesNotMatch"));
  }

  @org.junit.jupiter.api.Test
  void withoutItsBucket_aVirtualHostedSignature_doesNotMatch() {
    SigV4Verifier pathOnly = new SigV4Verifier(SigV4VerifierTest.STORE);
    assertThatThrownBy(() ->
            pathOnly.verify(
                request(
                    "GET",
                    "http://site-bucket.localhost:4566/?versioning",
                    "AWS AKIDEXAMPLE:3hisRYn275KNLWlg/f8Dq68F8uE="),
                InputStream.nullInputStream(),
                SigV4VerifierTest.NOW))
        .isInstanceOfSatisfying(
            AuthException.class,
            e -> assertThat(e.details().get("StringToSign")).endsWith("\n/?versioning"));
  }

  private static SignedRequest request(
      String method, String url, String authorization, String... headers) {
    String[] all = new String[headers.length + 4];
    System.arraycopy(headers, 0, all, 0, headers.length);
    all[headers.length] = "date";
    all[headers.length + 1] = "Sat, 28 Nov 2026 12:00:00 GMT";
    all[headers.length + 2] = "authorization";
    all[headers.length + 3] = authorization;
    return SigV4VerifierTest.fromUrl(method, url, all);
  }
}
