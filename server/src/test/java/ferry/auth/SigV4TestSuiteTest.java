package ferry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.aws.AccountId;
import ferry.aws.Principal;
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
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The official SigV4 test suite (see the README beside the vectors), replayed through Ferry. */
class SigV4TestSuiteTest {
  static final Principal OWNER = new Principal.AccountRoot(AccountId.of("111111111111"));

  static Stream<String> cases() throws IOException, URISyntaxException {
    Path root = suite();
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs
          .filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}: canonical request as the suite gives it")
  @MethodSource("cases")
  void canonicalRequestMatches(String name) throws Exception {
    Path dir = suite().resolve(name);
    JsonNode context = context(dir);
    Parsed request = parse(Files.readString(dir.resolve("header-signed-request.txt")));
    String expected = Files.readString(dir.resolve("header-canonical-request.txt"));
    List<String> signedHeaders =
        List.of(signedHeaders(request.headers.get("authorization").getFirst()).split(";"));
    String payloadHash = expected.substring(expected.lastIndexOf('\n') + 1);
    String query = CanonicalRequest.query(request.rawQuery, "");
    List<String> uris =
        context.path("normalize").asBoolean()
            ? List.of(CanonicalRequest.normalizedUri(request.rawPath))
            // S3 rules: the path as sent or, the verifier's fallback for characters a real request
            // line cannot carry raw (such as a space), decoded once and encoded the AWS way.
            : List.of(
                CanonicalRequest.s3Uri(request.rawPath),
                CanonicalRequest.s3UriReencoded(request.rawPath));
    List<String> candidates = new ArrayList<>();
    for (String uri : uris) {
      candidates.add(
          CanonicalRequest.build(
              request.method, uri, query, signedHeaders, request.headers, payloadHash));
    }
    assertThat(candidates).contains(expected);
    assertThat(payloadHash).isEqualTo(SigningKeys.sha256Hex(request.body));
  }

  @ParameterizedTest(name = "{0}: header-signed request verifies")
  @MethodSource("normalizedCases")
  void headerSignedRequestVerifies(String name) throws Exception {
    verify(name, "header-signed-request.txt");
  }

  @ParameterizedTest(name = "{0}: presigned (query) request verifies")
  @MethodSource("presignedCases")
  void presignedRequestVerifies(String name) throws Exception {
    verify(name, "query-signed-request.txt");
  }

  @ParameterizedTest(name = "{0}: a changed secret fails")
  @MethodSource("normalizedCases")
  void wrongSecretFails(String name) throws Exception {
    Path dir = suite().resolve(name);
    JsonNode credentials = context(dir).path("credentials");
    Parsed request = parse(Files.readString(dir.resolve("header-signed-request.txt")));
    CredentialStore store =
        id ->
            new StoredCredential(
                id,
                "not-the-secret",
                text(credentials, "token"),
                null,
                true,
                OWNER,
                List.of(),
                Map.of(),
                null,
                null);
    var verifier = new SigV4Verifier(store);
    try {
      verifier.verify(request.signed(), new ByteArrayInputStream(request.body), time(dir));
      throw new AssertionError("a wrong secret verified");
    } catch (AuthException e) {
      assertThat(e.failure()).isEqualTo(AuthFailure.SIGNATURE_MISMATCH);
    }
  }

  static Stream<String> normalizedCases() throws Exception {
    List<String> names = new ArrayList<>();
    for (String name : cases().toList()) {
      if (context(suite().resolve(name)).path("normalize").asBoolean()) {
        names.add(name);
      }
    }
    return names.stream();
  }

  /**
   * Presigned cases, less those that add the session token after signing ({@code
   * omit_session_token}, a legacy of a few services): S3 and STS sign X-Amz-Security-Token.
   */
  static Stream<String> presignedCases() throws Exception {
    return normalizedCases()
        .filter(name -> {
          try {
            return !context(suite().resolve(name)).path("omit_session_token").asBoolean();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static void verify(String name, String file) throws Exception {
    Path dir = suite().resolve(name);
    JsonNode credentials = context(dir).path("credentials");
    Parsed request = parse(Files.readString(dir.resolve(file)));
    CredentialStore store =
        id ->
            id.equals(credentials.path("access_key_id").asText())
                ? new StoredCredential(
                    id,
                    credentials.path("secret_access_key").asText(),
                    text(credentials, "token"),
                    null,
                    true,
                    OWNER,
                    List.of(),
                    Map.of(),
                    null,
                    null)
                : null;
    Authenticated authenticated =
        new SigV4Verifier(store)
            .verify(request.signed(), new ByteArrayInputStream(request.body), time(dir));
    assertThat(authenticated.principal()).isEqualTo(OWNER);
    assertThat(authenticated.scope()).isNotNull();
    assertThat(authenticated.body().readAllBytes()).isEqualTo(request.body);
  }

  record Parsed(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body) {
    SignedRequest signed() {
      return new SignedRequest(method, rawPath, rawQuery, headers);
    }
  }

  /** Parses a raw HTTP/1.1 request of the suite; indented lines continue the previous header. */
  static Parsed parse(String text) {
    int split = text.indexOf("\n\n");
    String head = split < 0 ? text : text.substring(0, split);
    String body = split < 0 ? "" : text.substring(split + 2);
    String[] lines = head.split("\n");
    String requestLine = lines[0];
    String method = requestLine.substring(0, requestLine.indexOf(' '));
    String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/"));
    int question = target.indexOf('?');
    String rawPath = question < 0 ? target : target.substring(0, question);
    String rawQuery = question < 0 ? "" : target.substring(question + 1);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String last = null;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
        List<String> values = headers.get(last);
        values.set(values.size() - 1, values.getLast() + "\n" + line);
        continue;
      }
      int colon = line.indexOf(':');
      last = line.substring(0, colon).toLowerCase(Locale.ROOT);
      headers.computeIfAbsent(last, k -> new ArrayList<>()).add(line.substring(colon + 1));
    }
    return new Parsed(method, rawPath, rawQuery, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String signedHeaders(String authorization) {
    int at = authorization.indexOf("SignedHeaders=") + "SignedHeaders=".length();
    return authorization.substring(at, authorization.indexOf(',', at));
  }

  private static Instant time(Path dir) throws IOException {
    return Instant.parse(context(dir).path("timestamp").asText()).plusSeconds(60);
  }

  private static JsonNode context(Path dir) throws IOException {
    return new ObjectMapper().readTree(dir.resolve("context.json").toFile());
  }

  private static @org.jspecify.annotations.Nullable String text(JsonNode node, String field) {
    return node.has(field) ? node.path(field).asText() : null;
  }

  private static Path suite() throws URISyntaxException {
    return Path.of(
        SigV4TestSuiteTest.class.getResource("/ferry/auth/aws-signing-test-suite/v4").toURI());
  }
}
