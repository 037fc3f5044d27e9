package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.kms.MasterKey;
import ferry.kms.store.KeyRepository;
import ferry.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The guide's KMS key with the real aws CLI v2: created in dev with the console-style key policy,
 * aliased {@code alias/s3deploykey}, used from dev and from prod, and broken one grant at a time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KmsIT extends FerryPerClass {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path GUIDE = Path.of("..", "examples", "guide", "dev");

  static AwsCli prod;
  static String keyArn;
  static String keyId;
  static Path ciphertext;
  static final List<byte[]> secrets = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    prod = AwsCli.as(ferry, "prod");
    Path policy = GUIDE.resolve("s3deploykey-policy.json").toAbsolutePath();
    JsonNode created =
        json(
            dev.run(
                    "kms",
                    "create-key",
                    "--description",
                    "s3deploykey",
                    "--policy",
                    "file://" + policy)
                .assertOk());
    keyArn = created.at("/KeyMetadata/Arn").asText();
    keyId = created.at("/KeyMetadata/KeyId").asText();
    dev.run("kms", "create-alias", "--alias-name", "alias/s3deploykey", "--target-key-id", keyId)
        .assertOk();
    Path plaintext = Files.writeString(work.resolve("artifact.txt"), "the deployed artifact");
    secrets.add("the deployed artifact".getBytes(StandardCharsets.UTF_8));
    JsonNode encrypted =
        json(
            dev.run(
                    "kms",
                    "encrypt",
                    "--key-id",
                    "alias/s3deploykey",
                    "--plaintext",
                    "fileb://" + plaintext,
                    "--encryption-context",
                    "stage=deploy")
                .assertOk());
    assertThat(encrypted.get("KeyId").asText()).isEqualTo(keyArn);
    ciphertext =
        Files.write(
            work.resolve("artifact.enc"),
            Base64.getDecoder().decode(encrypted.get("CiphertextBlob").asText()));
  }

  static JsonNode json(AwsCli.Result result) throws Exception {
    return JSON.readTree(result.stdout());
  }

  static String plaintextOf(AwsCli.Result result) throws Exception {
    return new String(
        Base64.getDecoder().decode(json(result.assertOk()).get("Plaintext").asText()),
        StandardCharsets.UTF_8);
  }

  static AwsCli.Result decrypt(AwsCli cli, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("kms", "decrypt", "--ciphertext-blob", "fileb://" + ciphertext));
    args.addAll(List.of(extra));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  @Order(1)
  void guideKey_describedWithTheConsolePolicyAndAlias() throws Exception {
    JsonNode described =
        json(dev.run("kms", "describe-key", "--key-id", "alias/s3deploykey").assertOk());
    assertThat(described.at("/KeyMetadata/Arn").asText())
        .isEqualTo("arn:aws:kms:us-east-1:111111111111:key/" + keyId);
    assertThat(described.at("/KeyMetadata/KeyManager").asText()).isEqualTo("CUSTOMER");
    JsonNode policy =
        JSON.readTree(
            json(dev.run("kms", "get-key-policy", "--key-id", keyId, "--policy-name", "default")
                    .assertOk())
                .get("Policy")
                .asText());
    assertThat(policy.get("Id").asText()).isEqualTo("key-consolepolicy-3");
    assertThat(policy.toString()).contains("arn:aws:iam::222222222222:root");
    assertThat(dev.run("kms", "list-aliases").assertOk().stdout()).contains("alias/s3deploykey");
  }

  @Test
  @Order(2)
  void encryptDecrypt_roundTripInDev() throws Exception {
    assertThat(plaintextOf(decrypt(dev, "--encryption-context", "stage=deploy")))
        .isEqualTo("the deployed artifact");
  }

  @Test
  @Order(3)
  void prod_decryptsAndGeneratesDataKeys_byKeyArn() throws Exception {
    assertThat(
            plaintextOf(decrypt(prod, "--encryption-context", "stage=deploy", "--key-id", keyArn)))
        .isEqualTo("the deployed artifact");
    JsonNode dataKey =
        json(
            prod.run("kms", "generate-data-key", "--key-id", keyArn, "--key-spec", "AES_256")
                .assertOk());
    byte[] plaintext = Base64.getDecoder().decode(dataKey.get("Plaintext").asText());
    assertThat(plaintext).hasSize(32);
    secrets.add(plaintext);
  }

  @Test
  @Order(4)
  void prod_viaTheAlias_isNotFound() throws Exception {
    AwsCli.Result result =
        prod.run(
            "kms", "generate-data-key", "--key-id", "alias/s3deploykey", "--key-spec", "AES_256");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr())
        .contains("NotFoundException")
        .contains("Alias arn:aws:kms:us-east-1:222222222222:alias/s3deploykey is not found.");
  }

  @Test
  @Order(5)
  void tamperedOrWrongContext_isInvalidCiphertext() throws Exception {
    AwsCli.Result wrongContext = decrypt(dev, "--encryption-context", "stage=other");
    assertThat(wrongContext.exitCode()).isNotZero();
    assertThat(wrongContext.stderr()).contains("InvalidCiphertextException");

    byte[] flipped = Files.readAllBytes(ciphertext);
    flipped[flipped.length - 20] ^= 0x10;
    Path tampered = Files.write(work.resolve("tampered.enc"), flipped);
    AwsCli.Result result =
        dev.run(
            "kms",
            "decrypt",
            "--ciphertext-blob",
            "fileb://" + tampered,
            "--encryption-context",
            "stage=deploy");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("InvalidCiphertextException");
    assertThat(plaintextOf(decrypt(dev, "--encryption-context", "stage=deploy")))
        .isEqualTo("the deployed artifact");
  }

  @Test
  @Order(6)
  void disabledKey_isDisabledException() throws Exception {
    dev.run("kms", "disable-key", "--key-id", keyId).assertOk();
    AwsCli.Result result = decrypt(dev, "--encryption-context", "stage=deploy");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("DisabledException").contains(keyArn + " is disabled.");
    dev.run("kms", "enable-key", "--key-id", keyId).assertOk();
    assertThat(plaintextOf(decrypt(dev, "--encryption-context", "stage=deploy")))
        .isEqualTo("the deployed artifact");
  }

  /**
   * A prod IAM user: without an identity policy the key policy's delegation to prod is not enough;
   * with {@code devkmss3access} decrypt and generate-data-key by key ARN work. Needs IAM.
   */
  @Test
  @Order(7)
  void prodUser_needsTheDevkmss3accessPolicy() throws Exception {
    AwsCli.Result user = prod.run("iam", "create-user", "--user-name", "kmsdeployer");
    Assumptions.assumeTrue(
        user.exitCode() == 0, "IAM users and policies are not served yet: " + user.stderr());
    JsonNode key =
        json(prod.run("iam", "create-access-key", "--user-name", "kmsdeployer").assertOk())
            .get("AccessKey");
    AwsCli deployer =
        new AwsCli(
            ferry.endpoint(), key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText());

    AwsCli.Result denied = decrypt(deployer, "--encryption-context", "stage=deploy");
    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.stderr())
        .contains("AccessDeniedException")
        .contains(
            "User: arn:aws:iam::222222222222:user/kmsdeployer is not authorized to perform:"
                + " kms:Decrypt on resource: "
                + keyArn
                + " because no identity-based policy allows the kms:Decrypt action");

    String devkmss3access =
        """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"VisualEditor0","Effect":"Allow",
           "Action":["kms:DescribeKey","kms:GenerateDataKey*","kms:Encrypt","kms:ReEncrypt*",
                     "kms:Decrypt"],
           "Resource":"%s"}]}\
        """
            .formatted(keyArn);
    Path document = Files.writeString(work.resolve("devkmss3access.json"), devkmss3access);
    String policyArn =
        json(prod.run(
                    "iam",
                    "create-policy",
                    "--policy-name",
                    "devkmss3access",
                    "--policy-document",
                    "file://" + document)
                .assertOk())
            .at("/Policy/Arn")
            .asText();
    prod.run("iam", "attach-user-policy", "--user-name", "kmsdeployer", "--policy-arn", policyArn)
        .assertOk();
    assertThat(
            plaintextOf(
                decrypt(deployer, "--encryption-context", "stage=deploy", "--key-id", keyArn)))
        .isEqualTo("the deployed artifact");
    deployer
        .run("kms", "generate-data-key", "--key-id", keyArn, "--number-of-bytes", "32")
        .assertOk();
  }

  @Test
  @Order(8)
  void withoutProdInTheKeyPolicy_prodIsDenied_namingTheKeyPolicy() throws Exception {
    String policy =
        Files.readString(GUIDE.resolve("s3deploykey-policy.json"))
            .replace("\"arn:aws:iam::222222222222:root\",", "");
    Path withoutProd = Files.writeString(work.resolve("without-prod.json"), policy);
    dev.run(
            "kms",
            "put-key-policy",
            "--key-id",
            keyId,
            "--policy-name",
            "default",
            "--policy",
            "file://" + withoutProd)
        .assertOk();
    AwsCli.Result denied = decrypt(prod, "--encryption-context", "stage=deploy");
    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.stderr())
        .contains("AccessDeniedException")
        .contains(
            "User: arn:aws:iam::222222222222:root is not authorized to perform: kms:Decrypt on"
                + " resource: "
                + keyArn
                + " because no resource-based policy allows the kms:Decrypt action");
  }

  @Test
  @Order(9)
  void noFileInTheDataFolder_holdsKeyMaterialInPlaintext() throws Exception {
    JsonNode dataKey =
        json(
            dev.run("kms", "generate-data-key", "--key-id", keyId, "--number-of-bytes", "64")
                .assertOk());
    secrets.add(Base64.getDecoder().decode(dataKey.get("Plaintext").asText()));
    Path dataDir = ferry.dataDir();
    ferry.close();

    MasterKey master = MasterKey.openOrCreate(dataDir);
    try (Database db = Database.openSqlite(dataDir)) {
      var keys = new KeyRepository(db);
      for (var key : keys.list(AccountId.of("111111111111"), Region.US_EAST_1, null, 1000)) {
        SecretKey material = master.unwrap(key.wrappedMaterial(), key.materialLabel());
        secrets.add(material.getEncoded());
      }
    }
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(3);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dataDir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      byte[] content = Files.readAllBytes(file);
      String latin = new String(content, StandardCharsets.ISO_8859_1);
      for (byte[] secret : secrets) {
        assertThat(latin)
            .as("a secret in %s", file)
            .doesNotContain(new String(secret, StandardCharsets.ISO_8859_1))
            .doesNotContain(Base64.getEncoder().encodeToString(secret))
            .doesNotContain(HexFormat.of().formatHex(secret));
      }
    }
    assertThat(ferry.output()).doesNotContain(Base64.getEncoder().encodeToString(secrets.get(0)));
  }
}
