package ferry.ssm;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.Caller;
import ferry.kms.CreateKeyRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParametersTest {
  @TempDir Path dir;
  SsmFixture f;
  Caller dev;
  Parameters parameters;

  @BeforeEach
  void start() {
    f = new SsmFixture(dir);
    dev = f.dev;
    parameters = f.parameters();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void putThenGet_roundTripsAndVersionsIncrement() {
    PutParameterResult first =
        parameters.putParameter(
            dev, PutParameterRequest.of("/app/db/host", "db.internal", ParameterType.STRING));
    assertThat(first).isEqualTo(new PutParameterResult(1, "Standard"));

    Parameter read = parameters.getParameter(dev, "/app/db/host", false);
    assertThat(read.value()).isEqualTo("db.internal");
    assertThat(read.arn()).isEqualTo("arn:aws:ssm:us-east-1:111111111111:parameter/app/db/host");
    assertThat(read.dataType()).isEqualTo("text");

    PutParameterResult second = parameters.putParameter(dev, overwrite("/app/db/host", "db2"));
    assertThat(second.version()).isEqualTo(2);
    assertThat(parameters.getParameter(dev, "/app/db/host", false).value()).isEqualTo("db2");
    assertThat(parameters.getParameter(dev, "/app/db/host:1", false).value())
        .isEqualTo("db.internal");
    assertThat(parameters.getParameterHistory(dev, "/app/db/host", false, null, null).parameters())
        .extracting(Parameter::version)
        .containsExactly(1L, 2L);
  }

  @Test
  void arnOfANameWithoutSlash_hasOneSlash() {
    parameters.putParameter(dev, PutParameterRequest.of("plain", "v", ParameterType.STRING));
    assertThat(parameters.getParameter(dev, "plain", false).arn())
        .isEqualTo("arn:aws:ssm:us-east-1:111111111111:parameter/plain");
  }

  @Test
  void putWithoutOverwrite_isParameterAlreadyExists_andKeepsTheValue() {
    parameters.putParameter(dev, PutParameterRequest.of("/a", "one", ParameterType.STRING));
    assertAwsError(
            () ->
                parameters.putParameter(
                    dev, PutParameterRequest.of("/a", "two", ParameterType.STRING)),
            "ParameterAlreadyExists")
        .contains("overwrite");
    assertThat(parameters.getParameter(dev, "/a", false).value()).isEqualTo("one");
    assertThat(parameters.getParameter(dev, "/a", false).version()).isEqualTo(1);
  }

  @Test
  void invalidNames_areValidationExceptions_andNothingIsStored() {
    for (String name :
        List.of(
            "/aws/x", "aws-thing", "SSM/x", "/Ssm", "has space", "a/b", "/a//b", "/a/", "a$b")) {
      assertAwsError(
          () ->
              parameters.putParameter(dev, PutParameterRequest.of(name, "v", ParameterType.STRING)),
          "ValidationException");
    }
    assertAwsError(
        () ->
            parameters.putParameter(
                dev,
                PutParameterRequest.of(
                    "/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16", "v", ParameterType.STRING)),
        "HierarchyLevelLimitExceededException");
    assertThat(parameters.describeParameters(dev, List.of(), List.of(), null, null).parameters())
        .isEmpty();
    parameters.putParameter(dev, PutParameterRequest.of("/ok", "v", ParameterType.STRING));
  }

  @Test
  void valueOver4Kb_isTheStandardTierValidationException() {
    String big = "x".repeat(4097);
    assertAwsError(
            () ->
                parameters.putParameter(
                    dev, PutParameterRequest.of("/big", big, ParameterType.STRING)),
            "ValidationException")
        .startsWith(
            "Standard tier parameters support a maximum parameter value of 4096 characters.");
    assertAwsError(() -> parameters.getParameter(dev, "/big", false), "ParameterNotFound");
    parameters.putParameter(
        dev, PutParameterRequest.of("/big", "x".repeat(4096), ParameterType.STRING));
  }

  @Test
  void tagsWithOverwrite_andAdvancedTier_andPolicies_areRefused() {
    var tagsAndOverwrite =
        new PutParameterRequest(
            "/t",
            "v",
            ParameterType.STRING,
            null,
            true,
            null,
            null,
            List.of(new Tag("team", "web")),
            null,
            null,
            null);
    assertAwsError(() -> parameters.putParameter(dev, tagsAndOverwrite), "ValidationException")
        .contains("tags and overwrite can't be used together");
    var advanced =
        new PutParameterRequest(
            "/t",
            "v",
            ParameterType.STRING,
            null,
            false,
            null,
            null,
            List.of(),
            "Advanced",
            null,
            null);
    assertAwsError(() -> parameters.putParameter(dev, advanced), "UnsupportedOperationException");
    var policies =
        new PutParameterRequest(
            "/t", "v", ParameterType.STRING, null, false, null, null, List.of(), null, "[]", null);
    assertAwsError(() -> parameters.putParameter(dev, policies), "UnsupportedOperationException");
    assertAwsError(() -> parameters.getParameter(dev, "/t", false), "ParameterNotFound");
  }

  @Test
  void allowedPattern_isCheckedOnPutAndKeptOnOverwrite() {
    var numeric =
        new PutParameterRequest(
            "/n",
            "42",
            ParameterType.STRING,
            null,
            false,
            null,
            "^\\d+$",
            List.of(),
            null,
            null,
            null);
    parameters.putParameter(dev, numeric);
    assertAwsError(
            () -> parameters.putParameter(dev, overwrite("/n", "forty-two")),
            "ParameterPatternMismatchException")
        .contains("^\\d+$");
    var broken =
        new PutParameterRequest(
            "/m", "1", ParameterType.STRING, null, false, null, "([", List.of(), null, null, null);
    assertAwsError(() -> parameters.putParameter(dev, broken), "InvalidAllowedPatternException");
    assertThat(parameters.getParameter(dev, "/n", false).value()).isEqualTo("42");
  }

  @Test
  void getMissing_isParameterNotFound_andMissingVersion_isParameterVersionNotFound() {
    assertAwsError(() -> parameters.getParameter(dev, "/nope", false), "ParameterNotFound");
    parameters.putParameter(dev, PutParameterRequest.of("/v", "1", ParameterType.STRING));
    assertAwsError(() -> parameters.getParameter(dev, "/v:7", false), "ParameterVersionNotFound")
        .contains("version 7 of /v");
  }

  @Test
  void getParameters_listsUnknownNamesAsInvalid() {
    parameters.putParameter(dev, PutParameterRequest.of("/a", "1", ParameterType.STRING));
    parameters.putParameter(dev, PutParameterRequest.of("/b", "2", ParameterType.STRING));
    GetParametersResult result = parameters.getParameters(dev, List.of("/a", "/x", "/b"), false);
    assertThat(result.parameters()).extracting(Parameter::name).containsExactly("/a", "/b");
    assertThat(result.invalidParameters()).containsExactly("/x");
  }

  @Test
  void getParametersByPath_oneLevelOrRecursive_paged() {
    for (String name : List.of("/app/a", "/app/b", "/app/c", "/app/sub/d", "/other/e")) {
      parameters.putParameter(dev, PutParameterRequest.of(name, "v", ParameterType.STRING));
    }
    assertThat(
            parameters
                .getParametersByPath(dev, "/app", false, List.of(), false, null, null)
                .parameters())
        .extracting(Parameter::name)
        .containsExactly("/app/a", "/app/b", "/app/c");
    ParameterPage first =
        parameters.getParametersByPath(dev, "/app/", true, List.of(), false, 3, null);
    assertThat(first.parameters()).hasSize(3);
    ParameterPage second =
        parameters.getParametersByPath(dev, "/app/", true, List.of(), false, 3, first.nextToken());
    assertThat(second.parameters()).extracting(Parameter::name).containsExactly("/app/sub/d");
    assertThat(second.nextToken()).isNull();
    assertAwsError(
        () ->
            parameters.getParametersByPath(dev, "/app", false, List.of(), false, null, "garbage!"),
        "InvalidNextToken");
    assertAwsError(
        () -> parameters.getParametersByPath(dev, "/app", false, List.of(), false, 11, null),
        "ValidationException");
    assertAwsError(
        () ->
            parameters.getParametersByPath(
                dev,
                "/app",
                false,
                List.of(new ParameterFilter("Name", null, List.of("/app/a"))),
                false,
                null,
                null),
        "InvalidFilterKey");
  }

  @Test
  void describeParameters_filtersByNameTypeAndPath() {
    parameters.putParameter(dev, PutParameterRequest.of("/p/one", "1", ParameterType.STRING));
    parameters.putParameter(
        dev, PutParameterRequest.of("/p/q/two", "a,b", ParameterType.STRING_LIST));
    parameters.putParameter(dev, PutParameterRequest.of("three", "3", ParameterType.STRING));
    assertThat(
            parameters
                .describeParameters(
                    dev,
                    List.of(new ParameterFilter("Type", null, List.of("StringList"))),
                    List.of(),
                    null,
                    null)
                .parameters())
        .extracting(Parameter::name)
        .containsExactly("/p/q/two");
    assertThat(
            parameters
                .describeParameters(
                    dev,
                    List.of(),
                    List.of(new ParameterFilter("Path", "Recursive", List.of("/p"))),
                    null,
                    null)
                .parameters())
        .extracting(Parameter::name)
        .containsExactly("/p/one", "/p/q/two");
    assertThat(
            parameters
                .describeParameters(
                    dev,
                    List.of(),
                    List.of(new ParameterFilter("Name", "BeginsWith", List.of("thr"))),
                    null,
                    null)
                .parameters())
        .extracting(Parameter::name)
        .containsExactly("three");
    ParameterPage page = parameters.describeParameters(dev, List.of(), List.of(), 2, null);
    assertThat(page.parameters()).hasSize(2);
    assertThat(
            parameters
                .describeParameters(dev, List.of(), List.of(), 2, page.nextToken())
                .parameters())
        .hasSize(1);
  }

  @Test
  void deleteParameter_andDeleteParameters() {
    parameters.putParameter(dev, PutParameterRequest.of("/d1", "1", ParameterType.STRING));
    parameters.putParameter(dev, PutParameterRequest.of("/d2", "2", ParameterType.STRING));
    parameters.deleteParameter(dev, "/d1");
    assertAwsError(() -> parameters.getParameter(dev, "/d1", false), "ParameterNotFound");
    assertAwsError(() -> parameters.deleteParameter(dev, "/d1"), "ParameterNotFound");
    GetParametersResult result = parameters.deleteParameters(dev, List.of("/d2", "/d9"));
    assertThat(result.parameters()).extracting(Parameter::name).containsExactly("/d2");
    assertThat(result.invalidParameters()).containsExactly("/d9");
    // A recreated parameter starts again at version 1.
    assertThat(
            parameters
                .putParameter(dev, PutParameterRequest.of("/d1", "x", ParameterType.STRING))
                .version())
        .isEqualTo(1);
  }

  @Test
  void secureString_isEncryptedWithTheDefaultKey_andDecryptedOnRequest() throws Exception {
    String secret = "s3cr3t-value-never-stored";
    parameters.putParameter(
        dev, PutParameterRequest.of("/app/password", secret, ParameterType.SECURE_STRING));
    Parameter hidden = parameters.getParameter(dev, "/app/password", false);
    assertThat(hidden.value()).isNotEqualTo(secret);
    assertThat(hidden.keyId()).isEqualTo("alias/aws/ssm");
    assertThat(hidden.toString()).doesNotContain(hidden.value());
    assertThat(parameters.getParameter(dev, "/app/password", true).value()).isEqualTo(secret);
    assertThat(
            f.kms.aliases().listAliases(dev, null, null, null).items().stream().map(a -> a.name()))
        .contains("alias/aws/ssm");
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(content).as("plaintext in %s", file).doesNotContain(secret);
      }
    }
  }

  @Test
  void secureString_withAGivenKey_needsKmsEncryptAndDecrypt() {
    String keyId = f.kms.keys().createKey(dev, CreateKeyRequest.symmetric("ssm key")).key().keyId();
    Caller writer =
        f.user(
            "writer",
            """
            {"Effect":"Allow","Action":"ssm:PutParameter","Resource":"*"}\
            """);
    var put =
        new PutParameterRequest(
            "/k",
            "secret",
            ParameterType.SECURE_STRING,
            keyId,
            false,
            null,
            null,
            List.of(),
            null,
            null,
            null);
    assertAwsError(() -> parameters.putParameter(writer, put), "AccessDeniedException")
        .contains("kms:Encrypt");
    assertAwsError(() -> parameters.getParameter(dev, "/k", false), "ParameterNotFound");

    Caller reader =
        f.user(
            "reader",
            """
            {"Effect":"Allow","Action":["ssm:GetParameter"],"Resource":"*"}\
            """);
    parameters.putParameter(dev, put);
    assertThat(parameters.getParameter(reader, "/k", false).value()).isNotEqualTo("secret");
    assertAwsError(() -> parameters.getParameter(reader, "/k", true), "AccessDeniedException")
        .contains("kms:Decrypt");
  }

  @Test
  void secureString_withTheDefaultKey_needsNoKmsGrant() {
    Caller user =
        f.user(
            "app",
            """
            {"Effect":"Allow","Action":["ssm:PutParameter","ssm:GetParameter"],"Resource":"*"}\
            """);
    parameters.putParameter(
        user, PutParameterRequest.of("/default", "secret", ParameterType.SECURE_STRING));
    assertThat(parameters.getParameter(user, "/default", true).value()).isEqualTo("secret");
  }

  @Test
  void unknownKey_isInvalidKeyId() {
    var put =
        new PutParameterRequest(
            "/k",
            "secret",
            ParameterType.SECURE_STRING,
            "alias/none",
            false,
            null,
            null,
            List.of(),
            null,
            null,
            null);
    assertAwsError(() -> parameters.putParameter(dev, put), "InvalidKeyId");
  }

  @Test
  void aUserWithoutTheGrant_isDenied_onTheParameterArn() {
    Caller reader =
        f.user(
            "reader",
            """
            {"Effect":"Allow","Action":"ssm:GetParameter",
             "Resource":"arn:aws:ssm:us-east-1:111111111111:parameter/app/*"}\
            """);
    parameters.putParameter(dev, PutParameterRequest.of("/app/x", "1", ParameterType.STRING));
    parameters.putParameter(dev, PutParameterRequest.of("/other/x", "1", ParameterType.STRING));
    assertThat(parameters.getParameter(reader, "/app/x", false).value()).isEqualTo("1");
    assertAwsError(
            () -> parameters.getParameter(reader, "/other/x", false), "AccessDeniedException")
        .contains("ssm:GetParameter");
    assertAwsError(
            () ->
                parameters.putParameter(
                    reader, PutParameterRequest.of("/app/y", "1", ParameterType.STRING)),
            "AccessDeniedException")
        .contains("ssm:PutParameter");
    assertAwsError(() -> parameters.getParameter(dev, "/app/y", false), "ParameterNotFound");
  }

  @Test
  void templateValue_readsStringsAndRefusesSecureStrings() {
    parameters.putParameter(dev, PutParameterRequest.of("/cfn/v", "hello", ParameterType.STRING));
    parameters.putParameter(
        dev, PutParameterRequest.of("/cfn/s", "secret", ParameterType.SECURE_STRING));
    assertThat(parameters.templateValue(dev, "/cfn/v")).isEqualTo("hello");
    assertAwsError(() -> parameters.templateValue(dev, "/cfn/s"), "ValidationException");
    assertAwsError(() -> parameters.templateValue(dev, "/cfn/none"), "ParameterNotFound");
  }

  private static PutParameterRequest overwrite(String name, String value) {
    return new PutParameterRequest(
        name, value, null, null, true, null, null, List.of(), null, null, null);
  }
}
