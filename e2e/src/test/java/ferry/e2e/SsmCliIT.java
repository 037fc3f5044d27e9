package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SSM Parameter Store with the real aws CLI v2: put-parameter, get-parameter,
 * get-parameters-by-path and delete-parameter round trips, a SecureString, a user denied, and bad
 * input refused with AWS's errors while the stored parameters stay as they were.
 */
class SsmCliIT extends FerryPerClass {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "correct-horse-battery-staple";

  static JsonNode json(AwsCli.Result result) throws Exception {
    return JSON.readTree(result.assertOk().stdout());
  }

  static AwsCli.Result put(AwsCli cli, String name, String value, String... extra)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("ssm", "put-parameter", "--name", name, "--value", value, "--type", "String"));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  static String valueOf(String name) throws Exception {
    return json(dev.run("ssm", "get-parameter", "--name", name)).at("/Parameter/Value").asText();
  }

  @Test
  void putGetByPathDelete_roundTrip() throws Exception {
    JsonNode put = json(put(dev, "/site/config/bucket", "codepipeline-output-bucket"));
    assertThat(put.get("Version").asInt()).isEqualTo(1);
    assertThat(put.get("Tier").asText()).isEqualTo("Standard");
    json(put(dev, "/site/config/region", "us-east-1"));
    json(put(dev, "/site/config/deep/level", "3"));

    JsonNode got = json(dev.run("ssm", "get-parameter", "--name", "/site/config/bucket"));
    assertThat(got.at("/Parameter/Value").asText()).isEqualTo("codepipeline-output-bucket");
    assertThat(got.at("/Parameter/ARN").asText())
        .isEqualTo("arn:aws:ssm:us-east-1:111111111111:parameter/site/config/bucket");
    assertThat(got.at("/Parameter/Version").asInt()).isEqualTo(1);

    JsonNode overwritten = json(put(dev, "/site/config/bucket", "another-bucket", "--overwrite"));
    assertThat(overwritten.get("Version").asInt()).isEqualTo(2);

    JsonNode oneLevel = json(dev.run("ssm", "get-parameters-by-path", "--path", "/site/config"));
    assertThat(names(oneLevel)).containsExactly("/site/config/bucket", "/site/config/region");
    // The CLI pages through NextToken by itself: one parameter a page.
    JsonNode recursive =
        json(
            dev.run(
                "ssm",
                "get-parameters-by-path",
                "--path",
                "/site",
                "--recursive",
                "--page-size",
                "1"));
    assertThat(names(recursive))
        .containsExactly("/site/config/bucket", "/site/config/deep/level", "/site/config/region");

    dev.run("ssm", "delete-parameter", "--name", "/site/config/region").assertOk();
    AwsCli.Result gone = dev.run("ssm", "get-parameter", "--name", "/site/config/region");
    assertThat(gone.exitCode()).isNotZero();
    assertThat(gone.stderr()).contains("ParameterNotFound");
    AwsCli.Result again = dev.run("ssm", "delete-parameter", "--name", "/site/config/region");
    assertThat(again.stderr()).contains("ParameterNotFound");
  }

  @Test
  void badInput_isRefusedWithAwsErrors_andNothingChanges() throws Exception {
    json(put(dev, "/bad/kept", "original"));

    AwsCli.Result reserved = put(dev, "/aws/mine", "v");
    assertThat(reserved.exitCode()).isNotZero();
    assertThat(reserved.stderr())
        .contains("ValidationException")
        .contains("can't be prefixed with \"aws\" or \"ssm\"");
    AwsCli.Result spaces = put(dev, "/bad/has space", "v");
    assertThat(spaces.stderr()).contains("ValidationException");
    AwsCli.Result notQualified = put(dev, "bad/relative", "v");
    assertThat(notQualified.stderr()).contains("ValidationException").contains("fully qualified");

    AwsCli.Result tooLong = put(dev, "/bad/long", "x".repeat(4097));
    assertThat(tooLong.exitCode()).isNotZero();
    assertThat(tooLong.stderr())
        .contains("ValidationException")
        .contains("Standard tier parameters support a maximum parameter value of 4096 characters");

    AwsCli.Result noOverwrite = put(dev, "/bad/kept", "changed");
    assertThat(noOverwrite.exitCode()).isNotZero();
    assertThat(noOverwrite.stderr()).contains("ParameterAlreadyExists");

    AwsCli.Result tagsAndOverwrite =
        put(dev, "/bad/kept", "changed", "--overwrite", "--tags", "Key=team,Value=web");
    assertThat(tagsAndOverwrite.stderr()).contains("tags and overwrite can't be used together");

    assertThat(valueOf("/bad/kept")).isEqualTo("original");
    assertThat(json(dev.run("ssm", "get-parameters-by-path", "--path", "/bad")).get("Parameters"))
        .hasSize(1);
    AwsCli.Result missing = dev.run("ssm", "get-parameter", "--name", "/bad/long");
    assertThat(missing.stderr()).contains("ParameterNotFound");
    json(put(dev, "/bad/next", "fine"));
  }

  @Test
  void secureString_isDecryptedOnlyWhenAsked_andNeverStoredInPlaintext() throws Exception {
    json(
        dev.run(
            "ssm",
            "put-parameter",
            "--name",
            "/secure/db-password",
            "--value",
            SECRET,
            "--type",
            "SecureString"));
    JsonNode hidden = json(dev.run("ssm", "get-parameter", "--name", "/secure/db-password"));
    assertThat(hidden.at("/Parameter/Type").asText()).isEqualTo("SecureString");
    assertThat(hidden.at("/Parameter/Value").asText()).isNotEqualTo(SECRET);
    JsonNode shown =
        json(dev.run("ssm", "get-parameter", "--name", "/secure/db-password", "--with-decryption"));
    assertThat(shown.at("/Parameter/Value").asText()).isEqualTo(SECRET);
    JsonNode alias = json(dev.run("kms", "describe-key", "--key-id", "alias/aws/ssm"));
    assertThat(alias.at("/KeyMetadata/KeyManager").asText()).isEqualTo("AWS");

    try (Stream<Path> files = Files.walk(work.resolve("data"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
            .as("the SecureString's plaintext in %s", file)
            .doesNotContain(SECRET);
      }
    }
    assertThat(ferry.output()).doesNotContain(SECRET);
  }

  @Test
  void aUserWithoutTheGrant_isDenied() throws Exception {
    dev.run("iam", "create-user", "--user-name", "site-reader").assertOk();
    dev.run(
            "iam",
            "put-user-policy",
            "--user-name",
            "site-reader",
            "--policy-name",
            "read-app",
            "--policy-document",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Action":["ssm:GetParameter","ssm:GetParametersByPath"],
             "Resource":"arn:aws:ssm:us-east-1:111111111111:parameter/app/*"}]}\
            """)
        .assertOk();
    JsonNode key = json(dev.run("iam", "create-access-key", "--user-name", "site-reader"));
    var reader =
        new AwsCli(
            ferry.endpoint(),
            key.at("/AccessKey/AccessKeyId").asText(),
            key.at("/AccessKey/SecretAccessKey").asText());
    json(put(dev, "/app/name", "site"));
    json(put(dev, "/ops/token", "t"));

    // IAM is eventually consistent on AWS; Ferry's new key and policy are usable at once.
    assertThat(
            json(reader.run("ssm", "get-parameter", "--name", "/app/name"))
                .at("/Parameter/Value")
                .asText())
        .isEqualTo("site");
    AwsCli.Result denied = reader.run("ssm", "get-parameter", "--name", "/ops/token");
    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.stderr())
        .contains("AccessDeniedException")
        .contains("ssm:GetParameter")
        .contains("arn:aws:ssm:us-east-1:111111111111:parameter/ops/token");
    AwsCli.Result write = put(reader, "/app/other", "v");
    assertThat(write.stderr()).contains("AccessDeniedException").contains("ssm:PutParameter");
    assertThat(dev.run("ssm", "get-parameter", "--name", "/app/other").stderr())
        .contains("ParameterNotFound");
  }

  private static List<String> names(JsonNode result) {
    List<String> names = new ArrayList<>();
    result.get("Parameters").forEach(p -> names.add(p.get("Name").asText()));
    return names;
  }
}
