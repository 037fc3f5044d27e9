package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The object tag condition keys with the real aws CLI v2: a user whose policy lets it read only
 * objects tagged security=public (s3:ExistingObjectTag) and write only with the tag keys it allows
 * (s3:RequestObjectTagKeys).
 */
class S3TagConditionsCliIT extends FerryPerClass {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aUserReadsOnlyPublicTaggedObjects_andTagsOnlyWithAllowedKeys() throws Exception {
    dev.run("s3api", "create-bucket", "--bucket", "tag-conditions").assertOk();
    Path body = Files.createTempFile("tagged", ".txt");
    Files.writeString(body, "hello");
    for (String[] object : new String[][] {{"public.txt", "public"}, {"secret.txt", "secret"}}) {
      dev.run(
              "s3api",
              "put-object",
              "--bucket",
              "tag-conditions",
              "--key",
              object[0],
              "--body",
              body.toString(),
              "--tagging",
              "security=" + object[1])
          .assertOk();
    }
    dev.run("iam", "create-user", "--user-name", "tagreader").assertOk();
    dev.run(
            "iam",
            "put-user-policy",
            "--user-name",
            "tagreader",
            "--policy-name",
            "tags",
            "--policy-document",
            """
            {"Version":"2012-10-17","Statement":[
             {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::tag-conditions/*",
              "Condition":{"StringEquals":{"s3:ExistingObjectTag/security":"public"}}},
             {"Effect":"Allow","Action":["s3:PutObject","s3:PutObjectTagging"],
              "Resource":"arn:aws:s3:::tag-conditions/*",
              "Condition":{"ForAllValues:StringEquals":{"s3:RequestObjectTagKeys":["team"]}}}]}\
            """)
        .assertOk();
    JsonNode key =
        JSON.readTree(
            dev.run("iam", "create-access-key", "--user-name", "tagreader").assertOk().stdout());
    AwsCli reader =
        new AwsCli(
            ferry.endpoint(),
            key.at("/AccessKey/AccessKeyId").asText(),
            key.at("/AccessKey/SecretAccessKey").asText());
    Path out = Files.createTempFile("got", ".txt");

    reader
        .run(
            "s3api",
            "get-object",
            "--bucket",
            "tag-conditions",
            "--key",
            "public.txt",
            out.toString())
        .assertOk();
    assertThat(Files.readString(out)).isEqualTo("hello");
    AwsCli.Result denied =
        reader.run(
            "s3api",
            "get-object",
            "--bucket",
            "tag-conditions",
            "--key",
            "secret.txt",
            out.toString());
    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.stderr()).contains("AccessDenied");

    reader
        .run(
            "s3api",
            "put-object",
            "--bucket",
            "tag-conditions",
            "--key",
            "mine.txt",
            "--body",
            body.toString(),
            "--tagging",
            "team=web")
        .assertOk();
    AwsCli.Result badTag =
        reader.run(
            "s3api",
            "put-object-tagging",
            "--bucket",
            "tag-conditions",
            "--key",
            "mine.txt",
            "--tagging",
            "TagSet=[{Key=cost,Value=1}]");
    assertThat(badTag.exitCode()).isNotZero();
    assertThat(badTag.stderr()).contains("AccessDenied");
    JsonNode tags =
        JSON.readTree(
            dev.run(
                    "s3api",
                    "get-object-tagging",
                    "--bucket",
                    "tag-conditions",
                    "--key",
                    "mine.txt")
                .assertOk()
                .stdout());
    assertThat(tags.at("/TagSet/0/Key").asText()).isEqualTo("team");
  }
}
