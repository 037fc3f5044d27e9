package ferry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * botocore's copy of the AWS SigV4 test suite (see aws4_testsuite/README.md): every case
 * canonicalises, signs and verifies with the non-S3 rules.
 */
class BotocoreSigV4SuiteTest {
  static final String ACCESS_KEY = "AKIDEXAMPLE";
  static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  static final String AMZ_DATE = "20150830T123600Z";
  static final Instant TIME = Instant.parse("2015-08-30T12:36:00Z");
  static final CredentialScope SCOPE =
      new CredentialScope(ACCESS_KEY, "20150830", "us-east-1", "service");

  static Stream<String> cases() throws IOException, URISyntaxException {
    Path root = suite();
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".req"))
          .map(p -> root.relativize(p.getParent()).toString().replace('\\', '/'))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void buildsTheCanonicalRequestStringToSignAndSignature(String name) throws Exception {
    Vector vector = Vector.load(name);
    SigV4TestSuiteTest.Parsed request = vector.request();
    String authz = vector.file(".authz");
    List<String> signedHeaders =
        List.of(authz.replaceAll(".*SignedHeaders=([^,]*),.*", "$1").split(";"));

    String canonical =
        CanonicalRequest.build(
            request.method(),
            CanonicalRequest.normalizedUri(request.rawPath()),
            CanonicalRequest.query(request.rawQuery(), ""),
            signedHeaders,
            request.headers(),
            SigningKeys.sha256Hex(request.body()));
    String stringToSign = CanonicalRequest.stringToSign(AMZ_DATE, SCOPE, canonical);
    String signature =
        SigningKeys.hex(
            SigningKeys.hmac(new SigningKeys().derive(SECRET_KEY, SCOPE), stringToSign));

    assertThat(canonical).isEqualTo(vector.file(".creq"));
    assertThat(stringToSign).isEqualTo(vector.file(".sts"));
    assertThat(authz).endsWith("Signature=" + signature);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verifierAcceptsTheSignedRequest(String name) throws Exception {
    Vector vector = Vector.load(name);
    SigV4TestSuiteTest.Parsed request = vector.request();
    var headers = new LinkedHashMap<>(request.headers());
    headers.put("authorization", List.of(vector.file(".authz")));
    var signed =
        new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers);
    var store =
        new InMemoryCredentials()
            .add(
                new StoredCredential(
                    ACCESS_KEY,
                    SECRET_KEY,
                    signed.header("x-amz-security-token"),
                    null,
                    true,
                    SigV4TestSuiteTest.OWNER,
                    List.of(),
                    Map.of(),
                    null,
                    null));

    Authenticated auth =
        new SigV4Verifier(store).verify(signed, new ByteArrayInputStream(request.body()), TIME);

    assertThat(auth.principal()).isEqualTo(SigV4TestSuiteTest.OWNER);
    assertThat(auth.scope()).isEqualTo(SCOPE);
    assertThat(auth.body().readAllBytes()).isEqualTo(request.body());
  }

  static Path suite() throws URISyntaxException {
    return Path.of(
            Objects.requireNonNull(
                    BotocoreSigV4SuiteTest.class.getResource("aws4_testsuite/LICENSE"))
                .toURI())
        .getParent();
  }

  /** One case: the raw request of its .req file and the expected files beside it. */
  record Vector(Path directory, String name) {
    private static final Pattern TOKEN = Pattern.compile("(?m)^x-amz-security-token:(.*)$");

    static Vector load(String relative) throws URISyntaxException {
      Path directory = suite().resolve(relative);
      return new Vector(directory, directory.getFileName().toString());
    }

    String file(String extension) throws IOException {
      return Files.readString(directory.resolve(name + extension), StandardCharsets.UTF_8)
          .replace("\r", "");
    }

    /** The request; as botocore's runner does, a token the signer adds is named in the .creq. */
    SigV4TestSuiteTest.Parsed request() throws IOException {
      SigV4TestSuiteTest.Parsed parsed = SigV4TestSuiteTest.parse(file(".req"));
      Matcher token = TOKEN.matcher(file(".creq"));
      if (!token.find() || parsed.headers().containsKey("x-amz-security-token")) {
        return parsed;
      }
      var headers = new LinkedHashMap<>(parsed.headers());
      headers.put("x-amz-security-token", new ArrayList<>(List.of(token.group(1))));
      return new SigV4TestSuiteTest.Parsed(
          parsed.method(), parsed.rawPath(), parsed.rawQuery(), headers, parsed.body());
    }
  }
}
