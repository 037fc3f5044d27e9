package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * KMS beyond the guide with the real aws CLI v2: key tags and a key policy that decides by them,
 * key rotation with older ciphertexts still decrypting, scheduled and cancelled deletion, and bad
 * input refused with nothing stored.
 *
 * <p>Debian's aws CLI (2.9) predates RotateKeyOnDemand, ListKeyRotations and RotationPeriodInDays,
 * so the rotation steps give it the newer KMS model of the machine's botocore through {@code
 * AWS_DATA_PATH}, as {@code aws configure add-model} would.
 */
class KmsBreadthIT extends FerryPerClass {
  private static final ObjectMapper JSON = new ObjectMapper();

  static AwsCli prod;
  static AwsCli devNewModel;

  @BeforeAll
  static void start() throws Exception {
    prod = AwsCli.as(ferry, "prod");
    devNewModel = dev.withEnvironment("AWS_DATA_PATH", newerKmsModel().toString());
  }

  /** The KMS model of the botocore that python3 has, unpacked where the CLI's loader looks. */
  static Path newerKmsModel() throws Exception {
    Process python =
        new ProcessBuilder(
                "python3", "-c", "import botocore, os; print(os.path.dirname(botocore.__file__))")
            .redirectErrorStream(true)
            .start();
    String botocore = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Path model = Path.of(botocore.strip(), "data", "kms", "2014-11-01", "service-2.json.gz");
    assertThat(model).as("the newer KMS model (boto3 for python3 brings it; see .ci/run)").exists();
    Path target = work.resolve("models").resolve("kms").resolve("2014-11-01");
    Files.createDirectories(target);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(model))) {
      Files.copy(in, target.resolve("service-2.json"));
    }
    return work.resolve("models");
  }

  static JsonNode json(AwsCli.Result result) throws IOException {
    return JSON.readTree(result.assertOk().stdout());
  }

  static String createKey(AwsCli cli, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("kms", "create-key"));
    args.addAll(List.of(extra));
    return json(cli.run(args.toArray(String[]::new))).at("/KeyMetadata/KeyId").asText();
  }

  /** A member of describe-key's KeyMetadata, as text. */
  static String metadata(AwsCli cli, String keyId, String member) throws Exception {
    return json(cli.run("kms", "describe-key", "--key-id", keyId))
        .at("/KeyMetadata/" + member)
        .asText();
  }

  static Path encrypt(AwsCli cli, String keyId, String text, String name) throws Exception {
    Path plaintext = Files.writeString(work.resolve(name + ".txt"), text);
    JsonNode encrypted =
        json(cli.run("kms", "encrypt", "--key-id", keyId, "--plaintext", "fileb://" + plaintext));
    return Files.write(
        work.resolve(name + ".enc"),
        Base64.getDecoder().decode(encrypted.get("CiphertextBlob").asText()));
  }

  static String decrypt(AwsCli cli, Path ciphertext) throws Exception {
    JsonNode decrypted =
        json(cli.run("kms", "decrypt", "--ciphertext-blob", "fileb://" + ciphertext));
    return new String(
        Base64.getDecoder().decode(decrypted.get("Plaintext").asText()), StandardCharsets.UTF_8);
  }

  static AwsCli.Result refused(AwsCli.Result result, String code) {
    assertThat(result.exitCode()).as(result.stdout()).isNotZero();
    assertThat(result.stderr()).contains("(" + code + ")");
    return result;
  }

  @Test
  void tags_roundTrip() throws Exception {
    String keyId = createKey(dev, "--tags", "TagKey=team,TagValue=a");
    dev.run(
            "kms",
            "tag-resource",
            "--key-id",
            keyId,
            "--tags",
            "TagKey=team,TagValue=b",
            "TagKey=cost,TagValue=42")
        .assertOk();
    JsonNode tags = json(dev.run("kms", "list-resource-tags", "--key-id", keyId));
    assertThat(tags.get("Tags").toString())
        .isEqualTo(
            "[{\"TagKey\":\"team\",\"TagValue\":\"b\"},{\"TagKey\":\"cost\",\"TagValue\":\"42\"}]");
    JsonNode firstPage =
        json(
            dev.run(
                "kms", "list-resource-tags", "--key-id", keyId, "--no-paginate", "--limit", "1"));
    assertThat(firstPage.get("Truncated").asBoolean()).isTrue();
    assertThat(firstPage.get("Tags")).hasSize(1);
    dev.run("kms", "untag-resource", "--key-id", keyId, "--tag-keys", "team").assertOk();
    assertThat(json(dev.run("kms", "list-resource-tags", "--key-id", keyId)).get("Tags").toString())
        .isEqualTo("[{\"TagKey\":\"cost\",\"TagValue\":\"42\"}]");
  }

  @Test
  void keyPolicyWithResourceTag_letsProdUseTheKey_onlyWhileTheKeyIsTagged() throws Exception {
    String policy =
        """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"Enable IAM User Permissions","Effect":"Allow",
           "Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"kms:*","Resource":"*"},
          {"Sid":"Prod while the key is for deployment","Effect":"Allow",
           "Principal":{"AWS":"arn:aws:iam::222222222222:root"},
           "Action":["kms:Encrypt","kms:Decrypt"],"Resource":"*",
           "Condition":{"StringEquals":{"aws:ResourceTag/stage":"deploy"}}}]}
        """;
    Path policyFile = Files.writeString(work.resolve("abac-policy.json"), policy);
    String keyId = createKey(dev, "--policy", "file://" + policyFile);
    String keyArn = "arn:aws:kms:us-east-1:111111111111:key/" + keyId;
    Path ciphertext = encrypt(dev, keyId, "for prod", "abac");

    AwsCli.Result denied =
        refused(
            prod.run("kms", "decrypt", "--ciphertext-blob", "fileb://" + ciphertext),
            "AccessDeniedException");
    assertThat(denied.stderr()).contains("kms:Decrypt");
    dev.run("kms", "tag-resource", "--key-id", keyId, "--tags", "TagKey=stage,TagValue=deploy")
        .assertOk();
    assertThat(decrypt(prod, ciphertext)).isEqualTo("for prod");
    encrypt(prod, keyArn, "from prod", "abac-prod");

    dev.run("kms", "untag-resource", "--key-id", keyId, "--tag-keys", "stage").assertOk();
    refused(
        prod.run("kms", "decrypt", "--ciphertext-blob", "fileb://" + ciphertext),
        "AccessDeniedException");
    assertThat(decrypt(dev, ciphertext)).isEqualTo("for prod");
  }

  @Test
  void rotateKeyOnDemand_bothCiphertextsDecrypt_andListKeyRotationsShowsIt() throws Exception {
    String keyId = createKey(dev, "--description", "rotated");
    Path before = encrypt(dev, keyId, "before rotation", "rot-before");
    JsonNode rotated = json(devNewModel.run("kms", "rotate-key-on-demand", "--key-id", keyId));
    assertThat(rotated.get("KeyId").asText()).isEqualTo(keyId);
    Path after = encrypt(dev, keyId, "after rotation", "rot-after");
    assertThat(Files.readAllBytes(before)[0]).isNotEqualTo(Files.readAllBytes(after)[0]);

    assertThat(decrypt(dev, before)).isEqualTo("before rotation");
    assertThat(decrypt(dev, after)).isEqualTo("after rotation");

    JsonNode rotations =
        json(devNewModel.run("kms", "list-key-rotations", "--key-id", keyId)).get("Rotations");
    assertThat(rotations).hasSize(1);
    assertThat(rotations.get(0).get("KeyId").asText()).isEqualTo(keyId);
    assertThat(rotations.get(0).get("RotationType").asText()).isEqualTo("ON_DEMAND");
    assertThat(rotations.get(0).get("KeyMaterialState").asText()).isEqualTo("CURRENT");
    assertThat(rotations.get(0).has("RotationDate")).isTrue();

    devNewModel
        .run("kms", "enable-key-rotation", "--key-id", keyId, "--rotation-period-in-days", "180")
        .assertOk();
    JsonNode status = json(devNewModel.run("kms", "get-key-rotation-status", "--key-id", keyId));
    assertThat(status.get("KeyRotationEnabled").asBoolean()).isTrue();
    assertThat(status.get("RotationPeriodInDays").asInt()).isEqualTo(180);
    assertThat(status.has("NextRotationDate")).isTrue();
    dev.run("kms", "disable-key-rotation", "--key-id", keyId).assertOk();
    assertThat(
            json(dev.run("kms", "get-key-rotation-status", "--key-id", keyId))
                .get("KeyRotationEnabled")
                .asBoolean())
        .isFalse();
  }

  @Test
  void updateKeyDescription_isWhatDescribeKeyShows_butNotOnAKeyPendingDeletion() throws Exception {
    String keyId = createKey(dev, "--description", "before");
    dev.run("kms", "update-key-description", "--key-id", keyId, "--description", "after")
        .assertOk();
    assertThat(metadata(dev, keyId, "Description")).isEqualTo("after");
    dev.run("kms", "schedule-key-deletion", "--key-id", keyId, "--pending-window-in-days", "7")
        .assertOk();
    refused(
        dev.run("kms", "update-key-description", "--key-id", keyId, "--description", "late"),
        "KMSInvalidStateException");
    assertThat(metadata(dev, keyId, "Description")).isEqualTo("after");
  }

  @Test
  void scheduleAndCancelKeyDeletion() throws Exception {
    String keyId = createKey(dev, "--description", "doomed");
    String keyArn = "arn:aws:kms:us-east-1:111111111111:key/" + keyId;
    Path ciphertext = encrypt(dev, keyId, "kept", "doomed");
    JsonNode scheduled =
        json(
            dev.run(
                "kms",
                "schedule-key-deletion",
                "--key-id",
                keyId,
                "--pending-window-in-days",
                "7"));
    assertThat(scheduled.get("KeyId").asText()).isEqualTo(keyArn);
    assertThat(scheduled.get("KeyState").asText()).isEqualTo("PendingDeletion");
    assertThat(scheduled.get("PendingWindowInDays").asInt()).isEqualTo(7);
    JsonNode described = json(dev.run("kms", "describe-key", "--key-id", keyId)).get("KeyMetadata");
    assertThat(described.get("KeyState").asText()).isEqualTo("PendingDeletion");
    assertThat(described.get("DeletionDate").asText())
        .isEqualTo(scheduled.get("DeletionDate").asText());
    assertThat(described.get("Enabled").asBoolean()).isFalse();

    AwsCli.Result blocked =
        refused(
            dev.run("kms", "decrypt", "--ciphertext-blob", "fileb://" + ciphertext),
            "KMSInvalidStateException");
    assertThat(blocked.stderr()).contains(keyArn + " is pending deletion.");

    assertThat(json(dev.run("kms", "cancel-key-deletion", "--key-id", keyId)).get("KeyId").asText())
        .isEqualTo(keyArn);
    assertThat(
            json(dev.run("kms", "describe-key", "--key-id", keyId))
                .at("/KeyMetadata/KeyState")
                .asText())
        .isEqualTo("Disabled");
    dev.run("kms", "enable-key", "--key-id", keyId).assertOk();
    assertThat(decrypt(dev, ciphertext)).isEqualTo("kept");
  }

  @Test
  void badInput_isRefusedWithAwsErrors_andNothingIsStored() throws Exception {
    String keyId = createKey(dev, "--tags", "TagKey=keep,TagValue=me");
    List<String> tooMany = new ArrayList<>(List.of("kms", "tag-resource", "--key-id", keyId));
    tooMany.add("--tags");
    for (int i = 0; i < 51; i++) {
      tooMany.add("TagKey=k" + i + ",TagValue=v");
    }
    assertThat(refused(dev.run(tooMany.toArray(String[]::new)), "TagException").stderr())
        .contains("Too many tags");
    assertThat(
            refused(
                    dev.run(
                        "kms",
                        "tag-resource",
                        "--key-id",
                        keyId,
                        "--tags",
                        "TagKey=a,TagValue=1",
                        "TagKey=a,TagValue=2"),
                    "TagException")
                .stderr())
        .contains("Duplicate tag keys");
    int keys = json(dev.run("kms", "list-keys")).get("Keys").size();
    refused(
        dev.run("kms", "create-key", "--tags", "TagKey=x,TagValue=1", "TagKey=x,TagValue=2"),
        "TagException");
    assertThat(json(dev.run("kms", "list-keys")).get("Keys")).hasSize(keys);
    assertThat(json(dev.run("kms", "list-resource-tags", "--key-id", keyId)).get("Tags").toString())
        .isEqualTo("[{\"TagKey\":\"keep\",\"TagValue\":\"me\"}]");

    // The CLI checks the newer model's 90-2560 itself; without that check the server refuses.
    Path noClientChecks =
        Files.writeString(
            work.resolve("no-client-checks.cfg"), "[default]\nparameter_validation = false\n");
    AwsCli unchecked = devNewModel.withEnvironment("AWS_CONFIG_FILE", noClientChecks.toString());
    assertThat(
            refused(
                    unchecked.run(
                        "kms",
                        "enable-key-rotation",
                        "--key-id",
                        keyId,
                        "--rotation-period-in-days",
                        "30"),
                    "ValidationException")
                .stderr())
        .contains("Member must have value greater than or equal to 90");
    assertThat(
            refused(
                    dev.run(
                        "kms",
                        "schedule-key-deletion",
                        "--key-id",
                        keyId,
                        "--pending-window-in-days",
                        "5"),
                    "ValidationException")
                .stderr())
        .contains("Member must have value greater than or equal to 7");
    assertThat(
            json(dev.run("kms", "get-key-rotation-status", "--key-id", keyId))
                .get("KeyRotationEnabled")
                .asBoolean())
        .isFalse();
    assertThat(
            json(dev.run("kms", "describe-key", "--key-id", keyId))
                .at("/KeyMetadata/KeyState")
                .asText())
        .isEqualTo("Enabled");
    dev.run("kms", "tag-resource", "--key-id", keyId, "--tags", "TagKey=next,TagValue=ok")
        .assertOk();
  }
}
