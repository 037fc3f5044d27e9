package ferry.kms.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ferry.testing.RunningFerry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreNotFoundException;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DryRunOperationException;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

/**
 * Every member of an implemented KMS operation is applied as AWS documents it, or the request is
 * refused: none is silently ignored.
 */
class KmsRequestMembersWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static KmsClient dev;
  static String keyId;
  static SdkBytes ciphertext;

  @BeforeAll
  static void start() {
    dev =
        KmsClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(ferry.credentials("dev"))
            .build();
    keyId = dev.createKey(k -> k.description("members")).keyMetadata().keyId();
    ciphertext =
        dev.encrypt(e -> e.keyId(keyId).plaintext(SdkBytes.fromUtf8String("secret")))
            .ciphertextBlob();
  }

  @AfterAll
  static void stop() {
    dev.close();
  }

  @Test
  void dryRun_onCryptography_checksAndAnswersDryRunOperation() {
    DryRunOperationException encrypt =
        catchThrowableOfType(
            DryRunOperationException.class,
            () ->
                dev.encrypt(
                    e -> e.keyId(keyId).plaintext(SdkBytes.fromUtf8String("x")).dryRun(true)));
    assertThat(encrypt.statusCode()).isEqualTo(412);
    assertThat(encrypt.awsErrorDetails().errorMessage())
        .isEqualTo("The request would have succeeded, but the DryRun option is set.");

    assertThat(
            catchThrowableOfType(
                DryRunOperationException.class,
                () -> dev.decrypt(d -> d.ciphertextBlob(ciphertext).dryRun(true))))
        .isNotNull();
    assertThat(
            catchThrowableOfType(
                DryRunOperationException.class,
                () ->
                    dev.generateDataKey(
                        g -> g.keyId(keyId).keySpec(DataKeySpec.AES_256).dryRun(true))))
        .isNotNull();
    assertThat(
            catchThrowableOfType(
                DryRunOperationException.class,
                () ->
                    dev.generateDataKeyWithoutPlaintext(
                        g -> g.keyId(keyId).numberOfBytes(32).dryRun(true))))
        .isNotNull();
    assertThat(
            catchThrowableOfType(
                DryRunOperationException.class,
                () ->
                    dev.reEncrypt(
                        r -> r.ciphertextBlob(ciphertext).destinationKeyId(keyId).dryRun(true))))
        .isNotNull();
    // A dry run that would fail answers the failure, not DryRunOperation.
    assertThat(
            catchThrowableOfType(
                InvalidCiphertextException.class,
                () ->
                    dev.decrypt(d ->
                        d.ciphertextBlob(SdkBytes.fromUtf8String("not a ciphertext"))
                            .dryRun(true))))
        .isNotNull();

    assertThat(
            dev.decrypt(d -> d.ciphertextBlob(ciphertext).dryRun(false))
                .plaintext()
                .asString(StandardCharsets.UTF_8))
        .isEqualTo("secret");
  }

  @Test
  void dryRun_onGrants_isRefused_andNoGrantIsMade() {
    UnsupportedOperationException error =
        catchThrowableOfType(
            UnsupportedOperationException.class,
            () ->
                dev.createGrant(g ->
                    g.keyId(keyId)
                        .granteePrincipal("arn:aws:iam::222222222222:root")
                        .operations(GrantOperation.DECRYPT)
                        .dryRun(true)));
    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo("Ferry does not support the parameter DryRun of CreateGrant.");
    assertThat(dev.listGrants(l -> l.keyId(keyId)).grants()).isEmpty();

    String grantId =
        dev.createGrant(g ->
                g.keyId(keyId)
                    .granteePrincipal("arn:aws:iam::222222222222:root")
                    .operations(GrantOperation.DECRYPT))
            .grantId();
    assertThat(
            catchThrowableOfType(
                UnsupportedOperationException.class,
                () -> dev.revokeGrant(r -> r.keyId(keyId).grantId(grantId).dryRun(true))))
        .isNotNull();
    assertThat(dev.listGrants(l -> l.keyId(keyId)).grants()).hasSize(1);
    dev.revokeGrant(r -> r.keyId(keyId).grantId(grantId));
    assertThat(dev.listGrants(l -> l.keyId(keyId)).grants()).isEmpty();
  }

  @Test
  void recipientAndDryRunModifiers_areRefused() {
    KmsException recipient =
        catchThrowableOfType(
            UnsupportedOperationException.class,
            () ->
                dev.decrypt(d ->
                    d.ciphertextBlob(ciphertext)
                        .recipient(r ->
                            r.keyEncryptionAlgorithm("RSAES_OAEP_SHA_256")
                                .attestationDocument(SdkBytes.fromUtf8String("doc")))));
    assertThat(recipient.awsErrorDetails().errorMessage())
        .isEqualTo("Ferry does not support the parameter Recipient of Decrypt.");

    KmsException modifiers =
        catchThrowableOfType(
            UnsupportedOperationException.class,
            () ->
                dev.decrypt(d ->
                    d.ciphertextBlob(ciphertext)
                        .dryRun(true)
                        .dryRunModifiersWithStrings("IGNORE_CIPHERTEXT")));
    assertThat(modifiers.awsErrorDetails().errorMessage())
        .isEqualTo("Ferry does not support the parameter DryRunModifiers of Decrypt.");
  }

  @Test
  void customKeyStores_doNotExist_andNoKeyIsMade() {
    int keys = dev.listKeys(l -> l.limit(1000)).keys().size();
    CustomKeyStoreNotFoundException create =
        catchThrowableOfType(
            CustomKeyStoreNotFoundException.class,
            () -> dev.createKey(k -> k.customKeyStoreId("cks-1234567890abcdef0")));
    assertThat(create.statusCode()).isEqualTo(400);
    assertThat(create.awsErrorDetails().errorMessage()).contains("cks-1234567890abcdef0");
    assertThat(dev.listKeys(l -> l.limit(1000)).keys()).hasSize(keys);

    assertThat(
            catchThrowableOfType(
                CustomKeyStoreNotFoundException.class,
                () ->
                    dev.generateRandom(
                        g -> g.numberOfBytes(16).customKeyStoreId("cks-1234567890abcdef0"))))
        .isNotNull();
    assertThat(dev.generateRandom(g -> g.numberOfBytes(16)).plaintext().asByteArray()).hasSize(16);
  }
}
