package ferry.kms.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ferry.testing.RunningFerry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.GetKeyRotationStatusResponse;
import software.amazon.awssdk.services.kms.model.IncludeKeyMaterial;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.RotationsListEntry;

/** Key rotation through the AWS SDK for Java v2: the model's shapes and AWS's errors. */
class KmsRotationWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static KmsClient dev;

  @BeforeAll
  static void start() {
    dev =
        KmsClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(ferry.credentials("dev"))
            .build();
  }

  @AfterAll
  static void stop() {
    dev.close();
  }

  @Test
  void rotateKeyOnDemand_oldCiphertextStillDecrypts_andListKeyRotationsShowsIt() {
    String keyId = dev.createKey(k -> k.description("rotated")).keyMetadata().keyId();
    SdkBytes plaintext = SdkBytes.fromString("before rotation", StandardCharsets.UTF_8);
    SdkBytes before = dev.encrypt(e -> e.keyId(keyId).plaintext(plaintext)).ciphertextBlob();

    assertThat(dev.rotateKeyOnDemand(r -> r.keyId(keyId)).keyId()).isEqualTo(keyId);
    SdkBytes after = dev.encrypt(e -> e.keyId(keyId).plaintext(plaintext)).ciphertextBlob();
    assertThat(dev.decrypt(d -> d.ciphertextBlob(before)).plaintext()).isEqualTo(plaintext);
    assertThat(dev.decrypt(d -> d.ciphertextBlob(after)).plaintext()).isEqualTo(plaintext);

    List<RotationsListEntry> rotations = dev.listKeyRotations(l -> l.keyId(keyId)).rotations();
    assertThat(rotations).hasSize(1);
    RotationsListEntry rotation = rotations.getFirst();
    assertThat(rotation.keyId()).isEqualTo(keyId);
    assertThat(rotation.rotationTypeAsString()).isEqualTo("ON_DEMAND");
    assertThat(rotation.keyMaterialStateAsString()).isEqualTo("CURRENT");
    assertThat(rotation.keyMaterialId()).matches("[0-9a-f]{64}");
    assertThat(rotation.rotationDate()).isNotNull();
    List<RotationsListEntry> all =
        dev.listKeyRotations(
                l -> l.keyId(keyId).includeKeyMaterial(IncludeKeyMaterial.ALL_KEY_MATERIAL))
            .rotations();
    assertThat(all).hasSize(2);
    assertThat(all.getFirst().keyMaterialStateAsString()).isEqualTo("NON_CURRENT");
    assertThat(all.getFirst().rotationDate()).isNull();
  }

  @Test
  void enableKeyRotation_setsThePeriod_andAPeriodOutOfRangeIsRefused() {
    String keyId = dev.createKey(k -> k.description("auto")).keyMetadata().keyId();
    KmsException tooShort =
        catchThrowableOfType(
            KmsException.class,
            () -> dev.enableKeyRotation(r -> r.keyId(keyId).rotationPeriodInDays(30)));
    assertThat(tooShort.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    assertThat(tooShort.statusCode()).isEqualTo(400);
    assertThat(dev.getKeyRotationStatus(r -> r.keyId(keyId)).keyRotationEnabled()).isFalse();

    dev.enableKeyRotation(r -> r.keyId(keyId).rotationPeriodInDays(180));
    GetKeyRotationStatusResponse status = dev.getKeyRotationStatus(r -> r.keyId(keyId));
    assertThat(status.keyRotationEnabled()).isTrue();
    assertThat(status.keyId()).isEqualTo(keyId);
    assertThat(status.rotationPeriodInDays()).isEqualTo(180);
    assertThat(status.nextRotationDate()).isAfter(status.nextRotationDate().minusSeconds(1));
    assertThat(status.onDemandRotationStartDate()).isNull();

    dev.disableKey(d -> d.keyId(keyId));
    catchThrowableOfType(DisabledException.class, () -> dev.rotateKeyOnDemand(r -> r.keyId(keyId)));
    dev.enableKey(d -> d.keyId(keyId));
    dev.disableKeyRotation(r -> r.keyId(keyId));
    status = dev.getKeyRotationStatus(r -> r.keyId(keyId));
    assertThat(status.keyRotationEnabled()).isFalse();
    assertThat(status.rotationPeriodInDays()).isNull();
  }
}
