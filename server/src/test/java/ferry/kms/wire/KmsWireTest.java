package ferry.kms.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ferry.testing.RunningFerry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.EncryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** KMS through the AWS SDK for Java v2: shapes, errors and the guide's cross-account use. */
class KmsWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static KmsClient dev;
  static KmsClient prod;

  @BeforeAll
  static void start() throws Exception {
    dev = client("dev", Region.US_EAST_1);
    prod = client("prod", Region.US_EAST_1);
  }

  static KmsClient client(String account, Region region) {
    return KmsClient.builder()
        .endpointOverride(ferry.endpoint())
        .region(region)
        .httpClient(Apache5HttpClient.create())
        .credentialsProvider(ferry.credentials(account))
        .build();
  }

  @AfterAll
  static void stop() throws Exception {
    dev.close();
    prod.close();
  }

  static String guidePolicy() throws Exception {
    return Files.readString(Path.of("..", "examples", "guide", "dev", "s3deploykey-policy.json"));
  }

  @Test
  void createDescribeKey_givesTheModelsKeyMetadata() {
    KeyMetadata created =
        dev.createKey(k ->
                k.description("wire key")
                    .tags(
                        software.amazon.awssdk.services.kms.model.Tag.builder()
                            .tagKey("team")
                            .tagValue("a")
                            .build()))
            .keyMetadata();
    assertThat(created.awsAccountId()).isEqualTo("111111111111");
    assertThat(created.arn())
        .isEqualTo("arn:aws:kms:us-east-1:111111111111:key/" + created.keyId());
    assertThat(created.keyStateAsString()).isEqualTo("Enabled");
    assertThat(created.enabled()).isTrue();
    assertThat(created.keyUsageAsString()).isEqualTo("ENCRYPT_DECRYPT");
    assertThat(created.keySpecAsString()).isEqualTo("SYMMETRIC_DEFAULT");
    assertThat(created.originAsString()).isEqualTo("AWS_KMS");
    assertThat(created.keyManagerAsString()).isEqualTo("CUSTOMER");
    assertThat(created.encryptionAlgorithmsAsStrings()).containsExactly("SYMMETRIC_DEFAULT");
    assertThat(created.multiRegion()).isFalse();
    assertThat(created.creationDate()).isNotNull();
    KeyMetadata described = dev.describeKey(d -> d.keyId(created.keyId())).keyMetadata();
    assertThat(described).isEqualTo(created);
    assertThat(dev.listKeys(l -> l.limit(1000)).keys())
        .anySatisfy(k -> assertThat(k.keyArn()).isEqualTo(created.arn()));
  }

  @Test
  void encryptDecrypt_roundTrip_withContext_andErrorsAre400WithTheirCodes() {
    String keyId = dev.createKey(k -> k.description("round trip")).keyMetadata().keyId();
    Map<String, String> context = Map.of("purpose", "wire");
    EncryptResponse encrypted =
        dev.encrypt(e ->
            e.keyId(keyId).plaintext(SdkBytes.fromUtf8String("hello")).encryptionContext(context));
    DecryptResponse decrypted =
        dev.decrypt(d -> d.ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(context));
    assertThat(decrypted.plaintext().asUtf8String()).isEqualTo("hello");
    assertThat(decrypted.keyId()).isEqualTo(encrypted.keyId());
    assertThat(decrypted.encryptionAlgorithmAsString()).isEqualTo("SYMMETRIC_DEFAULT");

    InvalidCiphertextException wrongContext =
        catchThrowableOfType(
            InvalidCiphertextException.class,
            () ->
                dev.decrypt(d ->
                    d.ciphertextBlob(encrypted.ciphertextBlob())
                        .encryptionContext(Map.of("purpose", "other"))));
    assertThat(wrongContext.statusCode()).isEqualTo(400);

    byte[] flipped = encrypted.ciphertextBlob().asByteArray();
    flipped[flipped.length - 5] ^= 1;
    catchThrowableOfType(
        InvalidCiphertextException.class,
        () ->
            dev.decrypt(
                d -> d.ciphertextBlob(SdkBytes.fromByteArray(flipped)).encryptionContext(context)));

    dev.disableKey(d -> d.keyId(keyId));
    DisabledException disabled =
        catchThrowableOfType(
            DisabledException.class,
            () -> dev.encrypt(e -> e.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x"))));
    assertThat(disabled.awsErrorDetails().errorMessage()).endsWith(" is disabled.");
    dev.enableKey(e -> e.keyId(keyId));
    assertThat(
            dev.decrypt(
                    d -> d.ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(context))
                .plaintext()
                .asUtf8String())
        .isEqualTo("hello");
  }

  @Test
  void guideKey_crossAccount_byKeyArnWorks_byAliasIsNotFound_withoutProdIsDenied()
      throws Exception {
    String policy = guidePolicy();
    KeyMetadata key = dev.createKey(k -> k.description("s3deploykey").policy(policy)).keyMetadata();
    dev.createAlias(a -> a.aliasName("alias/s3deploykey").targetKeyId(key.keyId()));
    assertThat(dev.listAliases(l -> l.keyId(key.keyId())).aliases())
        .extracting(AliasListEntry::aliasName)
        .containsExactly("alias/s3deploykey");
    EncryptResponse encrypted =
        dev.encrypt(
            e -> e.keyId("alias/s3deploykey").plaintext(SdkBytes.fromUtf8String("artifact")));

    DecryptResponse fromProd =
        prod.decrypt(d -> d.ciphertextBlob(encrypted.ciphertextBlob()).keyId(key.arn()));
    assertThat(fromProd.plaintext().asUtf8String()).isEqualTo("artifact");
    GenerateDataKeyResponse dataKey =
        prod.generateDataKey(g -> g.keyId(key.arn()).keySpec(DataKeySpec.AES_256));
    assertThat(dataKey.plaintext().asByteArray()).hasSize(32);
    assertThat(dataKey.keyId()).isEqualTo(key.arn());

    NotFoundException byAlias =
        catchThrowableOfType(
            NotFoundException.class,
            () -> prod.generateDataKey(g -> g.keyId("alias/s3deploykey").numberOfBytes(32)));
    assertThat(byAlias.awsErrorDetails().errorMessage())
        .isEqualTo("Alias arn:aws:kms:us-east-1:222222222222:alias/s3deploykey is not found.");

    dev.putKeyPolicy(p ->
        p.keyId(key.keyId())
            .policyName("default")
            .policy(
                dev.getKeyPolicy(g -> g.keyId(key.keyId()))
                    .policy()
                    .replace("\"arn:aws:iam::222222222222:root\",", "")));
    KmsException denied =
        catchThrowableOfType(
            KmsException.class,
            () -> prod.decrypt(d -> d.ciphertextBlob(encrypted.ciphertextBlob())));
    assertThat(denied.statusCode()).isEqualTo(400);
    assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
    assertThat(denied.awsErrorDetails().errorMessage())
        .startsWith(
            "User: arn:aws:iam::222222222222:root is not authorized to perform: kms:Decrypt on"
                + " resource: "
                + key.arn()
                + " because no resource-based policy allows the kms:Decrypt action");
    assertThat(
            denied.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-ferry-decision-id"))
        .isPresent();
  }

  @Test
  void malformedPolicy_andUnknownOperation_areJsonErrors() {
    MalformedPolicyDocumentException malformed =
        catchThrowableOfType(
            MalformedPolicyDocumentException.class, () -> dev.createKey(k -> k.policy("{nope")));
    assertThat(malformed.statusCode()).isEqualTo(400);
    KmsException missing =
        catchThrowableOfType(
            NotFoundException.class,
            () -> dev.describeKey(d -> d.keyId("00000000-0000-0000-0000-000000000000")));
    assertThat(missing.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Key 'arn:aws:kms:us-east-1:111111111111:key/00000000-0000-0000-0000-000000000000'"
                + " does not exist");
  }

  @Test
  void multiRegionKey_replicaInUsWest2_decryptsUsEast1Ciphertext() {
    KeyMetadata primary = dev.createKey(k -> k.multiRegion(true)).keyMetadata();
    assertThat(primary.keyId()).startsWith("mrk-");
    assertThat(primary.multiRegionConfiguration().multiRegionKeyTypeAsString())
        .isEqualTo("PRIMARY");
    KeyMetadata replica =
        dev.replicateKey(r -> r.keyId(primary.keyId()).replicaRegion("us-west-2"))
            .replicaKeyMetadata();
    assertThat(replica.arn()).isEqualTo(primary.arn().replace("us-east-1", "us-west-2"));
    assertThat(replica.multiRegionConfiguration().primaryKey().region()).isEqualTo("us-east-1");
    EncryptResponse east =
        dev.encrypt(e ->
            e.keyId(primary.keyId())
                .plaintext(SdkBytes.fromString("across", StandardCharsets.UTF_8)));
    try (KmsClient west = client("dev", Region.US_WEST_2)) {
      assertThat(
              west.decrypt(d -> d.ciphertextBlob(east.ciphertextBlob())).plaintext().asUtf8String())
          .isEqualTo("across");
      assertThat(west.describeKey(d -> d.keyId(primary.keyId())).keyMetadata().keyState())
          .isEqualTo(KeyState.ENABLED);
    }
  }

  @Test
  void updateKeyDescription_isWhatDescribeKeyGives_andAPendingOrUnknownKeyIsRefused() {
    String keyId = dev.createKey(k -> k.description("one")).keyMetadata().keyId();
    dev.updateKeyDescription(u -> u.keyId(keyId).description("two"));
    assertThat(dev.describeKey(d -> d.keyId(keyId)).keyMetadata().description()).isEqualTo("two");

    NotFoundException missing =
        catchThrowableOfType(
            NotFoundException.class,
            () ->
                dev.updateKeyDescription(
                    u -> u.keyId("1234abcd-12ab-34cd-56ef-1234567890ab").description("x")));
    assertThat(missing.statusCode()).isEqualTo(400);

    dev.scheduleKeyDeletion(s -> s.keyId(keyId).pendingWindowInDays(7));
    KmsInvalidStateException pending =
        catchThrowableOfType(
            KmsInvalidStateException.class,
            () -> dev.updateKeyDescription(u -> u.keyId(keyId).description("three")));
    assertThat(pending.awsErrorDetails().errorCode()).isEqualTo("KMSInvalidStateException");
    assertThat(pending.awsErrorDetails().errorMessage()).endsWith("is pending deletion.");
    assertThat(dev.describeKey(d -> d.keyId(keyId)).keyMetadata().description()).isEqualTo("two");
  }
}
